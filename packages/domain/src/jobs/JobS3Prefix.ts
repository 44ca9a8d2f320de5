import { S3Key } from '../keys/S3Key';
import { DEFAULTS, type S3PathConfig } from '../layout/S3PathConfig';
import { JobId, RunId } from './JobId';
import { formatTimestampPath, parseTimestampPath, toEpochMillis } from './Timestamp';

/** What a job must provide for its prefix: its id and when it was created. */
export interface JobForPrefix {
  readonly id: number;
  /** A Date, or an ISO 8601 string with an explicit offset (`Z`, `+05:30`...). */
  readonly createdAt: Date | string;
}

/**
 * What a job prefix needs of a layout: its jobs folder and its bucket prefix. Any
 * {@link S3PathConfig} is one.
 */
export type JobPrefixLayout = Pick<S3PathConfig, 'jobsFolder' | 'withPrefix' | 'stripPrefix'>;

/**
 * DEFAULT_PATH_CONFIG's jobs folder with no prefix, without S3PathConfig itself: a bundle that
 * uses only JobS3Prefix then leaves out the whole layout's validation (bucket names, folders).
 */
const DEFAULT_JOB_LAYOUT: JobPrefixLayout = /* @__PURE__ */ Object.freeze({
  jobsFolder: DEFAULTS.jobsFolder,
  withPrefix: (key: string) => key,
  stripPrefix: (key: string) => key,
});

/** A key recognised as lying under a job prefix. */
export interface ParsedJobKey {
  readonly jobId: number;
  readonly timestamp: Date;
  /** `[P/]jobs/{id}/{yyyy}/{mm}/{dd}/{HHMMSS}`, without trailing slash. */
  readonly basePrefix: string;
  /** What follows `basePrefix/` (may be empty for the folder itself). */
  readonly rest: string;
}

/**
 * The one S3 prefix every artifact of a job lives under (spec 004):
 * `[P/]jobs/{job_id}/{yyyy}/{mm}/{dd}/{HHMMSS}`, with the timestamp taken from the job's
 * created_at and formatted in UTC, never from "now" (that is what fragmented jobs across folders).
 */
export class JobS3Prefix {
  readonly jobId: number;
  /** `[P/]jobs/{id}/{yyyy}/{mm}/{dd}/{HHMMSS}`, no trailing slash. */
  readonly basePrefix: string;
  /** `basePrefix` + `/`. */
  readonly folder: string;
  readonly #epochMs: number;

  private constructor(jobId: number, epochMs: number, config: JobPrefixLayout) {
    this.jobId = jobId;
    this.#epochMs = epochMs;
    this.basePrefix = config.withPrefix(
      `${config.jobsFolder}/${jobId}/${formatTimestampPath(epochMs)}`,
    );
    this.folder = `${this.basePrefix}/`;
    Object.freeze(this);
  }

  /**
   * The prefix of `job`. Throws InvalidJobIdError or InvalidTimestampError. The caller's Date
   * is read once and never kept.
   */
  static fromJob(job: JobForPrefix, config: JobPrefixLayout = DEFAULT_JOB_LAYOUT): JobS3Prefix {
    return new JobS3Prefix(JobId.parse(job.id), toEpochMillis(job.createdAt), config);
  }

  /**
   * Recognises a key under a job prefix (`[P/]jobs/{id}/{yyyy}/{mm}/{dd}/{HHMMSS}/...`) and
   * validates its date parts; undefined for anything else, e.g. month 13 or Feb 30.
   */
  static parse(key: string, config: JobPrefixLayout = DEFAULT_JOB_LAYOUT): ParsedJobKey | undefined {
    if (typeof key !== 'string') return undefined;
    const inside = config.stripPrefix(key);
    const head = `${config.jobsFolder}/`;
    if (inside === undefined || !inside.startsWith(head)) return undefined;
    const parts = inside.slice(head.length).split('/');
    if (parts.length < 6) return undefined;
    const [id, yyyy, mm, dd, hhmmss] = parts as [string, string, string, string, string];
    if (!JobId.isValid(id)) return undefined;
    const ms = parseTimestampPath(yyyy, mm, dd, hhmmss);
    if (ms === undefined) return undefined;
    const basePrefix = config.withPrefix(`${head}${id}/${yyyy}/${mm}/${dd}/${hhmmss}`);
    return Object.freeze({
      jobId: Number(id),
      timestamp: new Date(ms),
      basePrefix,
      rest: key.slice(basePrefix.length + 1),
    });
  }

  /** The job's created_at, as a fresh Date each time: mutating it changes nothing here. */
  get timestamp(): Date {
    return new Date(this.#epochMs);
  }

  jobConfigKey(): S3Key {
    return this.key('job_config.json');
  }

  jobInputKey(): S3Key {
    return this.key('job_input.zip');
  }

  runConfigKey(runId: number): S3Key {
    return this.key(`run_${RunId.parse(runId)}_config.json`);
  }

  runResultsKey(runId: number): S3Key {
    return this.key(`run_${RunId.parse(runId)}_results.zip`);
  }

  runLogsKey(runId: number): S3Key {
    return this.key(`run_${RunId.parse(runId)}_logs.txt`);
  }

  /** Any other file of the job, e.g. an archive manifest; `name` is validated as a key. */
  fileKey(name: string): S3Key {
    return this.key(name);
  }

  equals(other: JobS3Prefix): boolean {
    return this.basePrefix === other.basePrefix;
  }

  toString(): string {
    return this.basePrefix;
  }

  toJSON(): string {
    return this.basePrefix;
  }

  private key(name: string): S3Key {
    return S3Key.parse(`${this.folder}${name}`);
  }
}
