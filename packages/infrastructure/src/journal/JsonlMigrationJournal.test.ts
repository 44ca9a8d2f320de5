// The JSONL journal as a write-ahead log: what it accepted survives a restart, a torn last line
// is ignored and reported (and cut before the next write), and one process at a time writes it.
import { appendFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JournalCorruptError, JournalExistsError, JournalLockedError, JournalNotFoundError, migrationStatus, type JournalRecord } from '@edgecv/use-cases';
import { JsonlMigrationJournal } from './JsonlMigrationJournal';

const dir = mkdtempSync(join(tmpdir(), 'edgecv-journal-'));
let n = 0;
const path = (): string => join(dir, `j${++n}.jsonl`);
const header = { journalId: 'j', bucket: 'b', prefix: '', rulesHash: 'h', versioned: false, createdAt: '2026-01-01T00:00:00.000Z' };
const entry = (oldKey: string, newKey = `models/training/x/${oldKey}`) => ({ oldKey, newKey, rule: 'r', artifactType: 'training-output', size: 3, etag: 'e' });

async function all(j: JsonlMigrationJournal): Promise<JournalRecord[]> {
  const out: JournalRecord[] = [];
  for await (const r of j.records()) out.push(r);
  return out;
}

describe('JsonlMigrationJournal', () => {
  it('folds steps into records that survive a restart, keys with newlines and unicode included', async () => {
    const p = path();
    const j = new JsonlMigrationJournal(p);
    await j.create(header);
    const ids = await j.plan([entry('a\nb ü+%.txt'), entry('c')]);
    await j.record([
      { id: ids[0] as string, from: 'planned', event: { type: 'copy-started', at: '2026-01-01T00:00:01.000Z' } },
      { id: ids[0] as string, from: 'planned', event: { type: 'copied', created: true, targetVersionId: 'v1' } },
      { id: ids[0] as string, from: 'copied', event: { type: 'verified', method: 'md5-etag' } },
      { id: ids[1] as string, from: 'planned', event: { type: 'failed', code: 'COLLISION', message: 'taken' } },
    ]);
    await j.close();

    const again = new JsonlMigrationJournal(p);
    expect(await again.header()).toEqual(header);
    const [a, c] = await all(again);
    expect(a).toMatchObject({ oldKey: 'a\nb ü+%.txt', status: 'verified', targetCreated: true, targetVersionId: 'v1', attempts: 1 });
    expect(a?.copyStartedAt).toBeUndefined();
    expect(c).toMatchObject({ oldKey: 'c', status: 'failed', error: { code: 'COLLISION', message: 'taken' }, failedFrom: 'planned' });
    expect(await again.find('c')).toMatchObject({ id: ids[1] });
    await again.close();
  });

  it('resumes a failed record where it failed (the domain retry rule)', async () => {
    const j = new JsonlMigrationJournal(path());
    await j.create(header);
    const [id] = (await j.plan([entry('k')])) as [string];
    await j.record([
      { id, from: 'planned', event: { type: 'copied', created: true } },
      { id, from: 'copied', event: { type: 'failed', code: 'TRANSIENT', message: '503' } },
      { id, from: 'failed', event: { type: 'retry' } },
    ]);
    expect((await all(j))[0]).toMatchObject({ status: 'copied', targetCreated: true });
    await j.close();
  });

  it('ignores and reports a torn last line, and cuts it before writing again', async () => {
    const p = path();
    const j = new JsonlMigrationJournal(p);
    await j.create(header);
    const [id] = (await j.plan([entry('k')])) as [string];
    await j.close();
    appendFileSync(p, '{"t":"s","i":0,"f":"planned","e":{"type":"cop');

    const resumed = new JsonlMigrationJournal(p);
    expect((await all(resumed))[0]?.status).toBe('planned');
    expect(resumed.readReport().tornLines).toBe(1);
    await resumed.record([{ id, from: 'planned', event: { type: 'copied', created: false } }]);
    expect((await all(resumed))[0]?.status).toBe('copied');
    expect(resumed.readReport()).toEqual({ tornLines: 0, repairedTails: 1, unknownRecordSteps: 0, refusedSteps: 0 });
    const lines = readFileSync(p, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as { t: string; cut?: number });
    // The cut is marked, so every later reader knows a line was lost there.
    expect(lines.map((l) => l.t)).toEqual(['h', 'p', 'd', 's']);
    expect(lines[2]?.cut).toBe(Buffer.byteLength('{"t":"s","i":0,"f":"planned","e":{"type":"cop'));
    await resumed.close();
  });

  it('refuses a corrupt line that is not the last one', async () => {
    const p = path();
    writeFileSync(p, `${JSON.stringify({ t: 'h', ...header })}\nnot json\n${JSON.stringify({ t: 'p', i: 0, ...entry('k') })}\n`);
    await expect(all(new JsonlMigrationJournal(p))).rejects.toBeInstanceOf(JournalCorruptError);
    await expect(new JsonlMigrationJournal(p).acquire('exclusive')).rejects.toMatchObject({ code: 'JOURNAL_CORRUPT', line: 2 });
    expect(existsSync(`${p}.lock`)).toBe(false); // refused, and held nothing

    // The runbook's recovery: the damaged line replaced by a damage mark.
    writeFileSync(p, readFileSync(p, 'utf8').replace('not json', '{"t":"d","at":"2026-01-01T00:00:00.000Z","cut":0}'));
    const repaired = new JsonlMigrationJournal(p);
    expect(await all(repaired)).toMatchObject([{ oldKey: 'k', status: 'planned' }]);
    expect(repaired.readReport()).toEqual({ tornLines: 0, repairedTails: 1, unknownRecordSteps: 0, refusedSteps: 0 });
  });

  it('reports a step line naming a record it does not have, or one its record\'s status refuses, and applies neither', async () => {
    const p = path();
    const j = new JsonlMigrationJournal(p);
    await j.create(header);
    await j.plan([entry('a'), entry('b')]);
    await j.close();
    // A lost plan line leaves a gap (id 1), and a hand edit names a record that never was (id 9).
    const lines = readFileSync(p, 'utf8').split('\n').filter(Boolean);
    const step = (i: number) => JSON.stringify({ t: 's', i, f: 'planned', e: { type: 'copied', created: true } });
    const copiedTwice = JSON.stringify({ t: 's', i: 0, f: 'planned', e: { type: 'copied', created: false } }); // copied again: not from 'copied'
    writeFileSync(p, `${[lines[0], lines[1], step(1), step(9), step(0), copiedTwice].join('\n')}\n`);

    const again = new JsonlMigrationJournal(p);
    expect(await all(again)).toMatchObject([{ oldKey: 'a', status: 'copied' }]);
    expect(again.readReport()).toEqual({ tornLines: 0, repairedTails: 0, unknownRecordSteps: 2, refusedSteps: 1 });
    expect(await migrationStatus({ journal: again })).toMatchObject({ total: 1, unknownRecordSteps: 2, refusedSteps: 1 });
  });

  it('will not create over an existing journal, and says when there is none', async () => {
    const p = path();
    const j = new JsonlMigrationJournal(p);
    await j.create(header);
    await j.close();
    await expect(new JsonlMigrationJournal(p).create(header)).rejects.toBeInstanceOf(JournalExistsError);
    await expect(new JsonlMigrationJournal(join(dir, 'missing.jsonl')).header()).rejects.toBeInstanceOf(JournalNotFoundError);
  });

  it('is written by one live process at a time; a dead holder\'s lock is taken over', async () => {
    const p = path();
    const j = new JsonlMigrationJournal(p);
    await j.create(header);
    await j.close();
    writeFileSync(`${p}.lock`, String(process.ppid)); // a live process that is not us
    await expect(new JsonlMigrationJournal(p).plan([entry('k')])).rejects.toBeInstanceOf(JournalLockedError);
    writeFileSync(`${p}.lock`, '2147483646'); // no such process
    const k = new JsonlMigrationJournal(p);
    await expect(k.plan([entry('k')])).resolves.toEqual(['0']);
    await k.close();
  });

  it('is held by one journal object at a time, also within one process, from acquire until close', async () => {
    const p = path();
    const j = new JsonlMigrationJournal(p);
    await j.create(header);
    await j.acquire('shared');
    const other = new JsonlMigrationJournal(p);
    const before = readFileSync(p, 'utf8');
    await expect(other.acquire('exclusive')).rejects.toMatchObject({ code: 'JOURNAL_LOCKED', holderPid: process.pid });
    await expect(other.plan([entry('k')])).rejects.toBeInstanceOf(JournalLockedError);
    await other.close(); // holds nothing: leaves the holder's lock alone
    await expect(new JsonlMigrationJournal(p).acquire('shared')).rejects.toBeInstanceOf(JournalLockedError);
    expect(readFileSync(p, 'utf8')).toBe(before);
    await j.close();
    await expect(other.acquire('exclusive')).resolves.toBeUndefined();
    await other.close();
  });

  it('commits concurrent appends together and loses none of them', async () => {
    const p = path();
    const j = new JsonlMigrationJournal(p);
    await j.create(header);
    const ids = await j.plan(Array.from({ length: 200 }, (_, i) => entry(`k${i}`)));
    await Promise.all(ids.map((id) => j.record([{ id, from: 'planned', event: { type: 'copied', created: true } }])));
    const records = await all(j);
    expect(records).toHaveLength(200);
    expect(records.every((r) => r.status === 'copied')).toBe(true);
    await j.close();
  });
});
