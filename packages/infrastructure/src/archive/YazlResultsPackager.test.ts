import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { chmod, mkdir, mkdtemp, open, rm, symlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { execFileSync } from 'node:child_process';
import { PackageLimitError, ResultsDirNotFoundError, SymlinkEscapeError, UnsupportedEntryError } from '@edgecv/use-cases';
import { readZip } from './readZip.fixture';
import { YazlResultsPackager } from './YazlResultsPackager';

const S_IFMT = 0o170000;
const S_IFDIR = 0o040000;
const S_IFREG = 0o100000;
const S_IFLNK = 0o120000;
const sha = (s: string | Buffer): string => createHash('sha256').update(s).digest('hex');

let work: string;
beforeEach(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'edgecv-pack-'));
});
afterEach(async () => {
  await rm(work, { recursive: true, force: true });
});

async function packageTo(dir: string, packager = new YazlResultsPackager(), limits = {}): Promise<{ file: string; summary: { entries: number; bytesIn: number } }> {
  const file = path.join(work, `out-${Math.random().toString(36).slice(2)}.zip`);
  const { stream, done } = packager.package(dir, limits);
  await pipeline(stream, createWriteStream(file));
  return { file, summary: await done };
}

async function drain(dir: string, limits = {}): Promise<unknown> {
  const { stream, done } = new YazlResultsPackager().package(dir, limits);
  const sink = new Writable({ write: (_c, _e, cb) => cb() });
  const piped = pipeline(stream, sink).catch((e: unknown) => e);
  const outcome = await done.then(
    () => undefined,
    (e: unknown) => e,
  );
  await piped;
  return outcome;
}

