// The migration as apps see it: each method is one use case, with its collaborators taken from
// the container and its journal opened by location and always closed.
import { randomUUID } from 'node:crypto';
import { type Container } from 'inversify';
import { JournalLocation } from '@edgecv/domain';
import {
  ArtifactReferenceStoresToken,
  ClockToken,
  JobRepositoryToken,
  ObjectStoreToken,
  cleanupSources,
  cutoverReferences,
  exportMigrationManifest,
  migrationStatus,
  parallelListing,
  planMigration,
  processBatchTasks,
  processMapBatch,
  rollbackMigration,
  runMigration,
  validateBucket,
  type ArtifactReferenceStore,
  type Clock,
  type JobRepository,
  type MigrationJournal,
  type ObjectStore,
  type PlanMigrationInput,
  type RunMigrationInput,
  type RollbackInput,
  type MapBatchEvent,
  type S3BatchInvocation,
} from '@edgecv/use-cases';
import { S3InventorySource } from '@edgecv/infrastructure/s3';
import { JournalOpenerToken, PathResolverToken, RulesHashToken } from './modules/migrationModule';
import { resolve } from './Token';
import { ConfigToken, TableNamesToken } from './tokens';

type WithJournal<T> = Omit<T, 'journal'> & { journal: string };

export class Migration {
  constructor(private readonly container: Container) {}

  private get store() {
    return this.container.get<ObjectStore>(ObjectStoreToken);
  }
  private get references() {
    return this.container.get<readonly ArtifactReferenceStore[]>(ArtifactReferenceStoresToken);
  }
  private get resolver() {
    return resolve(this.container, PathResolverToken);
  }

  private async withJournal<T>(location: string | JournalLocation, fn: (journal: MigrationJournal) => Promise<T>, newJournalId?: string): Promise<T> {
    const journal = resolve(this.container, JournalOpenerToken)(location, newJournalId ? { newJournalId } : {});
    try {
      return await fn(journal);
    } finally {
      await journal.close();
    }
  }

  /**
   * Plans from an S3 Inventory report when `inventory` names its manifest.json, else from a
   * parallel listing with `listConcurrency` requests in flight (validated before anything is written).
   */
  plan({ inventory, listConcurrency, ...input }: WithJournal<PlanMigrationInput> & { inventory?: string; listConcurrency?: number }) {
    const journalId = input.journalId ?? randomUUID();
    const source = inventory !== undefined ? new S3InventorySource(this.store, inventory) : parallelListing(this.store, listConcurrency !== undefined ? { concurrency: listConcurrency } : {});
    return this.withJournal(
      input.journal,
      (journal) =>
        planMigration(
          { ...input, journal, journalId },
          {
            store: this.store,
            source,
            resolver: this.resolver,
            rulesHash: resolve(this.container, RulesHashToken),
            clock: this.container.get<Clock>(ClockToken),
            jobs: this.container.get<JobRepository>(JobRepositoryToken),
            referenceStores: this.references,
          },
        ),
      journalId,
    );
  }

  run(input: WithJournal<RunMigrationInput>) {
    return this.withJournal(input.journal, (journal) =>
      runMigration({ ...input, journal }, { store: this.store, clock: this.container.get<Clock>(ClockToken), rulesHash: resolve(this.container, RulesHashToken) }),
    );
  }

  cutover(input: { journal: string }) {
    return this.withJournal(input.journal, (journal) => cutoverReferences({ journal }, { referenceStores: this.references, resolver: this.resolver }));
  }

  cleanup(input: { journal: string; batchSize?: number }) {
    return this.withJournal(input.journal, (journal) =>
      cleanupSources({ journal, ...(input.batchSize ? { batchSize: input.batchSize } : {}) }, { store: this.store, referenceStores: this.references }),
    );
  }

  rollback(input: WithJournal<RollbackInput>) {
    return this.withJournal(input.journal, (journal) => rollbackMigration({ ...input, journal }, { store: this.store, referenceStores: this.references }));
  }

  status(input: { journal: string; maxFailures?: number }) {
    return this.withJournal(input.journal, (journal) => migrationStatus({ ...input, journal }));
  }

  exportManifest(input: { journal: string; format: string; out: string }) {
    return this.withJournal(input.journal, (journal) => exportMigrationManifest({ ...input, journal }));
  }

  validate(input: { bucket: string; prefix?: string }) {
    return validateBucket(input, { store: this.store, resolver: this.resolver, referenceStores: this.references, jobs: this.container.get<JobRepository>(JobRepositoryToken) });
  }

  /**
   * One S3 Batch Operations invocation (the migrate-batch Lambda), against the shared DynamoDB
   * journal the job names in userArguments.journalId, else EDGECV_MIGRATION_JOURNAL_ID.
   */
  processBatch(event: S3BatchInvocation) {
    const journalId = event.job?.userArguments?.journalId ?? resolve(this.container, ConfigToken).batchJournalId;
    if (!journalId) throw new MissingBatchJournalError();
    const table = resolve(this.container, TableNamesToken).migrationJournal;
    return this.withJournal(JournalLocation.dynamodb(table, journalId), (journal) =>
      processBatchTasks(event, { journal, store: this.store, clock: this.container.get<Clock>(ClockToken) }),
    );
  }

  /**
   * One Step Functions Distributed Map batch (the same migrate-batch Lambda), against the shared
   * DynamoDB journal its BatchInput names, else EDGECV_MIGRATION_JOURNAL_ID.
   */
  processMapBatch(event: MapBatchEvent) {
    const journalId = event.BatchInput?.journalId ?? resolve(this.container, ConfigToken).batchJournalId;
    if (!journalId) throw new MissingBatchJournalError();
    const table = resolve(this.container, TableNamesToken).migrationJournal;
    return this.withJournal(`dynamodb:${table}/${journalId}`, (journal) =>
      processMapBatch(event, { journal, store: this.store, clock: this.container.get<Clock>(ClockToken) }),
    );
  }
}

export class MissingBatchJournalError extends Error {
  readonly code = 'INVALID_BATCH_JOB';
  constructor() {
    super('the batch names no migration journal: set userArguments.journalId (S3 Batch), BatchInput.journalId (Distributed Map) or EDGECV_MIGRATION_JOURNAL_ID');
    this.name = 'MissingBatchJournalError';
  }
}
