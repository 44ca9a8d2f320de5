// Issue 11 §3: a rollback started while `run` is in progress in another process holds nothing and
// so must change nothing. It used to remove the copies first and fail on the journal's lock only
// afterwards; the run then journaled those copies verified, and clean-up refused forever.
import { spawn } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { startFaultProxy, type FaultProxy } from '@edgecv/test-harness';
import { JournalLockedError, migrationStatus, planMigration, rollbackMigration } from '@edgecv/use-cases';
import { JsonlMigrationJournal } from '@edgecv/infrastructure/journal';
import { clock, createWorld, currentContents, resolver, RULES_HASH, snapshot, type World } from './migrationWorld.fixture';

const OBJECTS = 60;

function runChild(journalPath: string, s3Endpoint: string): { exited: Promise<number | null>; out: () => string } {
  let out = '';
  const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'runMigration.child.fixture.ts')], {
    env: { ...process.env, MIGRATION_JOURNAL: journalPath, AWS_ENDPOINT_URL_S3: s3Endpoint, TSX_TSCONFIG_PATH: join(__dirname, 'crashChild.tsconfig.json') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  return { exited: new Promise((resolve) => child.on('exit', (code) => resolve(code))), out: () => out };
}

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 6000 && !condition(); i++) await new Promise((r) => setTimeout(r, 10));
  if (!condition()) throw new Error(`timed out waiting for ${what}`);
}

/** The event types journaled so far. */
function journaledEvents(path: string): string[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as { t: string; e?: { type: string }; direction?: string })
    .map((l) => (l.t === 's' ? (l.e?.type ?? '') : l.t === 'r' ? `reference-${l.direction}` : l.t));
}

describe('rollback while run holds the journal in another process', () => {
  let world: World;
  let proxy: FaultProxy;
  beforeAll(async () => {
    world = await createWorld();
    // The run's S3 requests go through a proxy that holds the copy of one object for seconds, so
    // the run is still going, with the other copies journaled, when rollback starts.
    proxy = await startFaultProxy(process.env.AWS_ENDPOINT_URL_S3 as string, {
      action: { kind: 'delay', ms: 8_000 },
      match: ({ method, url }) => method === 'PUT' && url.includes(encodeURIComponent(`part ${OBJECTS - 1}.bin`)),
    });
  });
  afterAll(async () => {
    await proxy.close();
    await world.dispose();
  });

  it('fails with JOURNAL_LOCKED having changed nothing; the run finishes and a later rollback is exact', async () => {
    for (let i = 0; i < OBJECTS; i++) await world.put(`training-output/job-${i % 5}/part ${i}.bin`, `bytes ${i} `.repeat(1 + (i % 3)));
    const initial = await snapshot(world.bucket);
    const journalPath = join(world.dir, 'held.jsonl');
    const planning = new JsonlMigrationJournal(journalPath);
    await planMigration({ bucket: world.bucket, journal: planning }, { store: world.store, resolver, rulesHash: RULES_HASH, clock });
    await planning.close();
    const planned = statSync(journalPath).size;

    const run = runChild(journalPath, proxy.url);
    let exit: number | null | undefined;
    void run.exited.then((code) => (exit = code));
    // Some copies are journaled, and the run is still going.
    await until(() => journaledEvents(journalPath).filter((e) => e === 'verified').length >= 5 || exit !== undefined, 'the run to make progress');
    expect(exit).toBeUndefined();
    expect(statSync(journalPath).size).toBeGreaterThan(planned);

    const before = await currentContents(world.bucket);
    const eventsBefore = journaledEvents(journalPath).length;
    const rollback = rollbackMigration({ journal: new JsonlMigrationJournal(journalPath) }, { store: world.store, referenceStores: [] });
    await expect(rollback).rejects.toBeInstanceOf(JournalLockedError);
    await expect(rollback).rejects.toMatchObject({ code: 'JOURNAL_LOCKED' });

    // Nothing the run had copied was removed (the run may have copied more meanwhile), nothing journaled by rollback.
    const after = await currentContents(world.bucket);
    for (const [key, sha] of before) expect({ key, sha: after.get(key) }).toEqual({ key, sha });
    const events = journaledEvents(journalPath);
    expect(events.length).toBeGreaterThanOrEqual(eventsBefore);
    for (const undo of ['target-removed', 'source-restored', 'rolled-back', 'reference-restore']) expect(events).not.toContain(undo);

    expect({ code: await run.exited, out: run.out() }).toEqual({ code: 0, out: expect.stringContaining('"verified"') });
    expect((await migrationStatus({ journal: new JsonlMigrationJournal(journalPath) })).byStatus).toEqual({ verified: OBJECTS });
    const moved = await currentContents(world.bucket);
    expect(moved.size).toBe(2 * OBJECTS);

    const rb = await rollbackMigration({ journal: new JsonlMigrationJournal(journalPath) }, { store: world.store, referenceStores: [] });
    expect(rb).toMatchObject({ targetsRemoved: OBJECTS, rolledBack: OBJECTS, problems: [] });
    expect(await snapshot(world.bucket)).toEqual(initial);
  }, 180_000);
});
