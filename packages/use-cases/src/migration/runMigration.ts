// Run: copy and verify every planned record, streaming the journal through an AIMD-sized pool.
// Resumable and idempotent: what the journal says is done is skipped, what was interrupted is
// settled from the bucket, transient failures are retried on the next run.
import type { Clock } from '../ports/Clock';
import type { Logger } from '../ports/Logger';
import type { JournalHeader, JournalRecord, MigrationJournal } from '../ports/MigrationJournal';
import type { ObjectStore } from '../ports/ObjectStore';
import { AdaptiveConcurrency, forEachAdaptive } from './AdaptiveConcurrency';
import { serverHonoursConditionalCopy } from './conditionalCopyProbe';
import type { VerifyMode } from './contentIdentity';
import { provenanceSince } from './copyProvenance';
import { migrateRecord, TRANSIENT, type MigrateOutcome } from './migrateRecord';
import { MigrationStalledError, RulesChangedError } from './MigrationErrors';
import { giveUpPolicy, OutageWatch, type Outage } from './OutageWatch';
import { scanKeyRange } from './scanKeyRange';
import type { RunSummary } from './RunSummary';
import { failureMessage, isThrottled } from '../ports/ServiceErrors';

export type { RunSummary } from './RunSummary';

/** From the benchmark (tooling/bench/results/migration.md): on MinIO, 64 moved twice as many objects/s as 32. */
export const DEFAULT_RUN_CONCURRENCY = 64;
/** Copies in flight at most: each holds a socket, and S3 throttles a prefix well before this. */
export const MAX_RUN_CONCURRENCY = 1024;

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
  /** Stop (MigrationStalledError) once every attempt has failed transiently for this long (default DEFAULT_GIVE_UP). */
  readonly giveUpAfterSeconds?: number;
  /** Stop (MigrationStalledError) once this many records in a row have failed transiently (default DEFAULT_GIVE_UP). */
  readonly giveUpAfterRecords?: number;
  readonly signal?: AbortSignal;
  readonly onProgress?: (p: RunProgress) => void;
}

export interface RunMigrationDeps {
  readonly store: ObjectStore;
  readonly clock: Clock;
  readonly rulesHash?: string;
  readonly logger?: Logger;
  readonly verify?: VerifyMode;
  /**
   * How a copy is kept from overwriting a target. 'native': If-None-Match alone; 'compare': the
   * target is looked at first (batches of targets by one listing of their key range, a HEAD each
   * when that is cheaper); 'auto' (default): 'native' when a probe shows the server honours the
   * condition on CopyObject, 'compare' otherwise.
   */
  readonly conditionalCopy?: 'native' | 'compare' | 'auto';
  /** Records whose targets one listing looks at together in 'compare' mode (default 1000). */
  readonly scanBatchSize?: number;
  readonly worker?: string;
  /** Milliseconds to wait before retrying a transient failure: jittered, doubled per attempt. */
  readonly retryBaseMs?: number;
}


