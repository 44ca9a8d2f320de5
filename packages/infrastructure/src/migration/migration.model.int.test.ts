// Model-based test of the whole migration (fast-check commands) against the local stack: plan,
// run a batch and crash, resume, cut over, clean up, roll back, in any order the commands allow.
// After every step: no object lost, nothing overwritten, every reference resolves; after a
// rollback the bucket (every version, byte, header, tag) and the records are exactly the initial ones.
// Commands from a second journal object (as a second process holds it) interleave with one in
// progress: the second is refused (JOURNAL_LOCKED) and changes nothing, the first goes on.
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { DeleteCommand, PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { createTestBucket, emptyAndDeleteBucket } from '@edgecv/test-harness';
import {
  cleanupSources,
  cutoverReferences,
  planMigration,
  JournalLockedError,
  rollbackMigration,
  runMigration,
  ValidationFailedError,
  type MigrationJournal,
} from '@edgecv/use-cases';
import { JsonlMigrationJournal } from '@edgecv/infrastructure/journal';
import fc from 'fast-check';
import { crashAfter, SimulatedCrash } from './CrashingJournal.fixture';
import { clock, createWorld, currentContents, resolver, RULES_HASH, s3, snapshot, type ObjectState, type World } from './migrationWorld.fixture';
import { PutObjectCommand } from '@aws-sdk/client-s3';

const CATALOGUE = [
  'datasets//training-output/job-a/output/model.tar.gz',
  'datasets/training-output/job-b/output/model.tar.gz',
  'training-output/job-c/output/model.tar.gz',
  'datasets//training-output/job-a/extra/odd name + 100%.txt',
  'datasets//compilation-output/comp-1/model-jetson_nano.tar.gz',
  'compilation-output/comp-2/model-rasp3b.tar.gz',
  'packaged-models/dep-1/component.zip',
  'greengrass-components/dep-2/recipé ünï.json',
  'datasets/cats.manifest',
  'datasets/photos/img 001.jpg',
] as const;

interface Setup {
  readonly legacy: readonly { key: string; body: string; tagged: boolean }[];
  /** A pre-existing object at one legacy key's target: 'same' bytes or 'other' bytes (a collision). */
  readonly occupied?: { index: number; kind: 'same' | 'other' };
  readonly versioned: boolean;
}

const setupArb: fc.Arbitrary<Setup> = fc
  .record({
    picks: fc.uniqueArray(fc.integer({ min: 0, max: CATALOGUE.length - 1 }), { minLength: 1, maxLength: 5 }),
    bodies: fc.array(fc.string({ minLength: 0, maxLength: 12 }), { minLength: 5, maxLength: 5 }),
    tagged: fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }),
    occupied: fc.option(fc.record({ index: fc.nat(4), kind: fc.constantFrom<'same' | 'other'>('same', 'other') }), { nil: undefined }),
    versioned: fc.boolean(),
  })
  .map(({ picks, bodies, tagged, occupied, versioned }) => ({
    legacy: picks.map((i, n) => ({ key: CATALOGUE[i] as string, body: `${bodies[n] ?? ''}#${i}`, tagged: tagged[n] ?? false })),
    ...(occupied !== undefined && occupied.index < picks.length ? { occupied } : {}),
    versioned,
  }));

interface Model {
  planned: boolean;
  rolledBack: boolean;
}

interface Real {
  world: World;
  bucket: string;
  journalPath: string;
  journal: MigrationJournal;
  initial: ObjectState[];
  initialRecords: string;
  /** key -> sha256 of every object that existed before the migration. */
  before: Map<string, string>;
  rolledBack: boolean;
}

const deps = (r: Real) => ({ store: r.world.store, resolver, rulesHash: RULES_HASH, clock, referenceStores: r.world.referenceStores });

/** A fresh journal object on the same file: what a restarted process sees. */
async function restart(r: Real): Promise<void> {
  await r.journal.close();
  r.journal = new JsonlMigrationJournal(r.journalPath);
}

