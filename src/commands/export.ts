import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { Command, Option } from 'commander';
import { EXIT, positive, reportUsage } from './common';

interface ExportCliOptions {
  instanceId: string;
  region?: string;
  out: string;
  rate: number;
  restart?: boolean;
  force?: boolean;
}

export function exportCommand(): Command {
  return new Command('export')
    .summary("adopt an instance's existing users (users CSV + import ids)")
    .description(
      "Adopt existing users: read an instance's users (names of profiles and groups included) into a users CSV (no passwords) and an imports file, so the first deploy imports them instead of creating duplicates. Paced for Connect's throttling; resumes after an interruption.",
    )
    .requiredOption('--instance-id <id>', 'the Connect instance id')
    .addOption(new Option('--region <region>', 'its AWS region').env('AWS_REGION'))
    .option('-o, --out <file>', 'the users CSV to write; the imports go beside it (<name>.imports.json)', 'users/imported.csv')
    .addOption(new Option('--rate <n>', 'Connect API requests per second, at most').default(2).argParser(positive))
    .option('--restart', 'ignore the checkpoint of an interrupted export and start over')
    .option('--force', 'overwrite existing output files')
    .action((opts: ExportCliOptions) => runExport(opts));
}

async function runExport(opts: ExportCliOptions): Promise<void> {
  const out = path.resolve(opts.out);
  const importsPath = out.replace(/\.csv$/i, '') + '.imports.json';
  const checkpointPath = `${out}.partial.json`;
  if (!opts.force && (existsSync(out) || existsSync(importsPath))) {
    return reportUsage(`${opts.out} or its imports file exists already: pass --force to overwrite`);
  }
  // Loaded only here: the AWS SDK costs ~100 ms that no other command needs.
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { ConnectClient } = require('@aws-sdk/client-connect') as typeof import('@aws-sdk/client-connect');
  const { pacedSender } = require('../export/connect-client') as typeof import('../export/connect-client');
  const { exportUsers, exportedCsv, importsFile } = require('../export/export-users') as typeof import('../export/export-users');
  /* eslint-enable @typescript-eslint/no-require-imports */
  let resumeFrom;
  if (!opts.restart && existsSync(checkpointPath)) {
    resumeFrom = JSON.parse(readFileSync(checkpointPath, 'utf8'));
    process.stderr.write(`resuming: ${resumeFrom.users?.length ?? 0} user(s) already described (--restart to start over)\n`);
  }
  let last = 0;
  const client = pacedSender(new ConnectClient({ region: opts.region, maxAttempts: 1 }), {
    rate: opts.rate,
    onRetry: (attempt, delay, err) => process.stderr.write(`  ${err.name}: retry ${attempt} in ${(delay / 1000).toFixed(1)} s\n`),
  });
  try {
    mkdirSync(path.dirname(out), { recursive: true });
    const result = await exportUsers({
      client,
      instanceId: opts.instanceId,
      resumeFrom,
      saveCheckpoint: (c) => writeFileSync(checkpointPath, JSON.stringify(c)),
      onProgress: (p) => {
        if (Date.now() - last < 1000 && p.done !== p.total) return;
        last = Date.now();
        process.stderr.write(p.phase === 'describe' ? `described ${p.done}/${p.total} users\n` : `reading ${p.phase === 'list' ? 'the user list' : 'profiles'}...\n`);
      },
    });
    writeFileSync(out, exportedCsv(result.users));
    writeFileSync(importsPath, `${JSON.stringify(importsFile(opts.instanceId, result.users), null, 2)}\n`);
    rmSync(checkpointPath, { force: true });
    for (const w of result.warnings) process.stderr.write(`warning: ${w}\n`);
    process.stderr.write(
      `wrote ${result.users.length} user(s) to ${opts.out} and their ids to ${path.relative(process.cwd(), importsPath)} (${client.calls} API calls).\n` +
        'Next: review the file, move it into the users folder of the right stack, run validate, then plan: the users show as "will be imported".\n',
    );
  } catch (err) {
    const e = err as Error;
    process.stderr.write(`connect-users: the export stopped: ${e.name}: ${e.message}\nRun the same command again to resume from ${path.relative(process.cwd(), checkpointPath)}.\n`);
    process.exitCode = EXIT.aws;
  }
}
