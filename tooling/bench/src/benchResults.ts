// Where every benchmark writes its result: tooling/bench/results/NAME.json and NAME.md, and the
// markdown table on stdout.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const RESULTS_DIR = path.join(__dirname, '..', 'results');

export function writeBenchResult(name: string, json: unknown, markdown: string): void {
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(path.join(RESULTS_DIR, `${name}.json`), `${JSON.stringify(json, null, 2)}\n`);
  writeFileSync(path.join(RESULTS_DIR, `${name}.md`), markdown);
  process.stdout.write(markdown);
}
