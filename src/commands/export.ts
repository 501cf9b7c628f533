import { existsSync, mkdirSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { Command, Option } from 'commander';
import type { IdentityManagementType } from '../model';
import { EXIT, parseIdentityManagementType, positive, reportUsage } from './common';
import { awsSetupMessage, describeError, isAwsError, isCredentialsError, noCredentialsMessage } from '../connect/errors';
import type { CommandSender } from '../connect/client';

interface ExportCliOptions {
  instanceId: string;
  region?: string;
  profile?: string;
  out: string;
  rate: number;
  restart?: boolean;
  force?: boolean;
  withoutEmails?: boolean;
  identityManagement?: IdentityManagementType;
}

export function exportCommand(): Command {
  return new Command('export')
    .summary("adopt an instance's existing users (users CSV + import ids)")
    .description(
      "Adopt existing users: read an instance's users (names of profiles and groups included, emails included) into a users CSV (no passwords) and an imports file, so the first deploy imports them instead of creating duplicates. One DescribeUser per user, paced for Connect's throttling; resumes after an interruption.",
    )
    .requiredOption('--instance-id <id>', 'the Connect instance id')
    .addOption(new Option('--region <region>', 'its AWS region').env('AWS_REGION'))
    .addOption(new Option('--profile <name>', 'the AWS profile to use').env('AWS_PROFILE'))
    .option('-o, --out <file>', 'the users CSV to write; the imports go beside it (<name>.imports.json)', 'users/imported.csv')
    .addOption(new Option('--rate <n>', 'Connect API requests per second, at most').default(2).argParser(positive))
    .option('--restart', 'ignore the checkpoint of an interrupted export and start over')
    .option('--force', 'overwrite existing output files')
    .addOption(
      new Option('-i, --identity-management <type>', "the instance's identity management type (CONNECT_MANAGED, SAML, EXISTING_DIRECTORY); default: asked from Connect (one DescribeInstance call)").argParser(
        parseIdentityManagementType,
      ),
    )
    .option('--without-emails', 'fast preview: no DescribeUser (~1% of the calls), no emails; the file cannot be adopted as it is (see the README)')
    .action((opts: ExportCliOptions) => runExport(opts));
}

/** For tests: the client to use instead of a ConnectClient from the standard AWS configuration. */
export interface ExportDeps {
  readonly client?: CommandSender;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly now?: () => number;
}

export async function runExport(opts: ExportCliOptions, deps: ExportDeps = {}): Promise<void> {
  const out = path.resolve(opts.out);
  const shown = (file: string) => path.relative(process.cwd(), file) || file;
  const importsPath = out.replace(/\.csv$/i, '') + '.imports.json';
  const checkpointPath = `${out}.partial.json`;
  const lockPath = `${out}.lock`;
  if (!opts.force && (existsSync(out) || existsSync(importsPath))) {
    return reportUsage(`${opts.out} or its imports file exists already: pass --force to overwrite`);
  }
  // Loaded only here: the AWS SDK costs ~100 ms that no other command needs.
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { awsSetupProblem, connectClient, pacedSender } = require('../connect/client') as typeof import('../connect/client');
  const { progressText, throttledProgress } = require('../connect/progress') as typeof import('../connect/progress');
  const { escapeText: visible } = require('../review/escape') as typeof import('../review/escape');
  const { exportUsers, exportedCsv, importsFile, WITHOUT_EMAILS_NOTE } = require('../export/export-users') as typeof import('../export/export-users');
  const files = require('../export/files') as typeof import('../export/files');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const stderr = (text: string) => process.stderr.write(text);
  const resume = () => (existsSync(checkpointPath) ? ` to resume from ${shown(checkpointPath)}` : '');

  let release: (() => void) | undefined;
  try {
    // No region or no credentials: said before any call (and before any file is written), exit 2.
    const connect = deps.client ?? connectClient({ region: opts.region, profile: opts.profile });
    const setup = await awsSetupProblem(connect);
    if (setup) {
      const again = setup.kind === 'credentials' ? `. Then run the same command again${opts.restart || opts.withoutEmails ? '' : resume()}.` : '';
      return reportUsage(`${visible(awsSetupMessage(setup))}${again}`);
    }
    files.local(path.dirname(out), 'create', () => mkdirSync(path.dirname(out), { recursive: true }));
    release = files.acquireLock(lockPath, shown(out));
    let resumeFrom;
    if (!opts.withoutEmails && !opts.restart) {
      resumeFrom = files.readCheckpoint(checkpointPath);
      if (resumeFrom && resumeFrom.instanceId !== opts.instanceId) {
        stderr(`note: ${shown(checkpointPath)} is the checkpoint of instance ${visible(resumeFrom.instanceId)}, not ${visible(opts.instanceId)}: not used, starting over\n`);
        resumeFrom = undefined;
      } else if (resumeFrom) {
        stderr(`resuming: the emails of ${Object.keys(resumeFrom.emails).length} user(s) are read already (--restart to start over)\n`);
      }
    }
    const client = pacedSender(connect, {
      rate: opts.rate,
      sleep: deps.sleep,
      now: deps.now,
      onRetry: (attempt, delay, err) => stderr(`  ${visible(err.name)}: retry ${attempt} in ${(delay / 1000).toFixed(1)} s\n`),
    });
    const progress = throttledProgress(process.stderr, deps.now);
    const result = await exportUsers({
      client,
      instanceId: opts.instanceId,
      identityManagementType: opts.identityManagement,
      withoutEmails: opts.withoutEmails,
      resumeFrom,
      saveCheckpoint: (c) => files.writeFileAtomic(checkpointPath, JSON.stringify(c)),
      onProgress: (p) => progress(() => `${progressText(p)} (${client.calls} calls)`),
    });
    files.writeFileAtomic(out, exportedCsv(result.users, result.identityManagementType));
    files.writeFileAtomic(importsPath, `${JSON.stringify(importsFile(opts.instanceId, result.users, { emails: result.emails }), null, 2)}\n`);
    files.local(checkpointPath, 'remove', () => rmSync(checkpointPath, { force: true }));
    for (const w of result.warnings) stderr(`warning: ${visible(w)}\n`);
    stderr(
      `wrote ${result.users.length} user(s) to ${shown(out)} and their ids to ${shown(importsPath)} ` +
        `(${client.calls} API calls, ${(client.calls / opts.rate / 60).toFixed(1)} min at ${opts.rate}/s).\n`,
    );
    if (!result.emails) stderr(`The emails were ${WITHOUT_EMAILS_NOTE}\n`);
    else {
      stderr(
        `Next: review the file, move it into the users folder of the stack of this instance (its identityManagementType must be ${result.identityManagementType}, as the file is written for it), run validate, then plan: the users show as "will be imported".\n`,
      );
    }
  } catch (err) {
    if (err instanceof files.LocalFileError) {
      stderr(`connect-users: the export stopped: ${visible(err.message)}. Fix that and run the same command again${resume()}.\n`);
      process.exitCode = EXIT.usage;
    } else if (err instanceof files.ExportUsageError) {
      reportUsage(visible(err.message));
    } else if (isCredentialsError(err)) {
      // Credentials that ran out during the export (an SSO session that ended): after calls, so an AWS error.
      stderr(`connect-users: the export stopped: ${visible(noCredentialsMessage(err))}. Then run the same command again${resume()}.\n`);
      process.exitCode = EXIT.aws;
    } else if (isAwsError(err)) {
      stderr(`connect-users: the export stopped on an AWS error: ${visible(describeError(err))}. Run the same command again${resume()}.\n`);
      process.exitCode = EXIT.aws;
    } else {
      throw err;
    }
  } finally {
    release?.();
  }
}
