// `run` in a child process, SIGKILLed at random moments and resumed until it finishes on its own:
// nothing is lost, every record ends verified, and a rollback still restores the bucket exactly.
import { spawn } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { migrationStatus, planMigration, rollbackMigration } from '@edgecv/use-cases';
import { JsonlMigrationJournal } from '@edgecv/infrastructure/journal';
import { clock, createWorld, currentContents, resolver, RULES_HASH, snapshot, type World } from './migrationWorld.fixture';

const OBJECTS = 240;

/**
 * Runs `run` in a child; with `killAfterJournalBytes`, SIGKILLs it once the journal has grown by
 * that much, which is always mid-run however fast the machine (a timer raced a run that got faster).
 */
function runChild(journalPath: string, killAfterJournalBytes: number | undefined): Promise<{ code: number | null; signal: string | null; out: string }> {
  return new Promise((resolve) => {
    const start = statSync(journalPath).size;
    // `node --import tsx` (not the tsx CLI, which runs the script in a grandchild that SIGKILL would miss).
    const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'runMigration.child.fixture.ts')], {
      env: { ...process.env, MIGRATION_JOURNAL: journalPath, TSX_TSCONFIG_PATH: join(__dirname, 'crashChild.tsconfig.json') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const poll =
      killAfterJournalBytes === undefined
        ? undefined
        : setInterval(() => {
            if (statSync(journalPath).size - start >= killAfterJournalBytes) child.kill('SIGKILL');
          }, 5);
    child.on('exit', (code, signal) => {
      clearInterval(poll);
      resolve({ code, signal, out });
    });
  });
}

describe('run under SIGKILL', () => {
  let world: World;
  beforeAll(async () => {
    world = await createWorld();
  });
  afterAll(async () => world.dispose());

  it('resumes after every kill until done, losing nothing', async () => {
    for (let i = 0; i < OBJECTS; i++) await world.put(`datasets//training-output/job-${i % 7}/part ${i}+%.bin`, `payload ${i} `.repeat(1 + (i % 5)));
    const initial = await snapshot(world.bucket);
    const before = await currentContents(world.bucket);
    const journalPath = join(world.dir, 'crash.jsonl');
    const planning = new JsonlMigrationJournal(journalPath);
    await planMigration({ bucket: world.bucket, journal: planning }, { store: world.store, resolver, rulesHash: RULES_HASH, clock });
    await planning.close(); // releases the journal's lock for the child

    let kills = 0;
    for (let round = 0; round < 40; round++) {
      // Kill points from "first steps journaled" to "well into the copies"; every fifth round runs unkilled.
      const killAfter = round % 5 === 4 ? undefined : 100 + Math.floor(Math.random() * 6_000);
      const r = await runChild(journalPath, killAfter);
      if (r.signal === 'SIGKILL') {
        kills += 1;
        continue;
      }
      expect({ code: r.code, out: r.out }).toEqual({ code: 0, out: expect.stringContaining("verified") });
      const status = await migrationStatus({ journal: new JsonlMigrationJournal(journalPath) });
      if (status.byStatus.verified === OBJECTS) break;
    }
    expect(kills).toBeGreaterThan(0);
    const status = await migrationStatus({ journal: new JsonlMigrationJournal(journalPath) });
    expect(status.byStatus).toEqual({ verified: OBJECTS });

    const after = await currentContents(world.bucket);
    for (const [key, sha] of before) {
      const c = resolver.classify(key);
      expect(c.status).toBe('converted');
      if (c.status === 'converted') expect(after.get(c.output)).toBe(sha);
      expect(after.get(key)).toBe(sha);
    }
    expect(after.size).toBe(2 * OBJECTS);

    const rb = await rollbackMigration({ journal: new JsonlMigrationJournal(journalPath) }, { store: world.store, referenceStores: [] });
    expect(rb.problems).toEqual([]);
    expect(await snapshot(world.bucket)).toEqual(initial);
  }, 600_000);
});
