import fc from 'fast-check';
import {
  LEGACY_SAMPLE_RULES,
  conformingKeyArb,
  legacyKeyArb,
  legacyKeyArbFor,
  type LegacySample,
} from '../../../../tooling/test-harness/src/arbitraries';
import { S3PathConfig } from '../layout/S3PathConfig';
import type { JobLookup } from './Classification';
import { DEFAULT_LEGACY_RULES } from './defaultLegacyRules';
import { PathResolver } from './PathResolver';

const resolvers = new Map<string, PathResolver>();
function resolverFor(prefix: string): PathResolver {
  let r = resolvers.get(prefix);
  if (r === undefined) {
    r = new PathResolver(S3PathConfig.create({ prefix }));
    resolvers.set(prefix, r);
  }
  return r;
}

const lookupOf = (sample: { job?: { id: number; createdAt: Date } }): JobLookup => (id) =>
  sample.job !== undefined && sample.job.id === id ? new Date(sample.job.createdAt) : undefined;

describe('legacy rules', () => {
  it('the arbitraries cover every default rule', () => {
    expect([...LEGACY_SAMPLE_RULES].sort()).toEqual(DEFAULT_LEGACY_RULES.map((r) => r.id).sort());
  });

  it.each(LEGACY_SAMPLE_RULES)('every legacy key of rule %s converts, by that rule, to a conforming key', (rule) => {
    fc.assert(
      fc.property(legacyKeyArbFor(rule), (sample) => {
        const resolver = resolverFor(sample.prefix);
        const lookup = lookupOf(sample);
        const c = resolver.classify(sample.key, lookup);
        expect(c).toMatchObject({ status: 'converted', rule, output: sample.expected, artifactType: sample.artifactType });
        if (c.status !== 'converted') return;
        expect(resolver.classify(c.output, lookup)).toMatchObject({ status: 'conforming', artifactType: sample.artifactType });
        expect(resolver.isLegacyPath(sample.key, lookup)).toBe(true);
        if (sample.job !== undefined) expect(c.jobId).toBe(sample.job.id);
      }),
      { numRuns: 100 },
    );
  });

  it('conforming keys are never converted, nor called legacy', () => {
    fc.assert(
      fc.property(conformingKeyArb, (sample) => {
        const resolver = resolverFor(sample.prefix);
        const lookup = lookupOf(sample);
        expect(resolver.classify(sample.key, lookup)).toEqual({
          status: 'conforming',
          input: sample.key,
          artifactType: sample.artifactType,
        });
        expect(resolver.classify(sample.key)).toMatchObject({ status: 'conforming' });
        expect(resolver.isLegacyPath(sample.key, lookup)).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('two different legacy keys map to one new key only within a collision group the rules declare', () => {
    // Pairs drawn with shared job names and remainders, so collisions are actually tried.
    const pairArb = fc
      .tuple(legacyKeyArb, legacyKeyArb, fc.boolean())
      .map(([a, b, samePrefix]): [LegacySample, LegacySample] => (samePrefix ? [a, { ...b, prefix: a.prefix }] : [a, b]));
    const group = new Map(DEFAULT_LEGACY_RULES.map((r) => [r.id, r.collisionGroup]));
    fc.assert(
      fc.property(pairArb, fc.constantFrom('', 'p'), ([a, b], prefix) => {
        const resolver = resolverFor(prefix);
        const strip = (s: LegacySample): string => (s.prefix === '' ? s.key : s.key.slice(s.prefix.length + 1));
        const ka = prefix === '' ? strip(a) : `${prefix}/${strip(a)}`;
        const kb = prefix === '' ? strip(b) : `${prefix}/${strip(b)}`;
        const lookup: JobLookup = (id) => (a.job?.id === id ? a.job.createdAt : b.job?.id === id ? b.job.createdAt : undefined);
        const ca = resolver.classify(ka, lookup);
        const cb = resolver.classify(kb, lookup);
        if (ka !== kb && ca.status === 'converted' && cb.status === 'converted' && ca.output === cb.output) {
          expect(group.get(ca.rule)).toBeDefined();
          expect(group.get(ca.rule)).toBe(group.get(cb.rule));
          expect(ca.collisionGroup).toBe(cb.collisionGroup);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('rules of one group do produce collisions, which is why the group exists', () => {
    const resolver = resolverFor('');
    const outputs = ['datasets//training-output/j/x', 'datasets/training-output/j/x', 'training-output/j/x'].map(
      (k) => resolver.classify(k),
    );
    expect(new Set(outputs.map((c) => (c.status === 'converted' ? c.output : c.status)))).toEqual(
      new Set(['models/training/j/x']),
    );
    expect(new Set(outputs.map((c) => (c.status === 'converted' ? c.collisionGroup : undefined)))).toEqual(
      new Set(['training-output']),
    );
  });

  it('carries the captured remainder over byte for byte (spaces, +, %, non-ASCII)', () => {
    const carrying = LEGACY_SAMPLE_RULES.filter((r) => !r.includes('double-slash'));
    fc.assert(
      fc.property(fc.oneof(...carrying.map((r) => legacyKeyArbFor(r))), (sample) => {
        const c = resolverFor(sample.prefix).classify(sample.key, lookupOf(sample));
        expect(c.status).toBe('converted');
        if (c.status === 'converted' && sample.rest !== undefined) {
          expect(c.output.endsWith(sample.rest)).toBe(true);
          expect(sample.key.endsWith(sample.rest)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('is total: any string gets a classification, never an exception', () => {
    const resolver = resolverFor('');
    const anyKeyArb = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 80 }),
      fc.string({ maxLength: 1100 }),
      fc.array(fc.constantFrom('datasets', '', 'training-output', 'jobs', '12', 'x.png', '..', 'raw', 'models'), { maxLength: 8 }).map((s) => s.join('/')),
    );
    fc.assert(
      fc.property(anyKeyArb, (key) => {
        const c = resolver.classify(key, () => new Date('2025-01-01T00:00:00Z'));
        expect(['converted', 'conforming', 'unknown', 'needs-lookup', 'invalid']).toContain(c.status);
        expect(c.input).toBe(key);
        if (c.status === 'converted') expect(resolver.classify(c.output).status).toBe('conforming');
      }),
      { numRuns: 500 },
    );
  });
});
