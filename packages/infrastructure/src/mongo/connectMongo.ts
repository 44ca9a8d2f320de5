// One MongoClient per process, from MONGODB_URI (or the local stack's stand-in).
import { MongoClient, type MongoClientOptions } from 'mongodb';

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

export async function connectMongo(uri: string, options: MongoClientOptions = {}): Promise<MongoConnection> {
  const client = new MongoClient(uri, { serverSelectionTimeoutMS: 10_000, ...options });
  await client.connect();
  return { client, dbName: databaseNameOf(uri), close: () => client.close() };
}