class PlanCommand implements fc.AsyncCommand<Model, Real> {
  check = (m: Readonly<Model>) => !m.planned;
  async run(m: Model, r: Real): Promise<void> {
    await planMigration({ bucket: r.bucket, journal: r.journal }, deps(r));
    m.planned = true;
    await checkInvariants(r);
  }
  toString = () => 'plan';
}

class RunAndCrashCommand implements fc.AsyncCommand<Model, Real> {
  constructor(readonly writes: number) {}
  check = (m: Readonly<Model>) => m.planned && !m.rolledBack;
  async run(_m: Model, r: Real): Promise<void> {
    await runMigration({ journal: crashAfter(r.journal, this.writes), concurrency: 3 }, deps(r)).catch((e: unknown) => {
      if (!(e instanceof SimulatedCrash)) throw e;
    });
    await restart(r);
    await checkInvariants(r);
  }
  toString = () => `run+crash after ${this.writes} writes`;
}

class TornTailCommand implements fc.AsyncCommand<Model, Real> {
  check = (m: Readonly<Model>) => m.planned;
  async run(_m: Model, r: Real): Promise<void> {
    appendFileSync(r.journalPath, '{"t":"s","i":0,"f":"plan');
    await restart(r);
    await checkInvariants(r);
  }
  toString = () => 'torn last line';
}

class ResumeCommand implements fc.AsyncCommand<Model, Real> {
  check = (m: Readonly<Model>) => m.planned && !m.rolledBack;
  async run(_m: Model, r: Real): Promise<void> {
    const summary = await runMigration({ journal: r.journal, concurrency: 4 }, deps(r));
    expect(summary.transientFailures).toBe(0);
    await checkInvariants(r);
  }
  toString = () => 'resume run';
}

class CutoverCommand implements fc.AsyncCommand<Model, Real> {
  check = (m: Readonly<Model>) => m.planned && !m.rolledBack;
  async run(_m: Model, r: Real): Promise<void> {
    await cutoverReferences({ journal: r.journal }, deps(r));
    await checkInvariants(r);
  }
  toString = () => 'cutover';
}

class CleanupCommand implements fc.AsyncCommand<Model, Real> {
  check = (m: Readonly<Model>) => m.planned && !m.rolledBack;
  async run(_m: Model, r: Real): Promise<void> {
    const before = await currentContents(r.bucket);
    try {
      await cleanupSources({ journal: r.journal }, deps(r));
    } catch (e) {
      if (!(e instanceof ValidationFailedError)) throw e;
      // Refused: nothing was deleted.
      expect(await currentContents(r.bucket)).toEqual(before);
    }
    await checkInvariants(r);
  }
  toString = () => 'cleanup';
}

class RollbackCommand implements fc.AsyncCommand<Model, Real> {
  check = (m: Readonly<Model>) => m.planned && !m.rolledBack;
  async run(m: Model, r: Real): Promise<void> {
    const summary = await rollbackMigration({ journal: r.journal }, deps(r));
    expect(summary.problems).toEqual([]);
    m.rolledBack = true;
    r.rolledBack = true;
    expect(await snapshot(r.bucket)).toEqual(r.initial);
    expect(await recordsState(r)).toBe(r.initialRecords);
  }
  toString = () => 'rollback';
}

type Holder = 'run' | 'cutover' | 'cleanup' | 'rollback';

/** One command on one journal object, one thing at a time (so a paused command leaves the bucket still). */
function command(kind: Holder, journal: MigrationJournal, r: Real): Promise<unknown> {
  switch (kind) {
    case 'run':
      return runMigration({ journal, concurrency: 1 }, deps(r));
    case 'cutover':
      return cutoverReferences({ journal }, deps(r));
    case 'cleanup':
      return cleanupSources({ journal, concurrency: 1 }, deps(r));
    case 'rollback':
      return rollbackMigration({ journal, concurrency: 1 }, deps(r));
  }
}

