import { safeJson } from '../problems';
import * as path from 'node:path';
import { Command } from 'commander';
import { affectedStacks, typeScriptImports, type DescribedStack } from '../review/affected';
import { escapeText } from '../review/escape';
import { changedFiles, GitError } from '../review/git';
import { CommandError, reportUsage } from './common';
import { describeStacks } from './stacks';

export function affectedCommand(): Command {
  return new Command('affected')
    .summary('the stacks a change touches, to plan and deploy only those')
    .description(
      'Print the stacks whose user files, the files their TypeScript user files import, or shared settings (main.ts, src/, package files) changed since --base (in the working tree, uncommitted changes included), one per line, so CI plans and deploys only those. When no stack is affected, stdout stays empty (exit 0) and stderr says so.',
    )
    .option('-b, --base <revision>', 'the git revision to compare with, e.g. origin/main')
    .option('--all', 'print every stack (e.g. when there is no base to compare with)')
    .option('--json', 'print each stack with its users folder and the files that affect it')
    .action((opts: { base?: string; all?: boolean; json?: boolean }) => {
      if (!opts.base === !opts.all) return reportUsage('give either --base <revision> or --all');
      try {
        const stacks = describeStacks();
        let affected: (DescribedStack & { because?: readonly string[] })[] = stacks;
        if (opts.base) {
          const { root, files } = changedFiles(opts.base, process.cwd());
          const inRepo = stacks.map((s) => ({ ...s, usersDir: path.relative(root, path.resolve(s.usersDir)) || '.' }));
          const imports = new Map(inRepo.map((s) => [s.id, typeScriptImports(s.usersDir, root)]));
          affected = affectedStacks(inRepo, files, imports);
        }
        process.stdout.write(opts.json ? `${safeJson(affected, 2)}\n` : affected.map((s) => `${s.id}\n`).join(''));
        // stdout is for scripts (empty: nothing to plan); the admin reading the log is told why it is empty.
        if (affected.length === 0) process.stderr.write('connect-users: no stack is affected by the change (nothing to plan)\n');
      } catch (err) {
        if (!(err instanceof GitError || err instanceof CommandError)) throw err;
        // A CommandError's lines are escaped already (describeStacks); a GitError's message is one line.
        reportUsage(err instanceof CommandError ? err.message : escapeText(err.message));
      }
    });
}
