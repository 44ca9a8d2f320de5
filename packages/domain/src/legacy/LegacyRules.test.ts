import { InvalidConfigError } from '../errors/InvalidConfigError';
import { DEFAULT_PATH_CONFIG } from '../layout/S3PathConfig';
import { DEFAULT_LEGACY_RULES } from './defaultLegacyRules';
import { LegacyRules } from './LegacyRules';
import { PathResolver } from './PathResolver';

const rule = {
  id: 'old-exports',
  description: 'Exports of the old portal.',
  pattern: 'exports/(?<job>[^/]+)/(?<rest>.+)',
  target: '{$trainingFolder}/{job}/exports/{rest}',
  action: 'copy',
  artifactType: 'training-output',
};

describe('LegacyRules.fromJson', () => {
  it('reads back the default rules, which are plain JSON data', () => {
    const json = LegacyRules.toJson(DEFAULT_LEGACY_RULES);
    expect(LegacyRules.fromJson(json)).toEqual(DEFAULT_LEGACY_RULES);
    expect(LegacyRules.fromJson(JSON.parse(json))).toEqual(DEFAULT_LEGACY_RULES);
  });

  it('lets an operator extend the defaults with a rule of their own', () => {
    const rules = LegacyRules.fromJson(JSON.stringify([...DEFAULT_LEGACY_RULES, rule]));
    const resolver = new PathResolver(DEFAULT_PATH_CONFIG, rules);
    expect(resolver.classify('exports/j/a.csv')).toMatchObject({
      status: 'converted',
      output: 'models/training/j/exports/a.csv',
      rule: 'old-exports',
    });
    expect(Object.isFrozen(rules)).toBe(true);
  });

  it.each([
    ['not JSON', '{', /not valid JSON/],
    ['not an array', '{"x":1}', /array of rules/],
    ['an unknown field', [{ ...rule, extra: 1 }], /rules\[0\]\.extra/],
    ['a missing id', [{ ...rule, id: '' }], /rules\[0\]\.id/],
    ['a duplicate id', [rule, rule], /rules\[1\]\.id/],
    ['a bad action', [{ ...rule, action: 'move' }], /action/],
    ['a bad artifact type', [{ ...rule, artifactType: 'model' }], /artifactType/],
    ['a pattern that does not compile', [{ ...rule, pattern: '(?<job>[' }], /does not compile/],
    ['a target naming no capture', [{ ...rule, target: '{$trainingFolder}/{nope}' }], /not a capture/],
    ['an unknown folder', [{ ...rule, target: '{$modelsFolder}/{job}' }], /not a configured folder/],
    ['{$ts} without the lookup', [{ ...rule, target: 'jobs/{$ts}/{rest}' }], /needsLookup/],
    ['a lookup rule without id', [{ ...rule, needsLookup: 'job-created-at' }], /capture the job as "id"/],
    ['an unknown constraint', [{ ...rule, where: { job: 'uuid' } }], /where\.job/],
    ['a constraint on no capture', [{ ...rule, where: { nope: 'segment' } }], /names no capture/],
  ])('rejects %s with InvalidConfigError', (_what, json, message) => {
    expect(() => LegacyRules.fromJson(json)).toThrow(InvalidConfigError);
    expect(() => LegacyRules.fromJson(json)).toThrow(message);
  });

  it('accepts { "rules": [...] } as well as a bare array', () => {
    expect(LegacyRules.fromJson({ rules: [rule] })).toHaveLength(1);
  });
});