export async function runMigration(input: RunMigrationInput, deps: RunMigrationDeps): Promise<RunSummary> {
  const { journal } = input;
  const watch = new OutageWatch(giveUpPolicy(input));
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
  const summary = (aborted: boolean, mode?: 'native' | 'compare'): RunSummary => {
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
      ...(mode !== undefined ? { conditionalCopy: mode } : {}),
    };
  };
  if (input.dryRun === true) return summary(false);
  // Before the first change (the probe writes to the bucket): a rollback or clean-up holding the
  // journal makes this run stop here, having changed nothing.
  await journal.acquire('shared');
  const since = provenanceSince(journal.readReport(), header.createdAt);
  const mode = await conditionalCopyMode(deps, header, toDo);

  // The run's own stop, for an object store that is down, besides the caller's.
  const stop = new AbortController();
  const signal = input.signal === undefined ? stop.signal : AbortSignal.any([input.signal, stop.signal]);
  let outage: Outage | undefined;
  const giveUp = (o: Outage | undefined): void => {
    if (o === undefined || outage !== undefined) return;
    outage = o;
    stop.abort();
  };

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
  const absent = new Set<string>();
  const items = mode === 'native' ? work() : withAbsentTargets(work(), deps.scanBatchSize ?? 1000, absent, (keys) => listAbsent(deps.store, header.bucket, keys));

  await forEachAdaptive(
    items,
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
          conditionalCopy: mode,
          ...(since !== undefined ? { provenanceSince: since } : {}),
          // Only the first attempt: a retry follows a failure, after which nothing is known.
          ...(attempt === 1 && absent.has(record.newKey) ? { knownAbsent: (key: string) => absent.has(key) } : {}),
          ...(deps.worker ? { worker: deps.worker } : {}),
        });
        absent.delete(record.newKey);
        if (outcome.kind !== 'transient') {
          watch.answered();
          break;
        }
        giveUp(watch.attemptFailed(failureMessage(outcome.error)));
        if (isThrottled(outcome.error)) concurrency.onThrottle();
        if (attempt >= maxAttempts || signal.aborted) break;
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
          giveUp(watch.recordFailed());
          break;
        case 'claimed-elsewhere':
          counts.claimed += 1;
          break;
        case 'skipped':
          break;
      }
      report();
    },
    signal,
  );
  report(true);
  // Every record in flight has journaled its outcome by now: the journal is consistent, and the next run resumes.
  if (outage !== undefined) throw new MigrationStalledError(summary(true, mode), outage);
  return summary(input.signal?.aborted === true, mode);
}

async function conditionalCopyMode(deps: RunMigrationDeps, header: JournalHeader, toDo: number): Promise<'native' | 'compare'> {
  if (deps.conditionalCopy === 'native' || deps.conditionalCopy === 'compare') return deps.conditionalCopy;
  if (toDo === 0) return 'compare';
  return (await serverHonoursConditionalCopy(deps.store, header.bucket, header.prefix, header.versioned)) ? 'native' : 'compare';
}

/**
 * Passes records through in batches, and before a batch is handed out learns from one listing of
 * its targets' key range which of them are absent (the next batch is listed while this one is
 * copied). A target two records of one batch share is left out: the first copy creates it.
 */
async function* withAbsentTargets(
  records: AsyncIterable<JournalRecord>,
  size: number,
  absent: Set<string>,
  list: (keys: readonly string[]) => Promise<ReadonlySet<string>>,
): AsyncIterable<JournalRecord> {
  const source = records[Symbol.asyncIterator]();
  const take = async (): Promise<{ batch: JournalRecord[]; found: Promise<ReadonlySet<string>> } | undefined> => {
    const batch: JournalRecord[] = [];
    while (batch.length < size) {
      const n = await source.next();
      if (n.done === true) break;
      batch.push(n.value);
    }
    if (batch.length === 0) return undefined;
    const seen = new Map<string, number>();
    for (const r of batch) seen.set(r.newKey, (seen.get(r.newKey) ?? 0) + 1);
    const keys = batch.filter((r) => r.status === 'planned' && r.copyStartedAt === undefined && seen.get(r.newKey) === 1).map((r) => r.newKey);
    const found = list(keys);
    found.catch(() => undefined); // awaited below; a failed listing only costs the HEADs it would have saved
    return { batch, found };
  };
  let current = await take();
  while (current !== undefined) {
    const next = take();
    const found = await current.found.catch(() => new Set<string>());
    for (const key of found) absent.add(key);
    for (const r of current.batch) yield r;
    current = await next;
  }
}

/** The keys a listing of their range shows absent. */
async function listAbsent(store: ObjectStore, bucket: string, keys: readonly string[]): Promise<ReadonlySet<string>> {
  if (keys.length === 0) return new Set();
  const { resolved } = await scanKeyRange(store, bucket, keys);
  return new Set([...resolved].filter(([, found]) => found.length === 0).map(([key]) => key));
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
