// The migration's collaborators: the legacy rules (data; an operator's rules file when
// EDGECV_LEGACY_RULES names one), the resolver built on them, the reference stores the cut-over
// rewrites (edgecv's tables, and the portal's assignments when MONGODB_URI is set), journals
// opened by their location (a JSONL file, or dynamodb:TABLE/ID), and the phases as apps call them.
import { readFileSync } from 'node:fs';
import { ContainerModule } from 'inversify';
import { DEFAULT_LEGACY_RULES, InvalidConfigError, InvalidJournalLocationError, JournalLocation, LegacyRules, PathResolver, type LegacyRule } from '@edgecv/domain';
import {
  ArtifactReferenceStoresToken,
  ClockToken,
  JobRepositoryToken,
  ObjectStoreToken,
  migrationUseCases,
  rulesHash,
  type ArtifactReferenceStore,
  type Clock,
  type JobRepository,
  type JournalOpener,
  type MigrationUseCases as MigrationPhases,
  type ObjectStore,
} from '@edgecv/use-cases';
import { DynamoDbArtifactReferenceStore, DynamoDbMigrationJournal, type TableNames } from '@edgecv/infrastructure/dynamodb';
import { JsonlMigrationJournal } from '@edgecv/infrastructure/journal';
import { MongoAssignmentReferenceStore } from '@edgecv/infrastructure/mongo';
import { S3InventorySource } from '@edgecv/infrastructure/s3';
import type { Capability } from '../Capability';
import type { EdgecvConfig } from '../EdgecvConfig';
import { resolve, token } from '../Token';
import { DynamoClientsToken, MongoToken, TableNamesToken } from '../tokens';
import type { DynamoClients, MongoBox } from './coreModule';

export const LegacyRulesToken = token<readonly LegacyRule[]>('LegacyRules');
export const PathResolverToken = token<PathResolver>('PathResolver');
export const RulesHashToken = token<string>('RulesHash');
export const JournalOpenerToken = token<JournalOpener>('JournalOpener');
/** The migration's phases (plan, run, cutover, cleanup, rollback, status, export, validate, the batch handlers). */
export const MigrationUseCasesToken = token<MigrationPhases>('useCase.migration');

export function migrationModule(config: EdgecvConfig): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind<readonly LegacyRule[]>(LegacyRulesToken).toDynamicValue(() => (config.legacyRulesFile ? LegacyRules.fromJson(readRulesFile(config.legacyRulesFile)) : DEFAULT_LEGACY_RULES));
    bind<PathResolver>(PathResolverToken).toDynamicValue((ctx) => new PathResolver(config.pathConfig, resolve(ctx, LegacyRulesToken)));
    bind<string>(RulesHashToken).toDynamicValue((ctx) => rulesHash(resolve(ctx, LegacyRulesToken)));
    bind<readonly ArtifactReferenceStore[]>(ArtifactReferenceStoresToken).toDynamicValue((ctx) => {
      const stores: ArtifactReferenceStore[] = DynamoDbArtifactReferenceStore.all(
        ctx.get<DynamoClients>(DynamoClientsToken).documents,
        ctx.get<TableNames>(TableNamesToken),
      );
      // Without MongoDB there are no assignments to point at anything; the migration works without them.
      if (config.mongodb.uri) {
        const db = ctx.get<MongoBox>(MongoToken).connection.then((c) => c.client.db(config.mongodb.database));
        stores.push(new MongoAssignmentReferenceStore(db, { bucket: config.images.bucket }));
      }
      return stores;
    });
    bind<JournalOpener>(JournalOpenerToken).toDynamicValue((ctx) => (text, options = {}) => {
      const location = typeof text === 'string' ? JournalLocation.parse(text) : text;
      if (location.kind === 'file') return new JsonlMigrationJournal(location.path);
      const journalId = location.journalId ?? options.newJournalId;
      if (journalId === undefined) throw new InvalidJournalLocationError(JournalLocation.print(location), 'it names a DynamoDB table but no journal id');
      return new DynamoDbMigrationJournal(ctx.get<DynamoClients>(DynamoClientsToken).documents, location.table, journalId);
    });
    bind(MigrationUseCasesToken).toDynamicValue((ctx) => {
      const store = ctx.get<ObjectStore>(ObjectStoreToken);
      return migrationUseCases({
        store,
        referenceStores: ctx.get<readonly ArtifactReferenceStore[]>(ArtifactReferenceStoresToken),
        resolver: resolve(ctx, PathResolverToken),
        rulesHash: resolve(ctx, RulesHashToken),
        clock: ctx.get<Clock>(ClockToken),
        jobs: ctx.get<JobRepository>(JobRepositoryToken),
        openJournal: resolve(ctx, JournalOpenerToken),
        inventorySource: (manifestUri) => new S3InventorySource(store, manifestUri),
        batchJournals: { table: ctx.get<TableNames>(TableNamesToken).migrationJournal, ...(config.batchJournalId ? { defaultJournalId: config.batchJournalId } : {}) },
      });
    });
  });
}

/** The operator's rules file (EDGECV_LEGACY_RULES), or a typed error naming it. */
function readRulesFile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const why: Record<string, string> = { ENOENT: 'no such file', EISDIR: 'it is a folder', EACCES: 'permission denied', EPERM: 'permission denied' };
    throw new InvalidConfigError('EDGECV_LEGACY_RULES', path, `cannot read it: ${why[(error as NodeJS.ErrnoException).code ?? ''] ?? 'unreadable'}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new InvalidConfigError('EDGECV_LEGACY_RULES', path, `not JSON: ${(error as Error).message}`);
  }
}

/** The migration's phases (one object, not a group of use cases). */
export const MIGRATION: Capability<'migration', MigrationPhases> = { name: 'migration', modules: [migrationModule], open: (container) => resolve(container, MigrationUseCasesToken) };
