import { writeFileSync } from 'node:fs';
import { Command, Option } from 'commander';
import { csvTemplate, DEFAULT_TEMPLATE_LAYOUT, TEMPLATE_LAYOUT_NAMES, templateNote, type TemplateLayout } from '../template';
import { escapeText } from '../review/escape';
import { reportUsage } from './common';

/** Why --out cannot be written, for the admin (the error code, never Node's raw message). */
export function cannotWrite(out: string, code: string | undefined): string {
  const file = escapeText(out);
  if (code === 'EEXIST') return `${file} exists already: delete it or choose another --out`;
  if (code === 'ENOENT') return `cannot write ${file}: its folder does not exist (create it first)`;
  if (code === 'EISDIR') return `cannot write ${file}: it is a folder`;
  return `cannot write ${file} (${code ?? 'error'})`;
}

export function templateCommand(): Command {
  return new Command('template')
    .summary("one of the console's CSV templates with an example row")
    .description(
      "Write one of the console's Import users CSV templates (header + one example row) to start a users file. The example row is refused by validate until you edit it into a real user or delete it.",
    )
    .addOption(
      new Option('-l, --layout <layout>', "newest (12 columns: persistent connection, audio enhancement; no email, password, auto-accept or ACW), previous (16 columns), older (11 columns)")
        .choices(TEMPLATE_LAYOUT_NAMES)
        .default(DEFAULT_TEMPLATE_LAYOUT),
    )
    .option('--saml', 'the SAML variant: no email address and no password columns')
    .option('-o, --out <file>', 'write to this file instead of standard output (refuses to overwrite)')
    .action((opts: { layout: TemplateLayout; saml?: boolean; out?: string }) => {
      const text = csvTemplate({ layout: opts.layout, saml: opts.saml });
      if (!opts.out) {
        process.stdout.write(text);
        process.stderr.write(templateNote('the template'));
        return;
      }
      try {
        writeFileSync(opts.out, text, { flag: 'wx' });
      } catch (err) {
        return reportUsage(cannotWrite(opts.out, (err as NodeJS.ErrnoException).code));
      }
      process.stderr.write(`wrote ${opts.out} (the console's ${opts.layout} template${opts.saml ? ', SAML' : ''})\n${templateNote(opts.out)}`);
    });
}
