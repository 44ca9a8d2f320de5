// fast-check arbitraries for the layout: names users type, timestamps, path remainders with the
// characters real buckets hold, and keys of every legacy rule and of the new layout, each with
// what the domain should make of it.
import { NEO_TARGETS, S3PathConfig, formatTimestampPath, type ArtifactType } from '@edgecv/domain';
import fc from 'fast-check';

const ALNUM = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'.split('');
const alnumArb = fc.constantFrom(...ALNUM);
const segmentCharArb = fc.oneof({ weight: 8, arbitrary: alnumArb }, { weight: 2, arbitrary: fc.constantFrom('.', '_', '-') });

/** A user-supplied segment ([A-Za-z0-9._-], never `.` or `..`), up to `max` characters. */
function segmentArb(max: number): fc.Arbitrary<string> {
  return fc
    .string({ unit: segmentCharArb, minLength: 1, maxLength: max })
    .filter((s) => s !== '.' && s !== '..');
}

/** Training/compilation job names as SageMaker allows them (and dots and underscores too). */
export const jobNameArb: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(alnumArb, fc.string({ unit: fc.oneof(alnumArb, fc.constant('-')), maxLength: 40 })).map(([a, b]) => a + b),
  segmentArb(63),
);

export const neoTargetArb: fc.Arbitrary<string> = fc.constantFrom(...NEO_TARGETS);

export const deploymentNameArb: fc.Arbitrary<string> = segmentArb(64);

/** Assignment ids: millisecond timestamps as in spec 003, or other valid segments. */
export const assignmentIdArb: fc.Arbitrary<string> = fc.oneof(
  fc.integer({ min: 1_000_000_000_000, max: 9_999_999_999_999 }).map(String),
  segmentArb(40),
);

const MIN_DATE = new Date('1970-01-01T00:00:00.000Z');
const MAX_DATE = new Date('9999-12-31T23:59:59.999Z');

/** Instants from 1970 to 9999, with leap days, midnights and year ends drawn on purpose. */
export const timestampArb: fc.Arbitrary<Date> = fc.oneof(
  { weight: 6, arbitrary: fc.date({ min: MIN_DATE, max: MAX_DATE, noInvalidDate: true }) },
  {
    weight: 2,
    // Leap days: 4k in 1972..9996, minus the century years that are not leap years.
    arbitrary: fc
      .tuple(fc.integer({ min: 493, max: 2499 }), fc.integer({ min: 0, max: 86_399_999 }))
      .map(([k, ms]) => {
        const y = 4 * k;
        const year = y % 100 === 0 && y % 400 !== 0 ? y - 4 : y;
        return new Date(Date.UTC(year, 1, 29) + ms);
      }),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.integer({ min: 1970, max: 9998 }), fc.constantFrom(0, -1))
      .map(([y, delta]) => new Date(Date.UTC(y, 0, 1) + delta)),
  },
);

export const jobIdArb: fc.Arbitrary<number> = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 1, max: 100_000 }) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }) },
);

export const runIdArb: fc.Arbitrary<number> = fc.integer({ min: 1, max: 1_000_000 });

// Characters found in real keys: spaces, +, %, punctuation, accented letters, CJK, emoji (as
// whole code points: no lone surrogates, no control characters).
const restCharArb = fc.oneof(
  { weight: 10, arbitrary: alnumArb },
  { weight: 4, arbitrary: fc.constantFrom(' ', '+', '%', '-', '_', '.', '(', ')', '&', '=', '#', '~', "'", ',', '@', '!', '$') },
  { weight: 2, arbitrary: fc.integer({ min: 0xa0, max: 0xd7ff }).map((c) => String.fromCodePoint(c)) },
  { weight: 1, arbitrary: fc.integer({ min: 0x1f300, max: 0x1faff }).map((c) => String.fromCodePoint(c)) },
);

/** One segment of a path remainder: never empty, `.` or `..`, never contains `/`. */
export const restSegmentArb: fc.Arbitrary<string> = fc
  .string({ unit: restCharArb, minLength: 1, maxLength: 16 })
  .filter((s) => s !== '.' && s !== '..');

/** A path remainder: 1-4 nested segments with unicode, spaces, `+`, `%`. */
export const restArb: fc.Arbitrary<string> = fc
  .array(restSegmentArb, { minLength: 1, maxLength: 4 })
  .map((segments) => segments.join('/'));

