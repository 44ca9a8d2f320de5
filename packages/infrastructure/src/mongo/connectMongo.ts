// One MongoClient per process, from MONGODB_URI (or the local stack's stand-in).
import { MongoClient, type MongoClientOptions } from 'mongodb';
import { translateMongoError } from './mongoErrors';

export interface MongoConnection {
  readonly client: MongoClient;
  readonly dbName: string;
  close(): Promise<void>;
}

/** The database named in the URI's path, or `edgecv` when the URI names none. */
export function databaseNameOf(uri: string): string {
  const path = /^mongodb(?:\+srv)?:\/\/[^/]+\/([^?]*)/.exec(uri)?.[1];
  return path ? decodeURIComponent(path) : 'edgecv';
}

/** Connects, failing with MONGO_UNAVAILABLE (after the server selection timeout) or an invalid configuration. */
export async function connectMongo(uri: string, options: MongoClientOptions = {}): Promise<MongoConnection> {
  try {
    // A timeout the URI names (serverSelectionTimeoutMS=...) wins over the default.
    const defaults = /[?&]serverSelectionTimeoutMS=/i.test(uri) ? {} : { serverSelectionTimeoutMS: 10_000 };
    const client = new MongoClient(uri, { ...defaults, ...options });
    await client.connect();
    return { client, dbName: databaseNameOf(uri), close: () => client.close() };
  } catch (error) {
    throw translateMongoError('connect', error);
  }
}
