import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { pythonZip } from '@edgecv/test-harness';
import { InvalidResultsArchiveError, storedZip } from '@edgecv/use-cases';
import fc from 'fast-check';
import { YauzlResultsArchiveVerifier } from './YauzlResultsArchiveVerifier';
import { YazlResultsPackager } from './YazlResultsPackager';

const verifier = new YauzlResultsArchiveVerifier();

async function refusal(archive: Uint8Array, limits = {}): Promise<InvalidResultsArchiveError> {
  const outcome = await verifier.verify(archive, limits).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(outcome).toBeInstanceOf(InvalidResultsArchiveError);
  return outcome as InvalidResultsArchiveError;
}

describe('YauzlResultsArchiveVerifier', () => {
  let work: string;
  beforeAll(async () => {
    work = await mkdtemp(path.join(tmpdir(), 'edgecv-verify-'));
  });
  afterAll(() => rm(work, { recursive: true, force: true }));

  it('accepts what the packager writes: deflated and stored files, directories and a link', async () => {
    const dir = path.join(work, 'results');
    await mkdir(path.join(dir, 'plots'), { recursive: true });
    await writeFile(path.join(dir, 'metrics.csv'), 'epoch,loss\n'.repeat(5000));
    await writeFile(path.join(dir, 'plots', 'loss.png'), Buffer.alloc(3000, 7));
    await symlink('metrics.csv', path.join(dir, 'latest.csv'));
    const file = path.join(work, 'results.zip');
    const pkg = new YazlResultsPackager().package(dir);
    await pipeline(pkg.stream, createWriteStream(file));
    await pkg.done;
    // root dir entry excluded: metrics.csv, latest.csv, plots/, plots/loss.png
    expect(await verifier.verify(await readFile(file))).toEqual({ entries: 4, uncompressedBytes: 55_000 + 3000 + 'metrics.csv'.length });
  });

  it("accepts a zip from another producer (Python's zipfile, deflated)", async () => {
    const zip = await pythonZip({ 'a.txt': 'hello '.repeat(100), 'dir/b.json': '{"x":1}' });
    expect(await verifier.verify(zip)).toEqual({ entries: 2, uncompressedBytes: 600 + 7 });
  });

  it('refuses a zip whose bytes went through a UTF-8 text decoding (the corruption of issue 11 §1)', async () => {
    const zip = await pythonZip({ 'weights.bin': '\u0000\u00ff\u0080binary\u00fe' });
    const asText = Buffer.from(zip.toString('utf8'), 'utf8');
    expect(asText.length).toBeGreaterThan(zip.length);
    expect((await refusal(asText)).code).toBe('INVALID_RESULTS_ARCHIVE');
  });

  it('refuses a truncated zip, naming the unreadable central directory', async () => {
    const zip = storedZip([{ name: 'a.txt', data: 'a'.repeat(200) }]);
    expect((await refusal(zip.subarray(0, zip.length - 30))).message).toContain('central directory unreadable');
    expect((await refusal(Buffer.from('plain text, not a zip archive'))).message).toContain('central directory unreadable');
  });

  it('names the damaged entry when its content does not match its CRC-32', async () => {
    const zip = storedZip([{ name: 'ok.txt', data: 'fine' }, { name: 'model.bin', data: 'abcdefgh' }]);
    const at = zip.indexOf('abcdefgh');
    zip[at + 3] = zip[at + 3]! ^ 0x01;
    expect((await refusal(zip)).message).toMatch(/entry model\.bin is damaged \(CRC-32/);
  });

  it('refuses entry names that would escape the folder they are unpacked into', async () => {
    const zip = storedZip([{ name: 'evil', data: 'x' }]);
    // Rewrite the name in the central directory only, as a hand-made archive could.
    const central = zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    zip.write('../x', central + 46, 'latin1');
    expect((await refusal(zip)).message).toContain('../x');
  });

  it('holds to the entry and byte limits before inflating beyond them', async () => {
    const zip = storedZip([{ name: 'a', data: 'aaaa' }, { name: 'b', data: 'bbbb' }]);
    expect((await refusal(zip, { maxEntries: 1 })).message).toContain('2 entries, more than the 1 allowed');
    expect((await refusal(zip, { maxBytes: 7 })).message).toContain('more than the 7 bytes allowed (at b)');
    expect(await verifier.verify(zip, { maxEntries: 2, maxBytes: 8 })).toEqual({ entries: 2, uncompressedBytes: 8 });
  });

  it('refuses any change to any byte of any entry content (property)', async () => {
    const entryArb = fc.record({ name: fc.stringMatching(/^[a-z]{1,8}$/), data: fc.uint8Array({ minLength: 1, maxLength: 64 }) });
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(entryArb, { minLength: 1, maxLength: 4, selector: (e) => e.name }), fc.nat(), fc.integer({ min: 1, max: 255 }), async (entries, pick, xor) => {
        const zip = storedZip(entries);
        // Offsets of every content byte: local header (30) + name, then the data.
        const contentOffsets: number[] = [];
        let offset = 0;
        for (const e of entries) {
          const start = offset + 30 + e.name.length;
          for (let i = 0; i < e.data.length; i++) contentOffsets.push(start + i);
          offset = start + e.data.length;
        }
        const at = contentOffsets[pick % contentOffsets.length]!;
        zip[at] = zip[at]! ^ xor;
        await refusal(zip);
      }),
      { numRuns: 200 },
    );
  });
});