/** A bucket-level prefix: '' (none) or 1-2 valid segments. */
export const pathPrefixArb: fc.Arbitrary<string> = fc.oneof(
  fc.constant(''),
  fc.array(segmentArb(12), { minLength: 1, maxLength: 2 }).map((s) => s.join('/')),
);

/** A generated legacy key, tagged with the rule that must convert it and the key it must become. */
export interface LegacySample {
  readonly rule: string;
  /** The bucket prefix the resolver must be configured with. */
  readonly prefix: string;
  readonly key: string;
  /** The new key (prefix included) the rule must produce. */
  readonly expected: string;
  readonly artifactType: ArtifactType;
  /** For rules that need the job lookup: the job and its created_at. */
  readonly job?: { readonly id: number; readonly createdAt: Date };
  /** The carried-over remainder, for byte-for-byte checks (before any collapse). */
  readonly rest?: string;
}

const slashesArb = (min: number, max: number): fc.Arbitrary<string> =>
  fc.integer({ min, max }).map((n) => '/'.repeat(n));

/** A remainder whose separators may be runs of `/` (for the `datasets//` rules, which collapse them). */
const slashyRestArb: fc.Arbitrary<{ raw: string; collapsed: string }> = fc
  .array(fc.tuple(restSegmentArb, slashesArb(1, 3)), { minLength: 1, maxLength: 4 })
  .map((parts) => ({
    raw: parts.map(([s, sep], i) => (i === 0 ? s : sep + s)).join(''),
    collapsed: parts.map(([s]) => s).join('/'),
  }));

const modelBaseArb = fc.oneof(jobNameArb, fc.constantFrom('model', 'my-model-v2', 'resnet50'));

/** A remainder of a compilation job folder that lands in the layout: `{target}/...` or metadata.json. */
const compilationRestArb = fc.oneof(
  fc.tuple(fc.oneof(neoTargetArb, segmentArb(20)), restArb).map(([t, r]) => `${t}/${r}`),
  fc.constant('metadata.json'),
);

const EXCLUDED_DATASET_FOLDERS = new Set(['raw', 'manifests', 'labeled', 'training-output', 'compilation-output']);

type Body = Omit<LegacySample, 'prefix' | 'key' | 'expected'> & { key: string; expected: string };

