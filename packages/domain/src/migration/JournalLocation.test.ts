import fc from 'fast-check';
import { InvalidJournalLocationError, JournalLocation } from './JournalLocation';

describe('JournalLocation', () => {
  it('reads a file, a DynamoDB table, and a journal in a table', () => {
    expect(JournalLocation.parse('/var/edgecv/migrations/b-20260101.jsonl')).toEqual({ kind: 'file', path: '/var/edgecv/migrations/b-20260101.jsonl' });
    expect(JournalLocation.parse('journal.jsonl')).toEqual({ kind: 'file', path: 'journal.jsonl' });
    expect(JournalLocation.parse('dynamodb:edgecv-migration-journal')).toEqual({ kind: 'dynamodb', table: 'edgecv-migration-journal' });
    expect(JournalLocation.parse('dynamodb:edgecv-migration-journal/mig-1.a_b')).toEqual({ kind: 'dynamodb', table: 'edgecv-migration-journal', journalId: 'mig-1.a_b' });
  });

  it('refuses an empty location and a dynamodb: one that names no usable table or id, with a typed error', () => {
    for (const bad of ['', '  ', 'dynamodb:', 'dynamodb:ab', 'dynamodb:my table/x', 'dynamodb:t-1/', 'dynamodb:table/a/b', 'dynamodb:table/ünï']) {
      expect(() => JournalLocation.parse(bad)).toThrow(InvalidJournalLocationError);
    }
    expect(() => JournalLocation.parse('dynamodb:ab')).toThrow(expect.objectContaining({ code: 'INVALID_JOURNAL_LOCATION', location: 'dynamodb:ab' }));
  });

  it('prints what it parses, and parses what it prints', () => {
    const name = fc.stringMatching(/^[A-Za-z0-9_.-]{3,40}$/);
    const location = fc.oneof(
      fc.string({ minLength: 1 }).filter((p) => p.trim() !== '' && !p.startsWith('dynamodb:')).map(JournalLocation.file),
      fc.tuple(name, fc.option(name, { nil: undefined })).map(([table, id]) => JournalLocation.dynamodb(table, id)),
    );
    fc.assert(
      fc.property(location, (l) => {
        expect(JournalLocation.parse(JournalLocation.print(l))).toEqual(l);
      }),
      { numRuns: 200 },
    );
  });
});
