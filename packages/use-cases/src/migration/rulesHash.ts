import { createHash } from 'node:crypto';

/** Identifies a set of legacy rules, so a journal is never resumed under different rules. */
export function rulesHash(rules: unknown): string {
  return createHash('sha256').update(JSON.stringify(rules)).digest('hex');
}