describe('YazlResultsPackager', () => {
  it('round-trips names with unicode and spaces, nested and empty directories, empty files, modes and mtimes', async () => {
    const dir = path.join(work, 'results');
    const when = new Date('2024-02-29T12:34:56Z');
    await mkdir(path.join(dir, 'nested dir/déjà vu/深い'), { recursive: true });
    await mkdir(path.join(dir, 'empty'), { recursive: true });
    await writeFile(path.join(dir, 'metrics.json'), '{"map":0.5}');
    await writeFile(path.join(dir, 'nested dir/déjà vu/深い/ファイル name.txt'), 'ünïcödé');
    await writeFile(path.join(dir, 'empty file'), '');
    await writeFile(path.join(dir, 'run.sh'), '#!/bin/sh\necho hi\n');
    await chmod(path.join(dir, 'run.sh'), 0o751);
    await chmod(path.join(dir, 'metrics.json'), 0o600);
    for (const p of ['metrics.json', 'run.sh', 'empty file', 'empty', 'nested dir/déjà vu/深い/ファイル name.txt']) {
      await utimes(path.join(dir, p), when, when);
    }

    const { file, summary } = await packageTo(dir);
    const entries = await readZip(file);
    const byName = new Map(entries.map((e) => [e.name, e]));

    expect(entries.map((e) => e.name)).toEqual([
      'empty/',
      'empty file',
      'metrics.json',
      'nested dir/',
      'nested dir/déjà vu/',
      'nested dir/déjà vu/深い/',
      'nested dir/déjà vu/深い/ファイル name.txt',
      'run.sh',
    ]);
    expect(summary).toEqual({ entries: 8, bytesIn: 11 + 'ünïcödé'.length + 4 + 18 });
    expect(byName.get('nested dir/déjà vu/深い/ファイル name.txt')?.text).toBe('ünïcödé');
    expect(byName.get('empty file')?.size).toBe(0);
    expect(((byName.get('empty file')?.mode ?? 0) & S_IFMT) >>> 0).toBe(S_IFREG);
    expect(byName.get('run.sh')?.mode).toBe(S_IFREG | 0o751);
    expect(byName.get('metrics.json')?.mode).toBe(S_IFREG | 0o600);
    expect((byName.get('empty/')!.mode & S_IFMT) >>> 0).toBe(S_IFDIR);
    for (const p of ['metrics.json', 'run.sh', 'empty file', 'empty/', 'nested dir/déjà vu/深い/ファイル name.txt']) {
      expect(byName.get(p)?.mtime.toISOString()).toBe(when.toISOString());
    }
  });

  it('produces the same bytes for the same directory (deterministic order and metadata)', async () => {
    const dir = path.join(work, 'det');
    await mkdir(path.join(dir, 'b/a'), { recursive: true });
    for (const n of ['z', 'a', 'B', 'é', 'a b', 'b/a/x', 'b/y']) await writeFile(path.join(dir, n), `content of ${n}`.repeat(50));
    const first = await packageTo(dir);
    const second = await packageTo(dir);
    const bytes = async (f: string): Promise<string> => {
      const h = await open(f);
      try {
        return sha(await h.readFile());
      } finally {
        await h.close();
      }
    };
    expect(await bytes(first.file)).toBe(await bytes(second.file));
    expect((await readZip(first.file)).map((e) => e.name)).toEqual(['B', 'a', 'a b', 'b/', 'b/a/', 'b/a/x', 'b/y', 'z', 'é']);
  });

  it('keeps a symbolic link that stays inside the directory as a link, with its target', async () => {
    const dir = path.join(work, 'links');
    await mkdir(path.join(dir, 'data'), { recursive: true });
    await writeFile(path.join(dir, 'data/model.bin'), 'weights');
    await symlink('data/model.bin', path.join(dir, 'latest'));
    await symlink(path.join(dir, 'data'), path.join(dir, 'abs-data'));
    const entries = await readZip((await packageTo(dir)).file);
    const latest = entries.find((e) => e.name === 'latest');
    expect(((latest?.mode ?? 0) & S_IFMT) >>> 0).toBe(S_IFLNK);
    expect(latest?.text).toBe('data/model.bin');
    // An absolute link into the directory is stored relative, so it still works where the zip is unpacked.
    expect(entries.find((e) => e.name === 'abs-data')?.text).toBe('data');
  });

  it.each([
    ['a relative link climbing out', (dir: string) => symlink('../../etc/passwd', path.join(dir, 'sub/escape'))],
    ['an absolute link elsewhere', (dir: string) => symlink(tmpdir(), path.join(dir, 'sub/escape'))],
    ['a link through an inner link that leaves', async (dir: string) => {
      await symlink(tmpdir(), path.join(dir, 'outside'));
      await symlink('../outside', path.join(dir, 'sub/escape'));
    }],
  ])('fails with SymlinkEscapeError naming the link for %s', async (_case, makeLink) => {
    const dir = path.join(work, 'escape');
    await mkdir(path.join(dir, 'sub'), { recursive: true });
    await writeFile(path.join(dir, 'sub/file.txt'), 'x');
    await makeLink(dir);
    const error = await drain(dir);
    expect(error).toBeInstanceOf(SymlinkEscapeError);
    expect((error as SymlinkEscapeError).link).toMatch(/^(sub\/escape|outside)$/);
    expect((error as SymlinkEscapeError).code).toBe('SYMLINK_ESCAPE');
  });

  it('fails with PackageLimitError when the directory has more entries than allowed', async () => {
    const dir = path.join(work, 'many');
    await mkdir(dir);
    for (let i = 0; i < 5; i++) await writeFile(path.join(dir, `f${i}`), 'x');
    expect(await drain(dir, { maxEntries: 5 })).toBeUndefined();
    const error = await drain(dir, { maxEntries: 4 });
    expect(error).toBeInstanceOf(PackageLimitError);
    expect(error).toMatchObject({ limit: 'maxEntries', max: 4, at: 'f4' });
  });

  it('fails with PackageLimitError when the files hold more bytes than allowed', async () => {
    const dir = path.join(work, 'big');
    await mkdir(dir);
    await writeFile(path.join(dir, 'a'), Buffer.alloc(600));
    await writeFile(path.join(dir, 'b'), Buffer.alloc(600));
    expect(await drain(dir, { maxBytes: 1200 })).toBeUndefined();
    expect(await drain(dir, { maxBytes: 1000 })).toMatchObject({ code: 'PACKAGE_LIMIT_EXCEEDED', limit: 'maxBytes', at: 'b' });
  });

  it('fails with ResultsDirNotFoundError for a missing directory or a file', async () => {
    expect(await drain(path.join(work, 'nope'))).toBeInstanceOf(ResultsDirNotFoundError);
    await writeFile(path.join(work, 'plain'), 'x');
    expect(await drain(path.join(work, 'plain'))).toBeInstanceOf(ResultsDirNotFoundError);
  });

  it.each([
    ['a FIFO', (dir: string) => execFileSync('mkfifo', [path.join(dir, 'pipe')]), 'pipe'],
    ['a name with a backslash', (dir: string) => writeFile(path.join(dir, 'a\\b.txt'), 'x'), 'a\\b.txt'],
  ])('fails with UnsupportedEntryError naming %s instead of hanging or renaming it', async (_case, make, name) => {
    const dir = path.join(work, 'special');
    await mkdir(dir);
    await make(dir);
    expect(await drain(dir)).toMatchObject({ constructor: UnsupportedEntryError, code: 'UNSUPPORTED_ENTRY', path: name });
  });

  it('stores already-compressed files and deflates the rest', async () => {
    const dir = path.join(work, 'mixed');
    await mkdir(dir);
    await writeFile(path.join(dir, 'photo.JPG'), Buffer.alloc(10_000, 7));
    await writeFile(path.join(dir, 'log.txt'), Buffer.alloc(10_000, 7));
    const entries = await readZip((await packageTo(dir)).file);
    expect(entries.find((e) => e.name === 'photo.JPG')?.compressed).toBe(false);
    expect(entries.find((e) => e.name === 'log.txt')?.compressed).toBe(true);
  });

  it('streams a 200 MiB file with flat memory and unpacks it byte for byte', async () => {
    const dir = path.join(work, 'huge');
    await mkdir(dir);
    const big = path.join(dir, 'frames.bin');
    const expected = createHash('sha256');
    const handle = await open(big, 'w');
    const chunk = Buffer.alloc(1024 * 1024);
    for (let i = 0; i < 200; i++) {
      // Half random, half repetitive: deflate has real work to do on both kinds.
      for (let j = 0; j < chunk.length; j += 4) chunk.writeUInt32LE(j < chunk.length / 2 ? (Math.random() * 2 ** 32) >>> 0 : i, j);
      expected.update(chunk);
      await handle.write(chunk);
    }
    await handle.close();

    let peak = 0;
    const before = process.memoryUsage().rss;
    const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    const { file, summary } = await packageTo(dir);
    clearInterval(timer);

    expect(summary).toEqual({ entries: 1, bytesIn: 200 * 1024 * 1024 });
    expect(peak - before).toBeLessThan(100 * 1024 * 1024);
    const [entry] = await readZip(file);
    expect(entry).toMatchObject({ name: 'frames.bin', size: 200 * 1024 * 1024, sha256: expected.digest('hex') });
  }, 180_000);
});
