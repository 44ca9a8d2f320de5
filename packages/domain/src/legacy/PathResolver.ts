import { InvalidKeyError } from '../errors/InvalidKeyError';
import { InvalidTimestampError } from '../errors/InvalidTimestampError';
import { JobLookupRequiredError } from '../errors/JobLookupRequiredError';
import { JobId, RunId } from '../jobs/JobId';
import { formatTimestampPath, parseTimestampPath, toEpochMillis } from '../jobs/Timestamp';
import { MAX_KEY_BYTES } from '../keys/keyRules';
import { Segment } from '../keys/Segment';
import { S3Uri } from '../keys/S3Uri';
import { utf8ByteLength } from '../keys/utf8';
import { isNeoTarget } from '../layout/NeoTargets';
import type { S3PathConfig } from '../layout/S3PathConfig';
import type { Classification, JobLookup } from './Classification';
import { compileRule, type CompiledRule } from './compileRule';
import { Conformance } from './Conformance';
import { DEFAULT_LEGACY_RULES } from './defaultLegacyRules';
import type { CaptureConstraint, LegacyRule } from './LegacyRule';

const S3_SCHEME = 's3://';

/**
 * Says, for any key, whether it is in the new layout, legacy (and where it goes), or unknown,
 * using the layout of `config` and the legacy rules (data, tried in order, first match wins).
 * Pure and total: classify never throws, whatever the input.
 */
export class PathResolver {
  private readonly compiled: readonly CompiledRule[];
  private readonly conformance: Conformance;

  /** Throws InvalidConfigError when a rule does not compile for this layout. */
  constructor(
    readonly config: S3PathConfig,
    readonly rules: readonly LegacyRule[] = DEFAULT_LEGACY_RULES,
  ) {
    this.compiled = Object.freeze(rules.map((rule, i) => compileRule(rule, config, `rules[${i}] (${rule.id})`)));
    this.conformance = new Conformance(config);
    Object.freeze(this);
  }

  /**
   * Classifies `key`. With a `lookup`, keys under a job prefix are checked against the job's
   * created_at (a different timestamp is a legacy fragment); without one, such keys are judged
   * by their shape alone and legacy keys that need the job come back as `needs-lookup`.
   */
  classify(key: string, lookup?: JobLookup): Classification {
    try {
      return this.classifyUnsafe(key, lookup);
    } catch (e) {
      // A lookup that throws or returns garbage must not break a bucket-wide plan.
      const error = e instanceof InvalidTimestampError || e instanceof InvalidKeyError
        ? e
        : new InvalidKeyError(String(key), `could not be classified: ${(e as Error)?.message ?? String(e)}`);
      return { status: 'invalid', input: key, error };
    }
  }

  /** Same as classify: total, never throws. */
  convertLegacyPath(key: string, lookup?: JobLookup): Classification {
    return this.classify(key, lookup);
  }

  /** True iff a legacy rule applies to `key` (converted, or waiting for the job lookup). */
  isLegacyPath(key: string, lookup?: JobLookup): boolean {
    const { status } = this.classify(key, lookup);
    return status === 'converted' || status === 'needs-lookup';
  }

  /**
   * The reference to use today for `ref` (an `s3://` URI or a key): new-layout and unknown
   * references pass through unchanged, legacy ones are converted (same bucket). Throws the
   * classification's error for invalid keys, and JobLookupRequiredError when the new place
   * needs a job the lookup cannot give.
   */
  resolveArtifactPath(ref: string, lookup?: JobLookup): string {
    const isUri = typeof ref === 'string' && ref.startsWith(S3_SCHEME);
    const { bucket, key } = isUri ? S3Uri.split(ref) : { bucket: undefined, key: ref };
    const c = this.classify(key, lookup);
    switch (c.status) {
      case 'converted':
        return bucket === undefined ? c.output : `${S3_SCHEME}${bucket}/${c.output}`;
      case 'conforming':
      case 'unknown':
        return ref;
      case 'needs-lookup':
        throw new JobLookupRequiredError(key, c.jobId, c.rule);
      case 'invalid':
        throw c.error;
    }
  }

