import { InvalidConfigError } from '../errors/InvalidConfigError';
import type { S3PathConfig } from '../layout/S3PathConfig';
import type { LegacyRule } from './LegacyRule';

/** A rule made ready for one layout: its pattern compiled, its target split into parts. */
export interface CompiledRule {
  readonly rule: LegacyRule;
  readonly regex: RegExp;
  /** Literal text, or a capture / `$ts` to insert. */
  readonly target: readonly TargetPart[];
}

export type TargetPart =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'capture'; readonly name: string }
  | { readonly kind: 'ts' };

const PLACEHOLDER = /\{(\$?[A-Za-z_][A-Za-z0-9_.]*)\}/g;

function configValues(config: S3PathConfig): Record<string, string> {
  return {
    trainingFolder: config.trainingFolder,
    compilationFolder: config.compilationFolder,
    datasetFolder: config.datasetFolder,
    deploymentFolder: config.deploymentFolder,
    jobsFolder: config.jobsFolder,
    imagesFolder: config.imagesFolder,
    'datasetTypes.raw': config.datasetTypes.raw,
    'datasetTypes.manifests': config.datasetTypes.manifests,
    'datasetTypes.labeled': config.datasetTypes.labeled,
  };
}

// Only syntax characters: with the `u` flag an escaped `-` outside a class is an error.
const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Compiles `rule` for `config`; every problem is an InvalidConfigError at `path`. */
export function compileRule(rule: LegacyRule, config: S3PathConfig, path = `rule ${rule.id}`): CompiledRule {
  const values = configValues(config);

  const source = rule.pattern.replace(/\{\$([A-Za-z_][A-Za-z0-9_.]*)\}/g, (whole, name: string) => {
    const value = values[name];
    if (value === undefined) {
      throw new InvalidConfigError(`${path}.pattern`, rule.pattern, `${whole} is not a configured folder`);
    }
    return escapeRegExp(value);
  });
  let regex: RegExp;
  let captures: Set<string>;
  try {
    regex = new RegExp(`^(?:${source})$`, 'su');
    // An alternative that matches the empty string reveals every group name of the pattern.
    captures = new Set(Object.keys(new RegExp(`(?:${source})|`, 'su').exec('')?.groups ?? {}));
  } catch (e) {
    throw new InvalidConfigError(`${path}.pattern`, rule.pattern, `does not compile: ${(e as Error).message}`);
  }

  const target: TargetPart[] = [];
  let last = 0;
  for (const m of rule.target.matchAll(PLACEHOLDER)) {
    const name = m[1] as string;
    if (m.index > last) target.push({ kind: 'text', text: rule.target.slice(last, m.index) });
    last = m.index + m[0].length;
    if (name === '$ts') {
      if (rule.needsLookup !== 'job-created-at') {
        throw new InvalidConfigError(`${path}.target`, rule.target, '{$ts} needs needsLookup: "job-created-at"');
      }
      target.push({ kind: 'ts' });
    } else if (name.startsWith('$')) {
      const value = values[name.slice(1)];
      if (value === undefined) {
        throw new InvalidConfigError(`${path}.target`, rule.target, `{${name}} is not a configured folder`);
      }
      target.push({ kind: 'text', text: value });
    } else {
      if (!captures.has(name)) {
        throw new InvalidConfigError(`${path}.target`, rule.target, `{${name}} is not a capture of the pattern`);
      }
      target.push({ kind: 'capture', name });
    }
  }
  if (last < rule.target.length) target.push({ kind: 'text', text: rule.target.slice(last) });

  for (const capture of [...Object.keys(rule.where ?? {}), ...(rule.collapse ?? [])]) {
    if (!captures.has(capture)) {
      throw new InvalidConfigError(`${path}.where`, capture, 'names no capture of the pattern');
    }
  }
  if (rule.needsLookup === 'job-created-at' && !captures.has('id')) {
    throw new InvalidConfigError(`${path}.pattern`, rule.pattern, 'a rule needing the job lookup must capture the job as "id"');
  }
  if (Object.values(rule.where ?? {}).includes('not-job-timestamp') && rule.needsLookup !== 'job-created-at') {
    throw new InvalidConfigError(`${path}.where`, rule.where, '"not-job-timestamp" needs needsLookup: "job-created-at"');
  }
  return Object.freeze({ rule, regex, target: Object.freeze(target) });
}