/** The journal, with `hook` awaited before its n-th write (plan, steps or reference changes). */
function pausedBeforeWrite(journal: MigrationJournal, n: number, hook: () => Promise<void>): MigrationJournal {
  let writes = 0;
  const before = async (): Promise<void> => {
    if (writes++ === n) await hook();
  };
  return {
    location: journal.location,
    acquire: (a) => journal.acquire(a),
    create: (h) => journal.create(h),
    header: () => journal.header(),
    plan: async (e) => (await before(), journal.plan(e)),
    record: async (s) => (await before(), journal.record(s)),
    records: () => journal.records(),
    find: (k) => journal.find(k),
    recordReferenceChanges: async (c) => (await before(), journal.recordReferenceChanges(c)),
    referenceChanges: () => journal.referenceChanges(),
    readReport: () => journal.readReport(),
    close: () => journal.close(),
  };
}

/**
 * `first` runs on the journal the test holds; before its n-th write, `second` runs on another
 * journal object of the same file (another process, as far as the lock is concerned).
 */
class InterleaveCommand implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly first: Holder,
    readonly second: Holder,
    readonly afterWrites: number,
  ) {}
  check = (m: Readonly<Model>) => m.planned && !m.rolledBack;
  async run(m: Model, r: Real): Promise<void> {
    const secondRefused = async (): Promise<void> => {
      const before = { bucket: await snapshot(r.bucket), journal: readFileSync(r.journalPath, 'utf8'), records: await recordsState(r) };
      const other = new JsonlMigrationJournal(r.journalPath);
      try {
        await expect(command(this.second, other, r)).rejects.toBeInstanceOf(JournalLockedError);
      } finally {
        await other.close();
      }
      expect(await snapshot(r.bucket)).toEqual(before.bucket);
      expect(readFileSync(r.journalPath, 'utf8')).toBe(before.journal);
      expect(await recordsState(r)).toBe(before.records);
    };
    try {
      const result = await command(this.first, pausedBeforeWrite(r.journal, this.afterWrites, secondRefused), r);
      if (this.first === 'rollback') {
        expect(result).toMatchObject({ problems: [] });
        m.rolledBack = true;
        r.rolledBack = true;
        expect(await snapshot(r.bucket)).toEqual(r.initial);
        expect(await recordsState(r)).toBe(r.initialRecords);
      }
    } catch (e) {
      if (!(this.first === 'cleanup' && e instanceof ValidationFailedError)) throw e;
    }
    await checkInvariants(r);
  }
  toString = () => `${this.first} (${this.second} from another process before write ${this.afterWrites})`;
}

async function checkInvariants(r: Real): Promise<void> {
  const now = await currentContents(r.bucket);
  const present = new Set(now.values());
  for (const [key, sha] of r.before) {
    // No object lost: every original's bytes are readable at its key or at its new key.
    const c = resolver.classify(key);
    const at = now.get(key) ?? (c.status === 'converted' ? now.get(c.output) : undefined);
    expect({ key, sha: at }).toEqual({ key, sha });
    // Nothing overwritten: an object that was there before still has its bytes, or was moved.
    if (now.has(key)) expect(now.get(key)).toBe(sha);
  }
  for (const sha of r.before.values()) expect(present.has(sha)).toBe(true);
  // Every reference resolves (directly, or through the PathResolver's backward compatibility).
  for (const table of ['training', 'compilation', 'deployments'] as const) {
    for (const item of await r.world.records(table)) {
      for (const uri of urisOf(item)) {
        const key = uri.slice(`s3://${r.bucket}/`.length);
        const resolved = resolver.resolveArtifactPath(key);
        const exists = (k: string): boolean => (k.endsWith('/') ? [...now.keys()].some((x) => x.startsWith(k)) : now.has(k));
        expect({ uri, resolves: exists(key) || exists(resolved) }).toEqual({ uri, resolves: true });
      }
    }
  }
}

function urisOf(item: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const v of Object.values(item)) {
    if (typeof v === 'string' && v.startsWith('s3://')) out.push(v);
    if (Array.isArray(v)) for (const x of v) if (typeof x === 'string') out.push(x);
  }
  return out;
}

async function recordsState(r: Real): Promise<string> {
  const all = [];
  for (const table of ['training', 'compilation', 'deployments'] as const) all.push(...(await r.world.records(table)).map((i) => JSON.stringify([table, i])));
  return all.sort().join('\n');
}

let world: World;
beforeAll(async () => {
  world = await createWorld();
});
afterAll(async () => world.dispose());

