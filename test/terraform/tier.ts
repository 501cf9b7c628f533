/**
 * The jest side of the real-Terraform tier: its tests run only where a
 * terraform binary is on PATH. Without one they are reported as skipped, by
 * name ("... (skipped: no terraform binary on PATH)"), never passed silently;
 * with REQUIRE_TERRAFORM=1 (CI: .ci/run) a missing binary fails the tier.
 */
import { findTerraform } from './terraform';

export const SKIPPED = 'skipped: no terraform binary on PATH';

/** What the tier does in this environment: run, skip (no terraform), or fail (no terraform, but required). */
export function tierMode(env: NodeJS.ProcessEnv): 'run' | 'skip' | 'fail' {
  if (findTerraform(env)) return 'run';
  return env.REQUIRE_TERRAFORM === '1' ? 'fail' : 'skip';
}

/**
 * How long a test of the tier may take. Concurrent tests wait for a place in
 * the pool (terraform.ts) with their clock running, so this is about the whole
 * file, not one run (a run takes 0.3-2 s).
 */
export const TIER_TIMEOUT_MS = 120_000;

/** `describe` for tests that run terraform: skipped by name, or failing, when there is no terraform binary. */
export function describeTerraform(title: string, body: () => void): void {
  switch (tierMode(process.env)) {
    case 'run':
      jest.setTimeout(TIER_TIMEOUT_MS);
      describe(title, body);
      break;
    case 'skip':
      // The titles say it (jest --verbose lists them); this line says it in the default output too.
      process.stderr.write(`real-Terraform tier: "${title}" ${SKIPPED} (put terraform 1.5 or later on PATH to run it, 1.11 is tested; REQUIRE_TERRAFORM=1 fails instead)\n`);
      describe.skip(`${title} (${SKIPPED})`, body);
      break;
    case 'fail':
      describe(title, () => {
        it('needs a terraform binary on PATH (REQUIRE_TERRAFORM=1)', () => {
          throw new Error(`REQUIRE_TERRAFORM=1 but no terraform binary is on PATH (${process.env.PATH ?? ''})`);
        });
      });
  }
}

/** Memoizes an async computation: several tests share one Terraform run, started by the first that asks. */
export function once<T>(compute: () => Promise<T>): () => Promise<T> {
  let promise: Promise<T> | undefined;
  return () => (promise ??= compute());
}

/** The diagnostics of Terraform's human output (`-no-color`): severity, summary, detail, and the `on ...` line. */
export interface Diagnostic {
  severity: 'Error' | 'Warning';
  summary: string;
  /** The explanation after the source snippet, lines joined with a space. */
  detail: string;
  /** `main.tf.json line 106, in locals.connect_users.john.roe` (empty when Terraform gives no location). */
  where: string;
  /** The instance it is about, from `with <address>,` (empty when none). */
  instance: string;
  /** The values Terraform shows under the snippet: `each.value.routing_profile is "Supervisors"`. */
  values: string[];
}

/**
 * Splits Terraform's stderr into diagnostics, so tests can assert a title and
 * a detail exactly. Each block is `Error: <summary>`, a blank line, maybe
 * `  on <where>:` with a source snippet (lines starting with a number or `│`
 * marks), a blank line, then the detail. An error about one instance
 * starts with `  with <address>,`.
 */
export function diagnostics(stderr: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  const blocks = stderr.split(/^(?=(?:Error|Warning): )/m).filter((b) => /^(Error|Warning): /.test(b));
  for (const block of blocks) {
    const lines = block.replace(/\s+$/, '').split('\n');
    const [, severity, summary] = /^(Error|Warning): (.*)$/.exec(lines[0])!;
    let where = '';
    let instance = '';
    const values: string[] = [];
    const detail: string[] = [];
    let inSnippet = false;
    for (const line of lines.slice(1)) {
      const on = /^ {2}on (.*):$/.exec(line);
      const withAddress = /^ {2}with (.*),$/.exec(line);
      const value = /^\s+│ (.*)$/.exec(line);
      if (withAddress && !inSnippet) instance = withAddress[1];
      else if (on) {
        where = on[1];
        inSnippet = true;
      } else if (inSnippet && line.trim() === '') inSnippet = false;
      else if (inSnippet && value) values.push(value[1]);
      else if (!inSnippet && line.trim() !== '') detail.push(line.trim());
    }
    out.push({ severity: severity as Diagnostic['severity'], summary, detail: detail.join(' '), where, instance, values });
  }
  return out;
}