const legacyBodies: Array<fc.Arbitrary<Body>> = [
  fc
    .tuple(slashesArb(2, 3), slashesArb(1, 2), jobNameArb, slashesArb(1, 2), slashyRestArb)
    .map(([s1, s2, job, s3, rest]) => ({
      rule: 'training-output-under-datasets-double-slash',
      key: `datasets${s1}training-output${s2}${job}${s3}${rest.raw}`,
      expected: `models/training/${job}/${rest.collapsed}`,
      artifactType: 'training-output' as const,
      rest: rest.raw,
    })),
  fc.tuple(jobNameArb, restArb).map(([job, rest]) => ({
    rule: 'training-output-under-datasets',
    key: `datasets/training-output/${job}/${rest}`,
    expected: `models/training/${job}/${rest}`,
    artifactType: 'training-output' as const,
    rest,
  })),
  fc.tuple(jobNameArb, restArb).map(([job, rest]) => ({
    rule: 'training-output',
    key: `training-output/${job}/${rest}`,
    expected: `models/training/${job}/${rest}`,
    artifactType: 'training-output' as const,
    rest,
  })),
  fc.tuple(slashesArb(2, 3), jobNameArb, modelBaseArb, neoTargetArb).map(([s, job, model, target]) => ({
    rule: 'compilation-output-flat-under-datasets-double-slash',
    key: `datasets${s}compilation-output/${job}/${model}-${target}.tar.gz`,
    expected: `models/compilation/${job}/${target}/model.tar.gz`,
    artifactType: 'compilation-output' as const,
  })),
  fc.tuple(jobNameArb, modelBaseArb, neoTargetArb).map(([job, model, target]) => ({
    rule: 'compilation-output-flat-under-datasets',
    key: `datasets/compilation-output/${job}/${model}-${target}.tar.gz`,
    expected: `models/compilation/${job}/${target}/model.tar.gz`,
    artifactType: 'compilation-output' as const,
  })),
  fc.tuple(jobNameArb, modelBaseArb, neoTargetArb).map(([job, model, target]) => ({
    rule: 'compilation-output-flat',
    key: `compilation-output/${job}/${model}-${target}.tar.gz`,
    expected: `models/compilation/${job}/${target}/model.tar.gz`,
    artifactType: 'compilation-output' as const,
  })),
  fc
    .tuple(slashesArb(2, 3), jobNameArb, compilationRestArb)
    .map(([s, job, rest]) => ({
      rule: 'compilation-output-under-datasets-double-slash',
      key: `datasets${s}compilation-output/${job}/${rest}`,
      expected: `models/compilation/${job}/${rest}`,
      artifactType: 'compilation-output' as const,
      rest,
    })),
  fc.tuple(jobNameArb, compilationRestArb).map(([job, rest]) => ({
    rule: 'compilation-output-under-datasets',
    key: `datasets/compilation-output/${job}/${rest}`,
    expected: `models/compilation/${job}/${rest}`,
    artifactType: 'compilation-output' as const,
    rest,
  })),
  fc.tuple(jobNameArb, compilationRestArb).map(([job, rest]) => ({
    rule: 'compilation-output',
    key: `compilation-output/${job}/${rest}`,
    expected: `models/compilation/${job}/${rest}`,
    artifactType: 'compilation-output' as const,
    rest,
  })),
  fc.tuple(jobNameArb, modelBaseArb, neoTargetArb).map(([job, model, target]) => ({
    rule: 'compilation-flat-file',
    key: `models/compilation/${job}/${model}-${target}.tar.gz`,
    expected: `models/compilation/${job}/${target}/model.tar.gz`,
    artifactType: 'compilation-output' as const,
  })),
  fc.tuple(restSegmentArb, fc.constantFrom('.manifest', '.jsonl')).map(([name, ext]) => ({
    rule: 'dataset-manifest-at-top',
    key: `datasets/${name}${ext}`,
    expected: `datasets/manifests/${name}${ext}`,
    artifactType: 'dataset' as const,
    rest: `${name}${ext}`,
  })),
  fc
    .tuple(restSegmentArb.filter((s) => !EXCLUDED_DATASET_FOLDERS.has(s)), restArb)
    .map(([other, rest]) => ({
      rule: 'dataset-untyped-folder',
      key: `datasets/${other}/${rest}`,
      expected: `datasets/raw/${other}/${rest}`,
      artifactType: 'dataset' as const,
      rest: `${other}/${rest}`,
    })),
  fc.tuple(deploymentNameArb, restArb).map(([name, rest]) => ({
    rule: 'packaged-models',
    key: `packaged-models/${name}/${rest}`,
    expected: `deployments/${name}/${rest}`,
    artifactType: 'deployment' as const,
    rest,
  })),
  fc.tuple(deploymentNameArb, restArb).map(([name, rest]) => ({
    rule: 'greengrass-components',
    key: `greengrass-components/${name}/${rest}`,
    expected: `deployments/${name}/${rest}`,
    artifactType: 'deployment' as const,
    rest,
  })),
  fc.tuple(jobIdArb, runIdArb, timestampArb).map(([id, run, createdAt]) => ({
    rule: 'run-results',
    key: `results/job_${id}/run_${run}.zip`,
    expected: `jobs/${id}/${formatTimestampPath(createdAt.getTime())}/run_${run}_results.zip`,
    artifactType: 'job-artifact' as const,
    job: { id, createdAt },
  })),
  fc
    .tuple(jobIdArb, timestampArb, timestampArb, restArb)
    .filter(([, a, b]) => formatTimestampPath(a.getTime()) !== formatTimestampPath(b.getTime()))
    .map(([id, createdAt, other, rest]) => ({
      rule: 'job-fragmented-timestamp',
      key: `jobs/${id}/${formatTimestampPath(other.getTime())}/${rest}`,
      expected: `jobs/${id}/${formatTimestampPath(createdAt.getTime())}/${rest}`,
      artifactType: 'job-artifact' as const,
      job: { id, createdAt },
      rest,
    })),
  assignmentIdArb.map((id) => ({
    rule: 'generated-image-png',
    key: `generated_images/${id}.png`,
    expected: `generated_images/${id}.webp`,
    artifactType: 'image' as const,
  })),
];

