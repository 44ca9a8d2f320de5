// Run: copy and verify every planned record, streaming the journal through an AIMD-sized pool.
// Resumable and idempotent: what the journal says is done is skipped, what was interrupted is
// settled from the bucket, transient failures are retried on the next run.
import type { Clock } from '../ports/Clock';
import type { Logger } from '../ports/Logger';
import type { JournalRecord, MigrationJournal } from '../ports/MigrationJournal';
import type { ObjectStore } from '../ports/ObjectStore';
import { AdaptiveConcurrency, forEachAdaptive } from './AdaptiveConcurrency';
import type { VerifyMode } from './contentIdentity';
import { migrateRecord, TRANSIENT, type MigrateOutcome } from './migrateRecord';
import { RulesChangedError } from './MigrationErrors';
import { isThrottle } from './transientErrors';

/** From the benchmark (tooling/bench/results/migration.md): on MinIO, 64 moved twice as many objects/s as 32. */
export const DEFAULT_RUN_CONCURRENCY = 64;

export interface RunProgress {
  readonly done: number;
  readonly total: number;
  readonly verified: number;
  readonly failed: number;
  readonly collisions: number;
  readonly concurrency: number;
  readonly objectsPerSecond: number;
  /** Seconds left at the current rate; undefined until there is a rate. */
  readonly etaSeconds?: number;
}

export interface RunMigrationInput {
  readonly journal: MigrationJournal;
  readonly concurrency?: number;
  /** Count what would be done, touch nothing. */
  readonly dryRun?: boolean;
  /** Also retry records that failed for reasons other than transient errors (after the operator fixed them). */
  readonly retryAllFailed?: boolean;
  /** Transient failures are retried in this run up to this many times per record (default 3). */
  readonly maxAttemptsPerRun?: number;
  readonly signal?: AbortSignal;
  readonly onProgress?: (p: RunProgress) => void;
}

export interface RunMigrationDeps {
  readonly store: ObjectStore;
  readonly clock: Clock;
  readonly rulesHash?: string;
  readonly logger?: Logger;
  readonly verify?: VerifyMode;
  readonly conditionalCopy?: 'native' | 'compare';
  readonly worker?: string;
  /** Milliseconds to wait before retrying a transient failure: jittered, doubled per attempt. */
  readonly retryBaseMs?: number;
}

export interface RunSummary {
  readonly journal: string;
  readonly dryRun: boolean;
  readonly total: number;
  readonly alreadyDone: number;
  readonly toDo: number;
  readonly verified: number;
  readonly collisions: number;
  readonly sourceMissing: number;
  readonly mismatches: number;
  readonly transientFailures: number;
  readonly claimedElsewhere: number;
  readonly aborted: boolean;
  readonly elapsedMs: number;
  readonly objectsPerSecond: number;
  readonly finalConcurrency: number;
}

export async function runMigration(input: RunMigrationInput, deps: RunMigrationDeps): Promise<RunSummary> {
  const { journal } = input;
  const header = await journal.header();
  if (deps.rulesHash !== undefined && deps.rulesHash !== header.rulesHash) throw new RulesChangedError(header.rulesHash, deps.rulesHash);
  const needsWork = (r: JournalRecord): boolean =>
    r.status === 'planned' ||
    r.status === 'copied' ||
    (r.status === 'failed' && (input.retryAllFailed === true || r.error?.code === TRANSIENT));

  let total = 0;
  let toDo = 0;
  for await (const r of journal.records()) {
    total += 1;
    if (needsWork(r)) toDo += 1;
  }
  const started = Date.now();
  const counts = { verified: 0, collisions: 0, sourceMissing: 0, mismatches: 0, transient: 0, claimed: 0 };
  const concurrency = new AdaptiveConcurrency({ initial: input.concurrency ?? DEFAULT_RUN_CONCURRENCY, max: input.concurrency ?? DEFAULT_RUN_CONCURRENCY });
  let done = 0;
  const summary = (aborted: boolean): RunSummary => {
    const elapsedMs = Date.now() - started;
    return {
      journal: journal.location,
      dryRun: input.dryRun === true,
      total,
      alreadyDone: total - toDo,
      toDo,
      verified: counts.verified,
      collisions: counts.collisions,
      sourceMissing: counts.sourceMissing,
      mismatches: counts.mismatches,
      transientFailures: counts.transient,
      claimedElsewhere: counts.claimed,
      aborted,
      elapsedMs,
      objectsPerSecond: elapsedMs > 0 ? (done * 1000) / elapsedMs : 0,
      finalConcurrency: concurrency.current,
    };
  };
  if (input.dryRun === true) return summary(false);

  const maxAttempts = input.maxAttemptsPerRun ?? 3;
  const baseMs = deps.retryBaseMs ?? 200;
  let lastReport = 0;
  const report = (force = false): void => {
    if (input.onProgress === undefined) return;
    const now = Date.now();
    if (!force && now - lastReport < 250) return;
    lastReport = now;
    const rate = (done * 1000) / Math.max(1, now - started);
    input.onProgress({
      done,
      total: toDo,
      verified: counts.verified,
      failed: counts.collisions + counts.sourceMissing + counts.mismatches + counts.transient,
      collisions: counts.collisions,
      concurrency: concurrency.current,
      objectsPerSecond: rate,
      ...(rate > 0 ? { etaSeconds: (toDo - done) / rate } : {}),
    });
  };

  async function* work(): AsyncIterable<JournalRecord> {
    for await (const r of journal.records()) if (needsWork(r)) yield r;
  }

  await forEachAdaptive(
    work(),
    concurrency,
    async (record) => {
      let current = record;
      let outcome: MigrateOutcome;
      for (let attempt = 1; ; attempt++) {
        outcome = await migrateRecord(header.bucket, current, {
          store: deps.store,
          journal,
          clock: deps.clock,
          ...(deps.verify ? { verify: deps.verify } : {}),
          ...(deps.conditionalCopy ? { conditionalCopy: deps.conditionalCopy } : {}),
          ...(deps.worker ? { worker: deps.worker } : {}),
        });
        if (outcome.kind !== 'transient') break;
        if (isThrottle(outcome.error)) concurrency.onThrottle();
        if (attempt >= maxAttempts || input.signal?.aborted) break;
        await sleep(Math.random() * baseMs * 2 ** (attempt - 1));
        // Retried from what the journal now holds (failed/TRANSIENT, perhaps copy-started).
        current = outcome.record;
      }
      done += 1;
      switch (outcome.kind) {
        case 'verified':
          counts.verified += 1;
          concurrency.onSuccess();
          break;
        case 'collision':
          counts.collisions += 1;
          break;
        case 'source-missing':
          counts.sourceMissing += 1;
          break;
        case 'mismatch':
          counts.mismatches += 1;
          break;
        case 'transient':
          counts.transient += 1;
          deps.logger?.warn('migration step failed, will retry on the next run', { oldKey: record.oldKey, error: String(outcome.error) });
          break;
        case 'claimed-elsewhere':
          counts.claimed += 1;
          break;
        case 'skipped':
          break;
      }
      report();
    },
    input.signal,
  );
  report(true);
  return summary(input.signal?.aborted === true);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
