// The MigrationJournal port's contract, one suite for every journal (JSONL, DynamoDB, in memory):
// write-ahead, stale steps and replays refused, copy claims (shared journals) or one writer (JSONL),
// holds, a collision forgetting its copy attempt, attempts counting copies, and torn tails.
import { COLLISION, InvalidTransitionError, TRANSIENT, type MigrationEvent } from '@edgecv/domain';
import { JournalLockedError, type JournalHeader, type JournalRecord, type MigrationJournal, type RecordStep } from '@edgecv/use-cases';

export interface JournalUnderTest {
  /** The first object of a new, empty journal. */
  readonly journal: MigrationJournal;
  /** Another object on the same journal: a restarted process, or a second worker. */
  another(): MigrationJournal;
  /** Damages the journal's last line, as a disk error or a careless edit would (journals that have lines). */
  tearLastLine?(): Promise<void>;
}

export interface JournalKind {
  /** Several workers write at once, each copy claimed (DynamoDB, in memory); else one writer at a time (JSONL). */
  readonly shared: boolean;
  open(): Promise<JournalUnderTest>;
}

const HEADER: JournalHeader = { journalId: 'contract', bucket: 'b', prefix: '', rulesHash: 'h', versioned: false, createdAt: '2026-01-01T00:00:00.000Z' };
const move = (name: string) => ({ oldKey: `training-output/j/${name}`, newKey: `models/training/j/${name}`, rule: 'r', artifactType: 'training-output', size: 3, etag: 'e' });
const STARTED = '2026-01-01T00:00:01.000Z';
const started = (at = STARTED, worker = 'w1'): MigrationEvent => ({ type: 'copy-started', at, worker });

async function all(journal: MigrationJournal): Promise<JournalRecord[]> {
  const out: JournalRecord[] = [];
  for await (const r of journal.records()) out.push(r);
  return out.sort((a, b) => a.oldKey.localeCompare(b.oldKey));
}

async function planned(t: JournalUnderTest, ...names: string[]): Promise<string[]> {
  await t.journal.create(HEADER);
  return [...(await t.journal.plan(names.map(move)))];
}

const step = (id: string, from: RecordStep['from'], event: MigrationEvent): RecordStep => ({ id, from, event });