/** The ids of the rules legacyKeyArb covers, to check it covers every default rule. */
export const LEGACY_SAMPLE_RULES: readonly string[] = [
  'training-output-under-datasets-double-slash',
  'training-output-under-datasets',
  'training-output',
  'compilation-output-flat-under-datasets-double-slash',
  'compilation-output-flat-under-datasets',
  'compilation-output-flat',
  'compilation-output-under-datasets-double-slash',
  'compilation-output-under-datasets',
  'compilation-output',
  'compilation-flat-file',
  'dataset-manifest-at-top',
  'dataset-untyped-folder',
  'packaged-models',
  'greengrass-components',
  'run-results',
  'job-fragmented-timestamp',
  'generated-image-png',
];

const withPrefix = (prefix: string, key: string): string => (prefix === '' ? key : `${prefix}/${key}`);

/** A legacy key of one rule, under an optional bucket prefix. */
export function legacyKeyArbFor(rule: string, prefixArb: fc.Arbitrary<string> = pathPrefixArb): fc.Arbitrary<LegacySample> {
  const index = LEGACY_SAMPLE_RULES.indexOf(rule);
  const body = legacyBodies[index];
  if (body === undefined) throw new Error(`no arbitrary for legacy rule ${rule}`);
  return fc.tuple(prefixArb, body).map(([prefix, b]) => ({
    ...b,
    prefix,
    key: withPrefix(prefix, b.key),
    expected: withPrefix(prefix, b.expected),
  }));
}

/** A legacy key of any default rule (each rule equally likely), under an optional bucket prefix. */
export const legacyKeyArb: fc.Arbitrary<LegacySample> = fc.oneof(
  ...LEGACY_SAMPLE_RULES.map((rule) => legacyKeyArbFor(rule)),
);

/** A key of the new layout, with what it is. */
export interface ConformingSample {
  readonly prefix: string;
  readonly key: string;
  readonly artifactType: ArtifactType;
  /** For keys under a job prefix: the job whose created_at the timestamp is. */
  readonly job?: { readonly id: number; readonly createdAt: Date };
}

const conformingBodies: Array<fc.Arbitrary<Omit<ConformingSample, 'prefix'>>> = [
  fc.tuple(fc.constantFrom('raw', 'manifests', 'labeled'), restArb).map(([type, rest]) => ({
    key: `datasets/${type}/${rest}`,
    artifactType: 'dataset' as const,
  })),
  fc.tuple(jobNameArb, restArb).map(([job, rest]) => ({
    key: `models/training/${job}/${rest}`,
    artifactType: 'training-output' as const,
  })),
  fc.tuple(jobNameArb, fc.oneof(neoTargetArb, segmentArb(20)), restArb).map(([job, target, rest]) => ({
    key: `models/compilation/${job}/${target}/${rest}`,
    artifactType: 'compilation-output' as const,
  })),
  jobNameArb.map((job) => ({ key: `models/compilation/${job}/metadata.json`, artifactType: 'compilation-output' as const })),
  fc.tuple(deploymentNameArb, restArb).map(([name, rest]) => ({
    key: `deployments/${name}/${rest}`,
    artifactType: 'deployment' as const,
  })),
  fc.tuple(jobIdArb, timestampArb, restArb).map(([id, createdAt, rest]) => ({
    key: `jobs/${id}/${formatTimestampPath(createdAt.getTime())}/${rest}`,
    artifactType: 'job-artifact' as const,
    job: { id, createdAt },
  })),
  assignmentIdArb.map((id) => ({ key: `generated_images/${id}.webp`, artifactType: 'image' as const })),
];

/** A key already in the new layout, under an optional bucket prefix. */
export const conformingKeyArb: fc.Arbitrary<ConformingSample> = fc
  .tuple(pathPrefixArb, fc.oneof(...conformingBodies))
  .map(([prefix, body]) => ({ ...body, prefix, key: withPrefix(prefix, body.key) }));

/** Valid bucket names (lowercase, digits, inner hyphens and dots). */
export const bucketNameArb: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789'.split('')),
    fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789-'.split('')), minLength: 1, maxLength: 40 }),
    fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz'.split('')),
  )
  .map(([a, b, c]) => `${a}${b}${c}`)
  .filter((name) => !name.startsWith('xn--') && !name.startsWith('sthree-'));

/** Layout configurations: a bucket and an optional prefix, default folders. */
export const pathConfigArb: fc.Arbitrary<S3PathConfig> = fc
  .tuple(bucketNameArb, pathPrefixArb)
  .map(([bucket, prefix]) => S3PathConfig.create({ bucket, prefix }));
