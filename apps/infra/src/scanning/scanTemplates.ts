// cfn-lint and checkov over synthesized templates, their findings as plain lines a test can
// compare with []. Both run offline: checkov downloads nothing (--skip-download) and cfn-lint
// carries its resource specifications.
import { execFile } from 'node:child_process';
import path from 'node:path';
import type { Scanners } from './installScanners';

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function run(command: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { env, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : undefined;
      if (code === undefined) reject(new Error(`${path.basename(command)} did not run: ${error?.message ?? ''}\n${stderr}`));
      else resolve({ code, stdout, stderr });
    });
  });
}

interface CfnLintMatch {
  readonly Rule: { readonly Id: string };
  readonly Message: string;
  readonly Filename: string;
  readonly Location?: { readonly Path?: readonly (string | number)[] };
}

/** Every error, warning and informational finding, as `{template}: {rule} {path}: {message}`. */
export async function cfnLintFindings(scanners: Scanners, templates: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<string[]> {
  const { code, stdout, stderr } = await run(scanners.cfnLint, ['--format', 'json', ...templates], env);
  // cfn-lint's exit code is a bit field of what it found (2 errors, 4 warnings, 8 informational); 1 is a crash.
  if (code === 1 || (code !== 0 && stdout.trim() === '')) throw new Error(`cfn-lint failed (exit ${code}): ${stderr}`);
  const matches = JSON.parse(stdout === '' ? '[]' : stdout) as CfnLintMatch[];
  return matches.map((m) => `${path.basename(m.Filename)}: ${m.Rule.Id} ${(m.Location?.Path ?? []).join('/')}: ${m.Message}`);
}

interface CheckovReport {
  readonly results: {
    readonly failed_checks: readonly { check_id: string; check_name: string; resource: string; file_path: string }[];
  };
  readonly summary: { readonly failed: number; readonly parsing_errors: number };
}

/** Every failed check (skips recorded in the templates are not failures), as `{template}: {check} {resource}: {name}`. */
export async function checkovFindings(scanners: Scanners, templates: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<string[]> {
  const args = [...templates.flatMap((t) => ['-f', t]), '--framework', 'cloudformation', '--skip-download', '--compact', '--quiet', '--output', 'json'];
  const { code, stdout, stderr } = await run(scanners.checkov, args, env);
  const parsed = JSON.parse(stdout === '' ? '[]' : stdout) as CheckovReport | CheckovReport[];
  const reports = Array.isArray(parsed) ? parsed : [parsed];
  const findings = reports.flatMap((r) => [
    ...r.results.failed_checks.map((c) => `${path.basename(c.file_path)}: ${c.check_id} ${c.resource}: ${c.check_name}`),
    ...(r.summary.parsing_errors > 0 ? [`${r.summary.parsing_errors} template(s) checkov could not parse`] : []),
  ]);
  // Exit 1 means failed checks; anything else non-zero is checkov itself failing.
  if (code !== 0 && findings.length === 0) throw new Error(`checkov failed (exit ${code}): ${stderr}`);
  return findings;
}
