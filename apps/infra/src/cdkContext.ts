// The feature flags and settings of cdk.json, so an App built in a test behaves exactly like the
// one `cdk synth` builds (the CLI passes cdk.json's context; `new App()` in a test would not).
import { readFileSync } from 'node:fs';
import path from 'node:path';

export const CDK_JSON_PATH = path.resolve(__dirname, '..', 'cdk.json');

export function cdkJsonContext(): Record<string, unknown> {
  const parsed = JSON.parse(readFileSync(CDK_JSON_PATH, 'utf8')) as { context?: Record<string, unknown> };
  return { ...parsed.context };
}
