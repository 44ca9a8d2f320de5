// Issue 11 §5: the journal's last line damaged after the copy it announced had happened (disk
// damage, a hand edit; a crash cannot do it, the line is fsynced before the copy). The copy is
// still the migration's own: a resumed run journals it as created, and a rollback removes it, so
// the bucket comes back exactly as it was.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { JsonlMigrationJournal } from '@edgecv/infrastructure/journal';
import { migrationStatus, planMigration, rollbackMigration, runMigration } from '@edgecv/use-cases';
import { crashAfter, SimulatedCrash } from './CrashingJournal.fixture';
import { clock, createWorld, resolver, RULES_HASH, snapshot, type World } from './migrationWorld.fixture';

const KEYS = ['training-output/job-1/output/model.tar.gz', 'training-output/job-2/output/model.tar.gz', 'compilation-output/comp-1/model-rasp3b.tar.gz'];

/** S3 keeps Last-Modified to the second: copies in the plan's own second are not told apart from older objects. */
async function nextSecond(): Promise<void> {
  await new Promise((r) => setTimeout(r, 1_050 - (Date.now() % 1_000)));
}

/** The journal's last line, cut in the middle (what a damaged disk or a careless edit leaves). */
function tearLastLine(path: string): string {
  const text = readFileSync(path, 'utf8');
  const lines = text.split('\n').filter(Boolean);
  const last = lines.pop() as string;
  writeFileSync(path, `${lines.join('\n')}\n${last.slice(0, Math.floor(last.length / 2))}`);
  return last;
}

describe.each([
  ['unversioned', false],
  ['versioned', true],
])('a damaged last journal line after a real copy (%s bucket)', (_name, versioned) => {
  let world: World;
  beforeEach(async () => {
    world = await createWorld({ versioned });
  });
  afterEach(async () => world.dispose());

  /** Plan, then a run that copies the first object and dies before journaling what it did (write `survives` + 1 fails). */
  async function copiedThenCrashed(survives: number): Promise<{ path: string; initial: Awaited<ReturnType<typeof snapshot>> }> {
    for (const k of KEYS) await world.put(k, `bytes of ${k}`, { contentType: 'application/gzip', metadata: { origin: 'legacy' }, tagging: 'keep=yes' });
    const initial = await snapshot(world.bucket);
    const path = join(world.dir, 'torn.jsonl');
    const planning = new JsonlMigrationJournal(path);
    await planMigration({ bucket: world.bucket, journal: planning }, { store: world.store, resolver, rulesHash: RULES_HASH, clock });
    await planning.close();
    await nextSecond();
    const running = new JsonlMigrationJournal(path);
    await expect(runMigration({ journal: crashAfter(running, survives), concurrency: 1 }, { store: world.store, clock, conditionalCopy: 'compare' })).rejects.toBeInstanceOf(
      SimulatedCrash,
    );
    await running.close();
    expect((await snapshot(world.bucket)).length).toBe(initial.length + 1); // the copy happened
    return { path, initial };
  }

  it('the copy-started line torn: rollback alone removes the copy', async () => {
    const { path, initial } = await copiedThenCrashed(1);
    expect(tearLastLine(path)).toContain('"copy-started"');
    const rb = await rollbackMigration({ journal: new JsonlMigrationJournal(path) }, { store: world.store, referenceStores: [] });
    expect(rb).toMatchObject({ targetsRemoved: 1, rolledBack: KEYS.length, problems: [] });
    expect(await snapshot(world.bucket)).toEqual(initial);
  });

  it('the copy-started line torn: a resumed run takes the copy for its own, and rollback removes it', async () => {
    const { path, initial } = await copiedThenCrashed(1);
    tearLastLine(path);
    const resumed = new JsonlMigrationJournal(path);
    expect(await runMigration({ journal: resumed, concurrency: 1 }, { store: world.store, clock, conditionalCopy: 'compare' })).toMatchObject({ verified: KEYS.length });
    await resumed.close();
    const status = await migrationStatus({ journal: new JsonlMigrationJournal(path) });
    expect(status).toMatchObject({ byStatus: { verified: KEYS.length }, repairedTails: 1 });
    const rb = await rollbackMigration({ journal: new JsonlMigrationJournal(path) }, { store: world.store, referenceStores: [] });
    expect(rb).toMatchObject({ targetsRemoved: KEYS.length, problems: [] });
    expect(await snapshot(world.bucket)).toEqual(initial);
  });

  it('a later line torn (the copy announced, its outcome lost): the announcement decides, as after a crash', async () => {
    const { path, initial } = await copiedThenCrashed(1);
    // The announcement survives; a damaged line after it (here: a whole bogus step, cut) is the last one.
    writeFileSync(path, `${readFileSync(path, 'utf8')}{"t":"s","i":0,"f":"planned","e":{"type":"copied","crea`);
    const resumed = new JsonlMigrationJournal(path);
    await runMigration({ journal: resumed, concurrency: 1 }, { store: world.store, clock, conditionalCopy: 'compare' });
    await resumed.close();
    const rb = await rollbackMigration({ journal: new JsonlMigrationJournal(path) }, { store: world.store, referenceStores: [] });
    expect(rb).toMatchObject({ targetsRemoved: KEYS.length, problems: [] });
    expect(await snapshot(world.bucket)).toEqual(initial);
  });

  it('never takes a target that held the same bytes before the plan, however damaged the journal', async () => {
    for (const k of KEYS) await world.put(k, `bytes of ${k}`);
    await world.put('models/training/job-1/output/model.tar.gz', `bytes of ${KEYS[0]}`); // already there, identical
    const initial = await snapshot(world.bucket);
    const path = join(world.dir, 'damaged.jsonl');
    const planning = new JsonlMigrationJournal(path);
    await planMigration({ bucket: world.bucket, journal: planning }, { store: world.store, resolver, rulesHash: RULES_HASH, clock });
    await planning.close();
    writeFileSync(path, `${readFileSync(path, 'utf8')}{"t":"s","i":0,"f":"planned","e":{"type":"copy-st`);
    await nextSecond();
    const journal = new JsonlMigrationJournal(path);
    expect(await runMigration({ journal, concurrency: 1 }, { store: world.store, clock, conditionalCopy: 'compare' })).toMatchObject({ verified: KEYS.length });
    expect(await journal.find(KEYS[0] as string)).toMatchObject({ status: 'verified', targetCreated: false });
    expect(await rollbackMigration({ journal }, { store: world.store, referenceStores: [] })).toMatchObject({ targetsRemoved: KEYS.length - 1, problems: [] });
    await journal.close();
    expect(await snapshot(world.bucket)).toEqual(initial);
  });
});