async function clearTables(): Promise<void> {
  for (const [table, keys] of [
    ['training', ['jobName']],
    ['compilation', ['jobName', 'target']],
    ['deployments', ['name']],
  ] as const) {
    const name = world.tables[table];
    const items = (await world.documents.send(new ScanCommand({ TableName: name }))).Items ?? [];
    for (const item of items) await world.documents.send(new DeleteCommand({ TableName: name, Key: Object.fromEntries(keys.map((k) => [k, item[k]])) }));
  }
}

async function setUp(setup: Setup, n: number): Promise<Real> {
  const bucket = await createTestBucket({ versioned: setup.versioned, prefix: 'model' });
  await clearTables();
  for (const o of setup.legacy) {
    await s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: o.key,
        Body: o.body,
        ContentType: 'application/octet-stream',
        Metadata: { origin: 'legacy' },
        ...(o.tagged ? { Tagging: 'keep=yes' } : {}),
      }),
    );
    const c = resolver.classify(o.key);
    if (c.status !== 'converted') continue;
    // Records that reference the legacy artifacts, as the Lambdas wrote them.
    if (c.artifactType === 'training-output') {
      const job = c.output.split('/')[2] as string;
      await world.documents.send(new PutCommand({ TableName: world.tables.training, Item: { jobName: `${job}-${o.key.length}`, model_artifact_uri: `s3://${bucket}/${o.key}` } }));
    } else if (c.artifactType === 'deployment') {
      await world.documents.send(new PutCommand({ TableName: world.tables.deployments, Item: { name: `d-${o.key.length}`, artifact_uris: [`s3://${bucket}/${o.key}`] } }));
    }
  }
  if (setup.occupied !== undefined) {
    const victim = setup.legacy[setup.occupied.index];
    const c = victim === undefined ? undefined : resolver.classify(victim.key);
    if (victim !== undefined && c?.status === 'converted') {
      await s3.send(new PutObjectCommand({ Bucket: bucket, Key: c.output, Body: setup.occupied.kind === 'same' ? victim.body : `${victim.body}+other` }));
    }
  }
  const journalPath = `${world.dir}/model-${n}.jsonl`;
  const real: Real = {
    world,
    bucket,
    journalPath,
    journal: new JsonlMigrationJournal(journalPath),
    initial: await snapshot(bucket),
    initialRecords: '',
    before: await currentContents(bucket),
    rolledBack: false,
  };
  real.initialRecords = await recordsState(real);
  return real;
}

describe('migration model', () => {
  it('never loses or overwrites an object, keeps every reference resolvable, and rolls back exactly', async () => {
    let n = 0;
    const commands = fc.commands(
      [
        fc.constant(new PlanCommand()),
        fc.integer({ min: 0, max: 12 }).map((k) => new RunAndCrashCommand(k)),
        fc.constant(new TornTailCommand()),
        fc.constant(new ResumeCommand()),
        fc.constant(new CutoverCommand()),
        fc.constant(new CleanupCommand()),
        fc.constant(new RollbackCommand()),
        fc
          .tuple(
            fc.constantFrom<[Holder, Holder]>(['run', 'rollback'], ['rollback', 'run'], ['run', 'cleanup'], ['cleanup', 'run'], ['cutover', 'rollback'], ['rollback', 'cutover']),
            fc.integer({ min: 0, max: 6 }),
          )
          .map(([[first, second], n]) => new InterleaveCommand(first, second, n)),
      ],
      { maxCommands: 8 },
    );
    await fc.assert(
      fc.asyncProperty(setupArb, commands, async (setup, cmds) => {
        const real = await setUp(setup, ++n);
        try {
          await fc.asyncModelRun(() => ({ model: { planned: false, rolledBack: false }, real }), cmds);
          // Whatever happened, a rollback at the end restores the initial state exactly.
          if (existsSync(real.journalPath) && !real.rolledBack) await new RollbackCommand().run({ planned: true, rolledBack: false }, real);
        } finally {
          await real.journal.close();
          await emptyAndDeleteBucket(real.bucket);
        }
      }),
      { numRuns: 100, endOnFailure: true },
    );
  }, 1_200_000);
});
