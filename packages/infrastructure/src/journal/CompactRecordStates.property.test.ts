// The JSONL journal's compact state is only an encoding of the domain's record: decode(encode(x))
// gives x back for every reachable state, and a life folded through it (decode, domain fold,
// encode at every step) ends where the domain's fold over plain records ends, crashes (a copy
// announced twice), failures, retries and rollbacks included; stale steps change nothing.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MigrationRecord } from '@edgecv/domain';
import fc from 'fast-check';
import { CompactRecordStates } from './CompactRecordStates';
import { JsonlMigrationJournal } from './JsonlMigrationJournal';
import { PLANNED_MOVE, recordLifeArb, stateOf } from './migrationSteps.fixture';

describe('CompactRecordStates', () => {
  it('decodes what it encodes, and folds every life as the domain does', () => {
    fc.assert(
      fc.property(recordLifeArb(30), ({ steps, records }) => {
        const states = new CompactRecordStates();
        states.addPlanned(0);
        states.addPlanned(1);
        steps.forEach((step, n) => {
          const outcome = states.apply(0, step.from, step.event);
          expect(outcome).toBe(step.expect === 'applied' ? 'applied' : 'stale');
          const expected = records[n];
          if (expected === undefined) throw new Error('no record');
          expect(stateOf({ ...expected, ...states.decode(0) })).toEqual(stateOf(expected));
          states.encode(1, expected);
          expect(stateOf({ ...expected, ...states.decode(1) })).toEqual(stateOf(expected));
        });
      }),
      { numRuns: 300 },
    );
  });

  it('the JSONL journal reads back every life as the domain folds it, written by one object and read by another', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'edgecv-compact-'));
    let n = 0;
    await fc.assert(
      fc.asyncProperty(recordLifeArb(20), async ({ steps, records }) => {
        const path = join(dir, `life-${++n}.jsonl`);
        const writer = new JsonlMigrationJournal(path, { fsync: false });
        await writer.create({ journalId: 'j', bucket: 'b', prefix: '', rulesHash: 'h', versioned: true, createdAt: '2026-01-01T00:00:00.000Z' });
        const [id] = (await writer.plan([PLANNED_MOVE])) as [string];
        for (const step of steps) {
          const { rejected } = await writer.record([{ id, from: step.from, event: step.event }]);
          expect(rejected.length).toBe(step.expect === 'rejected' ? 1 : 0);
        }
        await writer.close();
        const [read] = await fromJournal(new JsonlMigrationJournal(path));
        expect(stateOf(read as MigrationRecord)).toEqual(stateOf(records.at(-1) ?? MigrationRecord.planned(id, PLANNED_MOVE)));
      }),
      { numRuns: 100 },
    );
  });
});

async function fromJournal(j: JsonlMigrationJournal): Promise<unknown[]> {
  const out: unknown[] = [];
  for await (const r of j.records()) out.push(r);
  return out;
}