  private classifyUnsafe(key: string, lookup: JobLookup | undefined): Classification {
    if (typeof key !== 'string') {
      return { status: 'invalid', input: key, error: new InvalidKeyError(String(key), 'must be a string') };
    }
    const bytes = utf8ByteLength(key);
    if (key === '' || bytes < 0 || bytes > MAX_KEY_BYTES) {
      const reason = key === '' ? 'must not be empty' : bytes < 0 ? 'contains a lone UTF-16 surrogate' : `is ${bytes} UTF-8 bytes long, more than ${MAX_KEY_BYTES}`;
      return { status: 'invalid', input: key, error: new InvalidKeyError(key, reason) };
    }
    const conforming = this.conformance.check(key);
    if (conforming !== undefined) {
      const job = conforming.job;
      const created = job === undefined || lookup === undefined ? undefined : lookup(job.id);
      // Without a lookup a job key is judged by shape; with one, its timestamp must be the job's.
      if (job === undefined || lookup === undefined || (created !== undefined && tsPathOf(created) === job.tsPath)) {
        return conforming.artifactType === undefined
          ? { status: 'conforming', input: key }
          : { status: 'conforming', input: key, artifactType: conforming.artifactType };
      }
    }
    const inside = this.config.stripPrefix(key);
    if (inside === undefined) return { status: 'unknown', input: key };
    for (const compiled of this.compiled) {
      const result = this.apply(compiled, key, inside, lookup);
      if (result !== undefined) return result;
    }
    return { status: 'unknown', input: key };
  }

  private apply(
    { rule, regex, target }: CompiledRule,
    key: string,
    inside: string,
    lookup: JobLookup | undefined,
  ): Classification | undefined {
    const groups = regex.exec(inside)?.groups;
    if (groups === undefined) return undefined;
    const where = Object.entries(rule.where ?? {});
    for (const [name, constraint] of where) {
      if (constraint !== 'not-job-timestamp' && !satisfies(constraint, groups[name])) return undefined;
    }
    let jobId: number | undefined;
    let tsPath: string | undefined;
    // `id` names a job only in rules that say so (an image rule's `id` is an assignment).
    const namesJob = rule.needsLookup === 'job-created-at' || rule.where?.id === 'job-id';
    if (namesJob && groups.id !== undefined && JobId.isValid(groups.id)) jobId = Number(groups.id);
    if (rule.needsLookup === 'job-created-at') {
      if (jobId === undefined) return undefined;
      const created = lookup?.(jobId);
      if (created === undefined) return { status: 'needs-lookup', input: key, rule: rule.id, jobId };
      tsPath = tsPathOf(created);
      for (const [name, constraint] of where) {
        const value = groups[name];
        if (constraint === 'not-job-timestamp' && (value === undefined || !isTsPath(value) || value === tsPath)) {
          return undefined;
        }
      }
    }
    const collapse = new Set(rule.collapse ?? []);
    const inner = target
      .map((part) => {
        if (part.kind === 'text') return part.text;
        if (part.kind === 'ts') return tsPath as string;
        const value = groups[part.name] ?? '';
        return collapse.has(part.name) ? value.replace(/\/{2,}/g, '/') : value;
      })
      .join('');
    const output = this.config.withPrefix(inner);
    const landing = this.conformance.check(output);
    if (landing === undefined || (landing.job !== undefined && landing.job.tsPath !== tsPath)) {
      const error = new InvalidKeyError(
        output,
        `is where rule ${rule.id} would move ${JSON.stringify(key)}, but it is not a valid key of the new layout`,
      );
      return { status: 'invalid', input: key, error };
    }
    return {
      status: 'converted',
      input: key,
      output,
      rule: rule.id,
      action: rule.action,
      artifactType: rule.artifactType,
      ...(jobId === undefined ? {} : { jobId }),
      ...(rule.collisionGroup === undefined ? {} : { collisionGroup: rule.collisionGroup }),
    };
  }
}

function tsPathOf(created: Date): string {
  return formatTimestampPath(toEpochMillis(created));
}

function isTsPath(value: string): boolean {
  const [yyyy = '', mm = '', dd = '', hhmmss = '', ...more] = value.split('/');
  return more.length === 0 && parseTimestampPath(yyyy, mm, dd, hhmmss) !== undefined;
}

function satisfies(constraint: Exclude<CaptureConstraint, 'not-job-timestamp'>, value: string | undefined): boolean {
  if (value === undefined) return false;
  switch (constraint) {
    case 'neo-target':
      return isNeoTarget(value);
    case 'job-id':
      return JobId.isValid(value);
    case 'run-id':
      return RunId.isValid(value);
    case 'segment':
      return Segment.isValid(value);
  }
}
