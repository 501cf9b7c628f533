import { writeFileSync } from 'node:fs';
import { Command } from 'commander';
import { csvTemplate } from '../template';
import { reportUsage } from './common';

export function templateCommand(): Command {
  return new Command('template')
    .summary("the console's CSV template with an example row")
    .description("Write the console's current CSV template (header + one example row) to start a users file.")
    .option('--saml', 'the SAML variant: no email address and no password columns')
    .option('-o, --out <file>', 'write to this file instead of standard output (refuses to overwrite)')
    .action((opts: { saml?: boolean; out?: string }) => {
      const text = csvTemplate({ saml: opts.saml });
      if (!opts.out) return void process.stdout.write(text);
      try {
        writeFileSync(opts.out, text, { flag: 'wx' });
      } catch (err) {
        return reportUsage(`cannot write ${opts.out}: ${(err as Error).message}`);
      }
      process.stderr.write(`wrote ${opts.out}\n`);
    });
}
