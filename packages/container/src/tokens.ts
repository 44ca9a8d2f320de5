// Tokens for what the container provides beyond the ports (whose tokens live beside them).
import type { ResultsSettings } from '@edgecv/use-cases';
import type { TableNames } from '@edgecv/infrastructure/dynamodb';
import type { EdgecvConfig } from './EdgecvConfig';
import { token } from './Token';

export const ConfigToken = token<EdgecvConfig>('Config');
export const DynamoClientsToken = Symbol.for('edgecv.DynamoClients');
export const TableNamesToken = token<TableNames>('TableNames');
export const ResultsSettingsToken = token<ResultsSettings>('ResultsSettings');
/** The MongoDB connection (a MongoBox), opened on first use and closed by Edgecv.close(). */
export const MongoToken = Symbol.for('edgecv.mongo');
