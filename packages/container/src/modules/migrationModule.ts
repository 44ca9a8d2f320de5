// The migration's collaborators: the legacy rules (data; an operator's rules file when
// EDGECV_LEGACY_RULES names one), the resolver built on them, the reference stores the cut-over
// rewrites (edgecv's tables, and the portal's assignments when MONGODB_URI is set), and journals
// opened by their location (a JSONL file, or dynamodb:TABLE/ID).
import { readFileSync } from 'node:fs';
import { ContainerModule } from 'inversify';
import { DEFAULT_LEGACY_RULES, InvalidJournalLocationError, JournalLocation, LegacyRules, PathResolver, type LegacyRule } from '@edgecv/domain';
import { ArtifactReferenceStoresToken, rulesHash, type ArtifactReferenceStore, type MigrationJournal } from '@edgecv/use-cases';
import { DynamoDbArtifactReferenceStore, DynamoDbMigrationJournal, type TableNames } from '@edgecv/infrastructure/dynamodb';
import { JsonlMigrationJournal } from '@edgecv/infrastructure/journal';
import { MongoAssignmentReferenceStore } from '@edgecv/infrastructure/mongo';
import type { EdgecvConfig } from '../EdgecvConfig';
import { resolve, token } from '../Token';
import { DynamoClientsToken, MongoToken, TableNamesToken } from '../tokens';
import type { DynamoClients, MongoBox } from './coreModule';

export const LegacyRulesToken = token<readonly LegacyRule[]>('LegacyRules');
export const PathResolverToken = token<PathResolver>('PathResolver');
export const RulesHashToken = token<string>('RulesHash');
export const JournalOpenerToken = token<JournalOpener>('JournalOpener');

/** Opens a journal by its location (JournalLocation: a file path, or `dynamodb:TABLE/JOURNAL_ID`, `dynamodb:TABLE` for a new one). */
export type JournalOpener = (location: string | JournalLocation, options?: { newJournalId?: string }) => MigrationJournal;

export { InvalidJournalLocationError };

export function migrationModule(config: EdgecvConfig): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind<readonly LegacyRule[]>(LegacyRulesToken).toDynamicValue(() =>
      config.legacyRulesFile ? LegacyRules.fromJson(JSON.parse(readFileSync(config.legacyRulesFile, 'utf8'))) : DEFAULT_LEGACY_RULES,
    );
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
  });
}
