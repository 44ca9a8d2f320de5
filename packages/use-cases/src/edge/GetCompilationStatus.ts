// Spec 000 task 6: a compilation job's status per target, with the compiled models' s3:// URIs in
// the new layout. Neo names its output `{base}-{target}.tar.gz`; when a target completes, that
// file is promoted (server-side copy) to the canonical `{job}/{target}/model.tar.gz` the record
// points at, and only then is the target recorded as COMPLETED.
import { S3PathBuilder, S3Uri } from '@edgecv/domain';
import type { Clock } from '../ports/Clock';
import type { CompilationRecord, CompilationRecordRepository } from '../ports/CompilationRecordRepository';
import type { CompilationJobState, CompilationService } from '../ports/CompilationService';
import type { ObjectStore } from '../ports/ObjectStore';
import { CurrentUris } from './currentUri';
import { CompilationJobNotFoundError } from './EdgeErrors';
import type { EdgeSettings } from './EdgeSettings';

export type CompilationState = 'INPROGRESS' | 'COMPLETED' | 'FAILED';

export interface CompilationTargetView {
  readonly target: string;
  readonly neoJobName: string;
  readonly state: CompilationJobState;
  /** The target's folder, where Neo writes. */
  readonly outputLocation: string;
  /** The compiled model. */
  readonly outputUri: string;
  readonly failureReason?: string;
  readonly legacyRecord: boolean;
}

export interface CompilationStatus {
  readonly jobName: string;
  /** FAILED when any target failed or stopped, COMPLETED when all completed, else INPROGRESS. */
  readonly state: CompilationState;
  readonly sourceModelUri: string;
  readonly targets: readonly CompilationTargetView[];
}

const TERMINAL: ReadonlySet<CompilationJobState> = new Set(['COMPLETED', 'FAILED', 'STOPPED']);

export class GetCompilationStatus {
  private readonly paths: S3PathBuilder;
  private readonly uris: CurrentUris;

  constructor(
    private readonly service: CompilationService,
    private readonly records: CompilationRecordRepository,
    private readonly store: ObjectStore,
    private readonly clock: Clock,
    settings: Pick<EdgeSettings, 'pathConfig'>,
  ) {
    this.paths = new S3PathBuilder(settings.pathConfig);
    this.uris = new CurrentUris(settings.pathConfig);
  }

  /** Throws CompilationJobNotFoundError, or the service's or the store's error. */
  async execute(jobName: string): Promise<CompilationStatus> {
    const records = await this.records.listTargets(jobName);
    const first = records[0];
    if (first === undefined) throw new CompilationJobNotFoundError(jobName);
    const current = await Promise.all(records.map((r) => (TERMINAL.has(r.state) ? r : this.refresh(r))));
    const targets = current.map((r) => ({
      target: r.target,
      neoJobName: r.neoJobName,
      state: r.state,
      outputLocation: this.paths.compilationOutputPath(r.jobName, r.target).toString(),
      outputUri: this.uris.of(r.outputUri),
      ...(r.failureReason !== undefined ? { failureReason: r.failureReason } : {}),
      legacyRecord: this.uris.isLegacy(r.outputUri),
    }));
    return { jobName, state: overall(current.map((r) => r.state)), sourceModelUri: this.uris.of(first.sourceModelUri), targets };
  }

  private async refresh(record: CompilationRecord): Promise<CompilationRecord> {
    const described = await this.service.describe(record.neoJobName);
    if (described.state === record.state) return record;
    if (described.state === 'COMPLETED') await this.promote(record, described.modelArtifactUri);
    const update = { state: described.state, updatedAt: this.clock.now(), ...(described.failureReason !== undefined ? { failureReason: described.failureReason } : {}) };
    await this.records.updateState(record.jobName, record.target, update);
    return { ...record, ...update };
  }

  /** Copies Neo's `{base}-{target}.tar.gz` to the canonical key, once (a retry finds it there). */
  private async promote(record: CompilationRecord, reported: string | undefined): Promise<void> {
    const target = S3Uri.parse(this.uris.of(record.outputUri));
    if ((await this.store.head(target.bucket, target.key.value)) !== undefined) return;
    const source = reported !== undefined ? S3Uri.parse(reported) : this.paths.uriOf(this.paths.neoOutputKey(record.jobName, record.target, modelBase(record.sourceModelUri)));
    await this.store.copy({ bucket: source.bucket, key: source.key.value }, { bucket: target.bucket, key: target.key.value });
  }
}

/** `model` for `.../model.tar.gz`: Neo names its output after the input archive. */
function modelBase(modelUri: string): string {
  const file = modelUri.slice(modelUri.lastIndexOf('/') + 1);
  return file.replace(/\.tar\.gz$|\.tgz$|\.zip$/, '') || 'model';
}

function overall(states: readonly CompilationJobState[]): CompilationState {
  if (states.some((s) => s === 'FAILED' || s === 'STOPPED')) return 'FAILED';
  if (states.every((s) => s === 'COMPLETED')) return 'COMPLETED';
  return 'INPROGRESS';
}
