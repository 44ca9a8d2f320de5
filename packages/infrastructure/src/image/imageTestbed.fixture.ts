// The real thing, wired for tests: the local stack's S3 behind a fault proxy, its MongoDB
// stand-in (or MONGODB_URI), sharp, and a logger that keeps what it was told.
import { imageStorageConfig, type Clock, type ImageStorageConfig, type LogFields, type Logger } from '@edgecv/use-cases';
import { MongoAssignmentRepository, connectMongo, type MongoConnection } from '../mongo';
import { S3ObjectStore, s3ConfigFromEnv } from '../s3';
import { SharpImageOptimizer } from './SharpImageOptimizer';
import { createTestBucket, emptyAndDeleteBucket, startFaultProxy, testMongoUri, testS3Client, uniqueName, type FaultProxy } from '@edgecv/test-harness';

export interface LogEntry {
  readonly level: 'debug' | 'info' | 'warn' | 'error';
  readonly message: string;
  readonly fields: LogFields;
}

export class RecordingLogger implements Logger {
  readonly entries: LogEntry[] = [];
  debug(message: string, fields: LogFields = {}): void {
    this.entries.push({ level: 'debug', message, fields });
  }
  info(message: string, fields: LogFields = {}): void {
    this.entries.push({ level: 'info', message, fields });
  }
  warn(message: string, fields: LogFields = {}): void {
    this.entries.push({ level: 'warn', message, fields });
  }
  error(message: string, fields: LogFields = {}): void {
    this.entries.push({ level: 'error', message, fields });
  }
}

export const FIXED_NOW = new Date('2024-11-26T10:30:45.678Z');

export interface ImageTestbed {
  readonly bucket: string;
  readonly proxy: FaultProxy;
  readonly s3: ReturnType<typeof testS3Client>;
  readonly store: S3ObjectStore;
  readonly mongo: MongoConnection;
  readonly assignments: MongoAssignmentRepository;
  readonly collection: ReturnType<ReturnType<MongoConnection['client']['db']>['collection']>;
  readonly optimizer: SharpImageOptimizer;
  readonly logger: RecordingLogger;
  readonly clock: Clock;
  readonly config: ImageStorageConfig;
  readonly slept: number[];
  readonly sleep: (ms: number) => Promise<void>;
  close(): Promise<void>;
}

export async function startImageTestbed(overrides: Partial<ImageStorageConfig> = {}): Promise<ImageTestbed> {
  const s3 = testS3Client();
  const bucket = await createTestBucket({ versioned: true, prefix: 'images' });
  const proxy = await startFaultProxy(process.env.AWS_ENDPOINT_URL_S3 ?? '');
  // The adapter makes one attempt per call: the use case owns the retry schedule (docs/images.md).
  const store = new S3ObjectStore(s3ConfigFromEnv(process.env, { endpoint: proxy.url, retry: { attempts: 1, mode: 'standard' }, timeoutMs: 5_000 }));
  const mongo = await connectMongo(testMongoUri());
  const db = mongo.client.db(uniqueName('images'));
  const assignments = new MongoAssignmentRepository(db);
  await assignments.ensureIndexes();
  const slept: number[] = [];
  return {
    bucket,
    proxy,
    s3,
    store,
    mongo,
    assignments,
    collection: db.collection('assignments'),
    optimizer: new SharpImageOptimizer(),
    logger: new RecordingLogger(),
    clock: { now: () => new Date(FIXED_NOW) },
    config: imageStorageConfig({ bucket, retryDelaysMs: [10, 20, 40], timeoutMs: 2_000, ...overrides }),
    slept,
    sleep: async (ms) => {
      slept.push(ms);
      await new Promise((resolve) => setTimeout(resolve, ms));
    },
    close: async () => {
      await proxy.close();
      await db.dropDatabase().catch(() => undefined);
      await mongo.close();
      await emptyAndDeleteBucket(bucket, s3);
    },
  };
}
