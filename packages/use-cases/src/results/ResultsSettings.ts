import type { S3PathConfig } from '@edgecv/domain';
import type { PackageLimits } from '../ports/ResultsPackager';

/** Where job artifacts live and how results are packaged: data, with defaults in the adapters' wiring. */
export interface ResultsSettings {
  /** The bucket every job prefix lives in. */
  readonly bucket: string;
  /** The layout (bucket-level prefix, jobs folder); DEFAULT_PATH_CONFIG when omitted. */
  readonly pathConfig?: S3PathConfig;
  readonly packageLimits?: PackageLimits;
  /** Presigned URL lifetime; 15 minutes when omitted, at most 7 days. */
  readonly presignExpirySeconds?: number;
}
