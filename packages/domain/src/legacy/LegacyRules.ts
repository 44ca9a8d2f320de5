import { InvalidConfigError } from '../errors/InvalidConfigError';
import { DEFAULT_PATH_CONFIG } from '../layout/S3PathConfig';
import { isArtifactType } from './ArtifactType';
import { compileRule } from './compileRule';
import { CAPTURE_CONSTRAINTS, type CaptureConstraint, type LegacyRule } from './LegacyRule';

const KEYS = /* @__PURE__ */ new Set([
  'id',
  'description',
  'pattern',
  'target',
  'where',
  'collapse',
  'needsLookup',
  'action',
  'artifactType',
  'collisionGroup',
]);

/** Loading and checking an operator's legacy rules file. */
export const LegacyRules = /* @__PURE__ */ Object.freeze({
  /**
   * Validates rules given as JSON text or as the parsed value (an array of rules, or
   * `{ "rules": [...] }`) and returns them frozen. Every problem is an InvalidConfigError naming
   * the rule and the field: unknown fields, a pattern that does not compile, a target naming a
   * capture the pattern lacks, a duplicate id...
   */
  fromJson(json: unknown): readonly LegacyRule[] {
    let value = json;
    if (typeof json === 'string') {
      try {
        value = JSON.parse(json) as unknown;
      } catch (e) {
        throw new InvalidConfigError('rules', json, `is not valid JSON: ${(e as Error).message}`);
      }
    }
    if (isRecord(value) && Array.isArray(value.rules)) value = value.rules;
    if (!Array.isArray(value)) {
      throw new InvalidConfigError('rules', value, 'must be an array of rules (or { "rules": [...] })');
    }
    const ids = new Set<string>();
    const rules = value.map((raw, i) => {
      const rule = validRule(raw, `rules[${i}]`);
      if (ids.has(rule.id)) throw new InvalidConfigError(`rules[${i}].id`, rule.id, 'is used by an earlier rule');
      ids.add(rule.id);
      // Compiling against the default layout catches syntax and capture errors now rather than
      // at the first key.
      compileRule(rule, DEFAULT_PATH_CONFIG, `rules[${i}]`);
      return rule;
    });
    return Object.freeze(rules);
  },

  /** The rules as JSON text, the format fromJson reads back. */
  toJson(rules: readonly LegacyRule[]): string {
    return JSON.stringify({ rules }, null, 2);
  },
});

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function validRule(raw: unknown, path: string): LegacyRule {
  if (!isRecord(raw)) throw new InvalidConfigError(path, raw, 'must be an object');
  for (const key of Object.keys(raw)) {
    if (!KEYS.has(key)) throw new InvalidConfigError(`${path}.${key}`, raw[key], 'is not a rule field');
  }
  const str = (field: string, required = true): string | undefined => {
    const v = raw[field];
    if (v === undefined && !required) return undefined;
    if (typeof v !== 'string' || v === '') {
      throw new InvalidConfigError(`${path}.${field}`, v, 'must be a non-empty string');
    }
    return v;
  };
  const id = str('id') as string;
  const description = str('description') as string;
  const pattern = str('pattern') as string;
  const target = str('target') as string;
  const collisionGroup = str('collisionGroup', false);
  const action = raw.action;
  if (action !== 'copy' && action !== 'transform') {
    throw new InvalidConfigError(`${path}.action`, action, 'must be "copy" or "transform"');
  }
  if (!isArtifactType(raw.artifactType)) {
    throw new InvalidConfigError(`${path}.artifactType`, raw.artifactType, 'is not an artifact type');
  }
  const needsLookup = raw.needsLookup;
  if (needsLookup !== undefined && needsLookup !== 'job-created-at') {
    throw new InvalidConfigError(`${path}.needsLookup`, needsLookup, 'must be "job-created-at" when present');
  }
  let where: Record<string, CaptureConstraint> | undefined;
  if (raw.where !== undefined) {
    if (!isRecord(raw.where)) throw new InvalidConfigError(`${path}.where`, raw.where, 'must be an object');
    where = {};
    for (const [capture, constraint] of Object.entries(raw.where)) {
      if (!(CAPTURE_CONSTRAINTS as readonly unknown[]).includes(constraint)) {
        throw new InvalidConfigError(`${path}.where.${capture}`, constraint, `must be one of ${CAPTURE_CONSTRAINTS.join(', ')}`);
      }
      where[capture] = constraint as CaptureConstraint;
    }
  }
  let collapse: string[] | undefined;
  if (raw.collapse !== undefined) {
    if (!Array.isArray(raw.collapse) || !raw.collapse.every((c) => typeof c === 'string')) {
      throw new InvalidConfigError(`${path}.collapse`, raw.collapse, 'must be an array of capture names');
    }
    collapse = [...(raw.collapse as string[])];
  }
  const rule: LegacyRule = {
    id,
    description,
    pattern,
    target,
    ...(where === undefined ? {} : { where: Object.freeze(where) }),
    ...(collapse === undefined ? {} : { collapse: Object.freeze(collapse) }),
    ...(needsLookup === undefined ? {} : { needsLookup }),
    action,
    artifactType: raw.artifactType,
    ...(collisionGroup === undefined ? {} : { collisionGroup }),
  };
  return Object.freeze(rule);
}