export function describeJournalContract(name: string, kind: JournalKind): void {
  describe(`the MigrationJournal contract: ${name}`, () => {
    let t: JournalUnderTest;
    const opened: MigrationJournal[] = [];
    const another = (): MigrationJournal => {
      const j = t.another();
      opened.push(j);
      return j;
    };
    beforeEach(async () => {
      t = await kind.open();
      opened.length = 0;
      opened.push(t.journal);
    });
    afterEach(async () => {
      for (const j of opened) await j.close();
    });

    it('write-ahead: what a call accepted is there for the next object on the journal (a restart), in full', async () => {
      const [a, b] = await planned(t, 'a', 'b');
      await t.journal.acquire('shared');
      await t.journal.record([
        step(a as string, 'planned', started()),
        step(a as string, 'planned', { type: 'copied', created: true, targetVersionId: 'v1' }),
        step(a as string, 'copied', { type: 'verified', method: 'md5-etag' }),
        step(b as string, 'planned', { type: 'failed', code: TRANSIENT, message: '503' }),
      ]);
      await t.journal.recordReferenceChanges([{ store: 'training', recordId: 'job', attribute: 'uri', oldUri: 's3://b/x', newUri: 's3://b/y', direction: 'cutover' }]);
      await t.journal.close();

      const restarted = another();
      // The header as created (a table of journals keeps the journal's own id in it).
      expect({ ...(await restarted.header()), journalId: HEADER.journalId }).toEqual(HEADER);
      const [ra, rb] = await all(restarted);
      expect(ra).toMatchObject({ ...move('a'), id: a, status: 'verified', attempts: 1, targetCreated: true, targetVersionId: 'v1', sourceDeleted: false });
      expect(ra?.copyStartedAt).toBeUndefined();
      expect(rb).toMatchObject({ ...move('b'), id: b, status: 'failed', failedFrom: 'planned', error: { code: TRANSIENT, message: '503' }, attempts: 0 });
      expect(await restarted.find(move('b').oldKey)).toEqual(rb);
      expect(await restarted.find('not/planned')).toBeUndefined();
      const changes = [];
      for await (const c of restarted.referenceChanges()) changes.push(c);
      expect(changes).toEqual([{ store: 'training', recordId: 'job', attribute: 'uri', oldUri: 's3://b/x', newUri: 's3://b/y', direction: 'cutover' }]);
    });

    it('refuses a replayed step and a stale one (a from the record no longer has), changing nothing', async () => {
      const [a] = (await planned(t, 'a')) as [string];
      await t.journal.acquire('shared');
      const copied = step(a, 'planned', { type: 'copied', created: true });
      expect((await t.journal.record([copied])).rejected).toEqual([]);
      const before = await all(t.journal);
      expect((await t.journal.record([copied])).rejected).toEqual([copied]);
      const stale = [step(a, 'planned', started()), step(a, 'verified', { type: 'referenced' })];
      expect((await t.journal.record(stale)).rejected).toEqual(stale);
      expect(await all(t.journal)).toEqual(before);
    });

    it('refuses a step for a record it does not have, and throws on one the domain never allows, applying nothing of that call', async () => {
      const [a] = (await planned(t, 'a')) as [string];
      await t.journal.acquire('shared');
      const unknown = step('no-such-record', 'planned', { type: 'copied', created: true });
      expect((await t.journal.record([unknown])).rejected).toEqual([unknown]);
      const before = await all(t.journal);
      await expect(t.journal.record([step(a, 'planned', { type: 'copied', created: true }), step(a, 'planned', { type: 'verified', method: 'md5-etag' })])).rejects.toBeInstanceOf(
        InvalidTransitionError,
      );
      expect(await all(t.journal)).toEqual(before);
    });

    it('counts copy attempts: one per copy-started, kept through failures and retries', async () => {
      const [a] = (await planned(t, 'a')) as [string];
      await t.journal.acquire('shared');
      await t.journal.record([step(a, 'planned', started()), step(a, 'planned', { type: 'failed', code: TRANSIENT, message: 'reset' }), step(a, 'failed', { type: 'retry' })]);
      await t.journal.record([step(a, 'planned', started('2026-01-01T00:10:00.000Z')), step(a, 'planned', { type: 'copied', created: true })]);
      expect(await t.journal.find(move('a').oldKey)).toMatchObject({ status: 'copied', attempts: 2 });
    });

    it('forgets the copy attempt of a record that failed with COLLISION, also once retried, and keeps it after any other failure', async () => {
      const [a, b] = await planned(t, 'a', 'b');
      await t.journal.acquire('shared');
      await t.journal.record([step(a as string, 'planned', started()), step(a as string, 'planned', { type: 'failed', code: COLLISION, message: 'other bytes' })]);
      expect((await t.journal.find(move('a').oldKey))?.copyStartedAt).toBeUndefined();
      await t.journal.record([step(a as string, 'failed', { type: 'retry' })]);
      expect(await t.journal.find(move('a').oldKey)).toMatchObject({ status: 'planned', attempts: 1 });
      expect((await t.journal.find(move('a').oldKey))?.copyStartedAt).toBeUndefined();
      await t.journal.record([step(b as string, 'planned', started()), step(b as string, 'planned', { type: 'failed', code: TRANSIENT, message: 'x' }), step(b as string, 'failed', { type: 'retry' })]);
      expect(await t.journal.find(move('b').oldKey)).toMatchObject({ status: 'planned', copyStartedAt: STARTED });
    });

    if (kind.shared) {
      it('lets one worker claim a copy: another worker\'s copy-started is refused until the claim ends', async () => {
        const [a] = (await planned(t, 'a')) as [string];
        const other = another();
        await t.journal.acquire('shared');
        await other.acquire('shared');
        expect((await t.journal.record([step(a, 'planned', started(STARTED, 'w1'))])).rejected).toEqual([]);
        const second = step(a, 'planned', started('2026-01-01T00:00:02.000Z', 'w2'));
        expect((await other.record([second])).rejected).toEqual([second]);
        // The claimant's attempt failed (a transient error) and the record is retried: the copy is free again.
        await t.journal.record([step(a, 'planned', { type: 'failed', code: TRANSIENT, message: 'reset' }), step(a, 'failed', { type: 'retry' })]);
        expect((await other.record([second])).rejected).toEqual([]);
        expect(await other.find(move('a').oldKey)).toMatchObject({ attempts: 2, copyStartedAt: second.event.type === 'copy-started' ? second.event.at : '' });
      });

      it('is shared by workers and held alone by an exclusive holder', async () => {
        await planned(t, 'a');
        const [w2, rollback] = [another(), another()];
        await t.journal.acquire('shared');
        await w2.acquire('shared');
        await expect(rollback.acquire('exclusive')).rejects.toBeInstanceOf(JournalLockedError);
        await t.journal.close();
        await w2.close();
        await rollback.acquire('exclusive');
        await expect(another().acquire('shared')).rejects.toBeInstanceOf(JournalLockedError);
      });
    } else {
      it('has one writer at a time: another object can read it but not write it until the first closes', async () => {
        const [a] = (await planned(t, 'a')) as [string];
        await t.journal.acquire('shared');
        const other = another();
        expect(await all(other)).toHaveLength(1);
        await expect(other.acquire('shared')).rejects.toBeInstanceOf(JournalLockedError);
        await expect(other.record([step(a, 'planned', started())])).rejects.toBeInstanceOf(JournalLockedError);
        await t.journal.close();
        expect((await other.record([step(a, 'planned', started())])).rejected).toEqual([]);
      });
    }

    it('reads a torn or damaged last line as not written, reports it, and cuts and marks it before the next write', async () => {
      const [a] = (await planned(t, 'a')) as [string];
      await t.journal.acquire('shared');
      await t.journal.record([step(a, 'planned', started())]);
      await t.journal.close();
      if (t.tearLastLine === undefined) {
        // Nothing to tear: every write is whole.
        const reader = another();
        expect((await all(reader))[0]).toMatchObject({ status: 'planned', attempts: 1, copyStartedAt: STARTED });
        expect(reader.readReport()).toEqual({ tornLines: 0, repairedTails: 0, unknownRecordSteps: 0, refusedSteps: 0 });
        return;
      }
      await t.tearLastLine();
      const reader = another();
      expect((await all(reader))[0]).toMatchObject({ status: 'planned', attempts: 0 });
      expect(reader.readReport()).toMatchObject({ tornLines: 1, repairedTails: 0 });
      await reader.acquire('exclusive');
      expect(reader.readReport()).toMatchObject({ tornLines: 1, repairedTails: 1 });
      expect((await reader.record([step(a, 'planned', started())])).rejected).toEqual([]);
      await reader.close();
      const after = another();
      expect((await all(after))[0]).toMatchObject({ status: 'planned', attempts: 1 });
      expect(after.readReport()).toEqual({ tornLines: 0, repairedTails: 1, unknownRecordSteps: 0, refusedSteps: 0 });
    });
  });
}
