// The Lambda entry points: every module of src/handlers with a `handler` export, by file name.
import { readdirSync } from 'node:fs';
import path from 'node:path';

export const LAMBDAS_DIR = path.resolve(__dirname, '..', '..');
export const REPO_ROOT = path.resolve(LAMBDAS_DIR, '..', '..');
export const HANDLERS_DIR = path.join(LAMBDAS_DIR, 'src', 'handlers');

export function handlerEntries(): string[] {
  return readdirSync(HANDLERS_DIR)
    .filter((f) => f.endsWith('.ts') && !/\.(test|fixture)\.ts$/.test(f) && f !== 'index.ts')
    .map((f) => f.slice(0, -'.ts'.length))
    .sort();
}

export function handlerSource(entry: string): string {
  return path.join(HANDLERS_DIR, `${entry}.ts`);
}
