// The migration's phases as apps call them: each takes its journal by location (a JSONL file, or
// dynamodb:TABLE/ID), opens it through the JournalOpener port and always closes it. The plan names
// a new journal (its id made here, once), picks its object source, and the batch handlers find the
// shared journal their invocation names.
import { randomUUID } from 'node:crypto';
import { JournalLocation, type PathResolver } from '@edgecv/domain';
import type { ArtifactReferenceStore } from '../ports/ArtifactReferenceStore';
import type { Clock } from '../ports/Clock';
import type { JobRepository } from '../ports/JobRepository';
import type { MigrationJournal } from '../ports/MigrationJournal';
import type { ObjectSource } from '../ports/ObjectSource';
import type { ObjectStore } from '../ports/ObjectStore';
import { cleanupSources, type CleanupInput } from './cleanupSources';
import { cutoverReferences, type CutoverInput } from './cutoverReferences';
import { exportMigrationManifest } from './exportMigrationManifest';
import { MissingBatchJournalError } from './MigrationErrors';
import { migrationStatus } from './migrationStatus';
import { parallelListing } from './parallelListing';
import { planMigration, type PlanMigrationInput } from './planMigration';
import { processBatchTasks, type S3BatchInvocation } from './processBatchTasks';
import { processMapBatch, type MapBatchEvent } from './processMapBatch';
import { rollbackMigration, type RollbackInput } from './rollbackMigration';
import { runMigration, type RunMigrationInput } from './runMigration';
import { validateBucket } from './validateBucket';

/** Opens a journal by its location (`FILE`, `dynamodb:TABLE/ID`; `dynamodb:TABLE` with `newJournalId` for a journal a plan is about to create). */
export type JournalOpener = (location: string | JournalLocation, options?: { readonly newJournalId?: string }) => MigrationJournal;

export interface MigrationDeps {
  readonly store: ObjectStore;
  readonly referenceStores: readonly ArtifactReferenceStore[];
  readonly resolver: PathResolver;
  readonly rulesHash: string;
  readonly clock: Clock;
  readonly jobs: JobRepository;
  readonly openJournal: JournalOpener;
  /** An S3 Inventory report as the plan's object source (`migrate plan --inventory`). */
  readonly inventorySource: (manifestUri: string) => ObjectSource;
  /** Where the batch handlers' shared journals live, and the one they use when an invocation names none. */
  readonly batchJournals: { readonly table: string; readonly defaultJournalId?: string };
}

type AtLocation<T> = Omit<T, 'journal'> & { readonly journal: string };

/** A new journal's id: names it in a shared table, and in its header. */
export function newJournalId(): string {
  return randomUUID();
}

export type MigrationUseCases = ReturnType<typeof migrationUseCases>;

export function migrationUseCases(deps: MigrationDeps) {
  const { store, referenceStores, resolver } = deps;
  const withJournal = async <T>(location: string | JournalLocation, use: (journal: MigrationJournal) => Promise<T>, newId?: string): Promise<T> => {
    const journal = deps.openJournal(location, newId === undefined ? {} : { newJournalId: newId });
    try {
      return await use(journal);
    } finally {
      await journal.close();
    }
  };
  const batchJournal = (named: string | undefined): JournalLocation => {
    const journalId = named ?? deps.batchJournals.defaultJournalId;
    if (!journalId) throw new MissingBatchJournalError();
    return JournalLocation.dynamodb(deps.batchJournals.table, journalId);
  };

  return Object.freeze({
    /** The journal's header (bucket, prefix, what the plan recorded): what a command checks before it acts. */
    header({ journal }: { readonly journal: string }) {
      return withJournal(journal, (j) => j.header());
    },
    /**
     * Plans from an S3 Inventory report when `inventory` names its manifest.json, else from a
     * parallel listing with `listConcurrency` requests in flight (validated before anything is written).
     */
    plan({ inventory, listConcurrency, ...input }: AtLocation<PlanMigrationInput> & { readonly inventory?: string; readonly listConcurrency?: number }) {
      const journalId = input.journalId ?? newJournalId();
      const source = inventory !== undefined ? deps.inventorySource(inventory) : parallelListing(store, listConcurrency !== undefined ? { concurrency: listConcurrency } : {});
      return withJournal(
        input.journal,
        (journal) =>
          planMigration({ ...input, journal, journalId }, { store, source, resolver, rulesHash: deps.rulesHash, clock: deps.clock, jobs: deps.jobs, referenceStores }),
        journalId,
      );
    },

    run(input: AtLocation<RunMigrationInput>) {
      return withJournal(input.journal, (journal) => runMigration({ ...input, journal }, { store, clock: deps.clock, rulesHash: deps.rulesHash }));
    },

    cutover(input: AtLocation<CutoverInput>) {
      return withJournal(input.journal, (journal) => cutoverReferences({ ...input, journal }, { referenceStores, resolver }));
    },

    cleanup(input: AtLocation<CleanupInput>) {
      return withJournal(input.journal, (journal) => cleanupSources({ ...input, journal }, { store, referenceStores }));
    },

    rollback(input: AtLocation<RollbackInput>) {
      return withJournal(input.journal, (journal) => rollbackMigration({ ...input, journal }, { store, referenceStores }));
    },

    status(input: { readonly journal: string; readonly maxFailures?: number }) {
      return withJournal(input.journal, (journal) => migrationStatus({ ...input, journal }));
    },

    exportManifest(input: { readonly journal: string; readonly format: string; readonly out: string }) {
      return withJournal(input.journal, (journal) => exportMigrationManifest({ ...input, journal }));
    },

    validate(input: { readonly bucket: string; readonly prefix?: string }) {
      return validateBucket(input, { store, resolver, referenceStores, jobs: deps.jobs });
    },

    /** One S3 Batch Operations invocation, against the shared journal its userArguments.journalId names. */
    processBatch(event: S3BatchInvocation) {
      return withJournal(batchJournal(event.job?.userArguments?.journalId), (journal) => processBatchTasks(event, { journal, store, clock: deps.clock }));
    },

    /** One Step Functions Distributed Map batch, against the shared journal its BatchInput names. */
    processMapBatch(event: MapBatchEvent) {
      return withJournal(batchJournal(event.BatchInput?.journalId), (journal) => processMapBatch(event, { journal, store, clock: deps.clock }));
    },
  });
}
