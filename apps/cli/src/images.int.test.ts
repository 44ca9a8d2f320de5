// The images commands against the local stack (S3 + the MongoDB stand-in), as a user runs them.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { GetObjectCommand, GetObjectTaggingCommand, HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { createTestBucket, testS3Client, uniqueName } from '@edgecv/test-harness';
// Test-only: the image fixtures of the optimiser's own tests (sharp-made PNGs).
import { syntheticPng } from '../../../packages/infrastructure/src/image/testImages.fixture';
import { runCli } from './testing/runCli';

describe('edgecv images', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  let png: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'edgecv-images-'));
    png = path.join(dir, 'sunset 1.png');
    await writeFile(png, await syntheticPng({ width: 1600, height: 900, alpha: false, texture: 'gradient', seed: 7 }));
    await writeFile(path.join(dir, 'broken.png'), Buffer.from('\x89PNG\r\n\x1a\nthis is not an image'));
    env = { ...process.env, EDGECV_IMAGES_BUCKET: await createTestBucket(), EDGECV_MONGODB_DATABASE: uniqueName('img').replace(/-/g, '_') };
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('optimize writes WebP within 1024x1024, one JSON line per file, and keeps the original of a corrupt file', async () => {
    const r = await runCli(['images', 'optimize', png, path.join(dir, 'broken.png'), '--out', path.join(dir, 'out'), '--json'], env);
    const [ok, broken] = r.json();
    expect(ok).toMatchObject({ input: png, output: path.join(dir, 'out', 'sunset 1.webp'), width: 1024, height: 576, fellBack: false });
    expect(Object.keys(ok ?? {}).sort()).toEqual(['bytesIn', 'bytesOut', 'fellBack', 'height', 'input', 'ms', 'output', 'ratio', 'width']);
    expect((await stat(String(ok?.output))).size).toBe(ok?.bytesOut);
    expect(Number(ok?.bytesOut)).toBeLessThan(Number(ok?.bytesIn));
    expect(broken).toMatchObject({ fellBack: true, bytesIn: broken?.bytesOut, error: { code: expect.any(String) } });
    expect(r.code).toBe(1);
  });

  it('optimize refuses two inputs that would write one output (same name in two folders, or differing in case), writing nothing', async () => {
    for (const sub of ['a', 'b']) {
      await mkdir(path.join(dir, sub), { recursive: true });
      await writeFile(path.join(dir, sub, 'good.png'), await readFile(png));
    }
    await writeFile(path.join(dir, 'b', 'Good.jpg'), await readFile(png));
    for (const inputs of [['a/good.png', 'b/good.png'], ['a/good.png', 'b/Good.jpg']]) {
      const out = path.join(dir, `o-${inputs[1]?.replace(/\W/g, '')}`);
      const r = await runCli(['images', 'optimize', ...inputs, '--out', out, '--json'], env, dir);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain(`${inputs[0]} and ${inputs[1]} would both be written to ${path.join(out, 'good')}`);
      expect(existsSync(out)).toBe(false);
    }
    const help = await runCli(['images', 'optimize', '--help'], env);
    expect(help.stdout.replace(/\s+/g, ' ')).toContain('two files with the same name are refused (exit 2)');
  });

  it.each([['get', ['--out', 'x.webp']], ['store', ['--file', 'sunset 1.png']]])('%s refuses an assignment id that is not one key segment, with exit 2 naming it', async (command, extra) => {
    for (const id of ['../etc', 'a/b', 'with space', '..']) {
      const r = await runCli(['images', command, '--assignment-id', id, ...extra, '--json'], env, dir);
      expect({ id, code: r.code, stdout: r.stdout }).toEqual({ id, code: 2, stdout: '' });
      expect(r.stderr).toContain(JSON.stringify(id));
      expect(r.stderr).toContain('[INVALID_SEGMENT]');
    }
    expect(existsSync(path.join(dir, 'x.webp'))).toBe(false);
  });

  it('store then get round-trips an assignment image with its metadata; a missing one is a placeholder', async () => {
    const id = uniqueName('a');
    const stored = await runCli(['images', 'store', '--assignment-id', id, '--file', png, '--teacher-id', 't-9', '--json'], env);
    expect(stored.code).toBe(0);
    expect(stored.json()[0]).toMatchObject({ key: `generated_images/${id}.webp`, contentType: 'image/webp', optimized: true, imageMetadata: expect.objectContaining({ dimensions: '1024x576', format: 'webp' }) });

    // Tagged for the bucket's lifecycle, which expires only retention=standard images (docs/infrastructure.md).
    const tags = await testS3Client().send(new GetObjectTaggingCommand({ Bucket: env.EDGECV_IMAGES_BUCKET, Key: `generated_images/${id}.webp` }));
    expect(tags.TagSet).toEqual([{ Key: 'retention', Value: 'standard' }]);

    const out = path.join(dir, `${id}.webp`);
    const got = await runCli(['images', 'get', '--assignment-id', id, '--out', out, '--json'], env);
    expect(got.json()[0]).toMatchObject({ status: 'found', contentType: 'image/webp' });
    expect((await readFile(out)).subarray(8, 12).toString()).toBe('WEBP');

    const missing = await runCli(['images', 'get', '--assignment-id', uniqueName('none'), '--out', path.join(dir, 'x'), '--json'], env);
    expect(missing.code).toBe(0);
    expect(missing.json()[0]).toMatchObject({ status: 'placeholder' });
  });

  it('backfill converts a legacy PNG to WebP (dry run first changes nothing)', async () => {
    const id = uniqueName('legacy');
    await testS3Client().send(new PutObjectCommand({ Bucket: env.EDGECV_IMAGES_BUCKET, Key: `generated_images/${id}.png`, Body: await readFile(png), ContentType: 'image/png' }));
    const dry = await runCli(['images', 'backfill', '--dry-run', '--json'], env);
    expect(dry.json()).toContainEqual(expect.objectContaining({ type: 'planned', assignmentId: id }));
    const real = await runCli(['images', 'backfill', '--json'], env);
    expect(real.code).toBe(0);
    expect(real.json()).toContainEqual(expect.objectContaining({ type: 'converted', assignmentId: id, to: `generated_images/${id}.webp` }));
    // No document named this image, so there is none to update; the object itself moved to WebP.
    const webp = await testS3Client().send(new GetObjectCommand({ Bucket: env.EDGECV_IMAGES_BUCKET, Key: `generated_images/${id}.webp` }));
    expect(webp.ContentType).toBe('image/webp');
    // With no document pointing at the WebP yet, the PNG is kept: nothing may lose its image.
    expect(real.json()).toContainEqual(expect.objectContaining({ type: 'converted', assignmentId: id, documentUpdated: false, originalDeleted: false }));
    expect((await testS3Client().send(new HeadObjectCommand({ Bucket: env.EDGECV_IMAGES_BUCKET, Key: `generated_images/${id}.png` }))).ContentType).toBe('image/png');
  });

  it('optimize keeps one image per core in flight by default, prints lines in the order given, and reports peak RSS', async () => {
    const copies = await Promise.all([1, 2, 3, 4, 5].map(async (i) => {
      const file = path.join(dir, `copy ${i}.png`);
      await writeFile(file, await readFile(png));
      return file;
    }));
    const r = await runCli(['images', 'optimize', ...copies, '--out', path.join(dir, 'many'), '--json'], env);
    expect(r.code).toBe(0);
    const lines = r.json<Record<string, unknown>>();
    expect(lines.slice(0, 5).map((l) => l.input)).toEqual(copies);
    expect(lines[5]).toEqual({ summary: { files: 5, failures: 0, concurrency: os.availableParallelism(), ms: expect.any(Number), peakRssBytes: expect.any(Number) } });
    expect(Number((lines[5]?.summary as { peakRssBytes: number }).peakRssBytes)).toBeGreaterThan(10 * 1024 * 1024);
    const two = await runCli(['images', 'optimize', ...copies, '--out', path.join(dir, 'two'), '--concurrency', '2', '--json'], env);
    expect(two.json<{ summary?: { concurrency: number } }>().at(-1)?.summary?.concurrency).toBe(2);
  });

  it('refuses an invalid --concurrency as a usage error', async () => {
    for (const bad of ['0', '-1', '1.5', 'many']) {
      const r = await runCli(['images', 'optimize', png, '--out', path.join(dir, 'bad'), '--concurrency', bad], env);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`option '--concurrency <n>' argument '${bad}' is invalid. Expected a whole number from 1 to 256.`);
    }
    expect((await runCli(['images', 'backfill', '--concurrency', '0'], env)).code).toBe(2);
  });

  it('backfill converts several legacy PNGs side by side (--concurrency) and reports its peak RSS', async () => {
    const ids = [1, 2, 3, 4].map(() => uniqueName('legacy-many'));
    for (const id of ids) await testS3Client().send(new PutObjectCommand({ Bucket: env.EDGECV_IMAGES_BUCKET, Key: `generated_images/${id}.png`, Body: await readFile(png), ContentType: 'image/png' }));
    const r = await runCli(['images', 'backfill', '--concurrency', '3', '--json'], env);
    expect(r.code).toBe(0);
    const events = r.json<{ type?: string; assignmentId?: string; summary?: { concurrency: number; peakRssBytes: number } }>();
    for (const id of ids) expect(events).toContainEqual(expect.objectContaining({ type: 'converted', assignmentId: id }));
    expect(events.at(-1)?.summary).toMatchObject({ concurrency: 3, peakRssBytes: expect.any(Number) });
  });
});
