// `edgecv images ...`: optimise files, store and fetch assignment images, backfill legacy PNGs.
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { type Command } from 'commander';
import { EdgecvError } from '@edgecv/domain';
import { inFlight } from '@edgecv/use-cases';
import { type CliContext } from '../context';
import { openOfflineEdgecv, withEdgecv, type ServiceOptions } from '../io/edgecv';
import { CliFailure, ExitCode } from '../io/exitCodes';
import { readInputFile } from '../io/inputErrors';
import { table } from '../io/output';
import { targetOptions, type StackOptions } from '../io/stack';
import { integerIn } from '../io/parse';

const EXTENSIONS: Record<string, string> = { 'image/webp': '.webp', 'image/png': '.png', 'image/jpeg': '.jpg', 'image/gif': '.gif' };

/** Images in flight at most; by default the cores available (one libvips thread each). */
const MAX_IMAGE_CONCURRENCY = 256;

const serviceOptions = (cmd: Command) =>
  targetOptions(cmd)
    .option('--data <dir>', 'data folder of the local stack (default: $EDGECV_HOME or .edgecv)')
    .option('--bucket <bucket>', 'images bucket (default: $EDGECV_IMAGES_BUCKET, else the artifact bucket)')
    .option('--json', 'print JSON');

interface ImageOptions extends ServiceOptions {
  json?: boolean;
}

export function registerImages(program: Command, ctx: CliContext): void {
  const images = program.command('images').description('assignment images: WebP within 1024x1024, stored with their metadata');

  images
    .command('optimize')
    .description('optimise image files as edgecv stores them (no service needed), one image per core at once')
    .argument('<file...>', 'image files; each is written to --out under its own name (photo.png -> photo.webp), so two files with the same name are refused (exit 2) before anything is written')
    .requiredOption('--out <dir>', 'folder for the results: <name>.webp, or <name> with the original extension when a file cannot be optimised')
    .option('--concurrency <n>', `images in flight, 1-${MAX_IMAGE_CONCURRENCY} (default: the cores available, ${os.availableParallelism()} here)`, integerIn(1, MAX_IMAGE_CONCURRENCY))
    .option('--json', 'one JSON line per file: {"input","output","bytesIn","bytesOut","ratio","width","height","ms","fellBack"}, in the order given; then {"summary":{...,"peakRssBytes"}}')
    .action(async (files: string[], o: { out: string; concurrency?: number; json?: boolean }) => {
      const concurrency = o.concurrency ?? os.availableParallelism();
      const out = path.resolve(ctx.cwd, o.out);
      refuseSharedNames(files, out);
      await mkdir(out, { recursive: true });
      const edgecv = openOfflineEdgecv(ctx);
      // libvips runs one thread per image with its operation cache off (SharpImageOptimizer's
      // defaults, as the benchmark runs it): images side by side use the cores, memory stays flat.
      const optimizer = edgecv.images.optimizeImage;
      const rows: string[][] = [];
      let failures = 0;
      const started = performance.now();
      const optimizeOne = async (file: string): Promise<Record<string, unknown>> => {
        const input = path.resolve(ctx.cwd, file);
        const bytes = await readInputFile('<file>', input, file);
        const t0 = performance.now();
        const base = path.join(out, path.basename(input, path.extname(input)));
        try {
          const r = await optimizer.execute(bytes);
          const output = `${base}${EXTENSIONS[r.contentType] ?? path.extname(input)}`;
          await writeFile(output, r.bytes);
          return { input, output, bytesIn: bytes.length, bytesOut: r.bytes.length, ratio: r.metadata.ratio, width: r.metadata.width, height: r.metadata.height, ms: Math.round(performance.now() - t0), fellBack: !r.optimized };
        } catch (error) {
          // As the store does: the original is kept, and the failure is reported with its code.
          failures++;
          const output = `${base}${path.extname(input)}`;
          await writeFile(output, bytes);
          const code = error instanceof EdgecvError ? error.code : 'IMAGE_OPTIMIZATION_FAILED';
          return { input, output, bytesIn: bytes.length, bytesOut: bytes.length, ratio: 1, width: null, height: null, ms: Math.round(performance.now() - t0), fellBack: true, error: { code, message: (error as Error).message } };
        }
      };
      try {
        // Results are printed in the order the files were given, each as soon as it and the ones before it are done.
        const done = new Map<number, Record<string, unknown>>();
        let printed = 0;
        for await (const [index, line] of inFlight(files.map((file, i) => async () => [i, await optimizeOne(file)] as const), concurrency)) {
          done.set(index, line);
          for (let next = done.get(printed); next !== undefined; next = done.get(printed)) {
            done.delete(printed++);
            if (o.json) ctx.out.json(next);
            else rows.push([path.basename(String(next.input)), String(next.bytesIn), String(next.bytesOut), Number(next.ratio).toFixed(3), `${next.width ?? '?'}x${next.height ?? '?'}`, `${next.ms} ms`, next.fellBack ? 'original kept' : '']);
          }
        }
      } finally {
        await edgecv.close();
      }
      const summary = { files: files.length, failures, concurrency, ms: Math.round(performance.now() - started), peakRssBytes: process.resourceUsage().maxRSS * 1024 };
      if (o.json) ctx.out.json({ summary });
      else {
        ctx.out.line(table(rows, ['file', 'bytes in', 'bytes out', 'ratio', 'size', 'time', '']));
        ctx.out.line(`${files.length} file(s) in ${summary.ms} ms, ${concurrency} at a time, peak RSS ${Math.round(summary.peakRssBytes / (1024 * 1024))} MiB`);
      }
      if (failures > 0) throw new CliFailure(`${failures} file(s) could not be optimised; their originals were written as they were`, ExitCode.Findings);
    });

  serviceOptions(
    images
      .command('store')
      .description('optimise an image and store it as the assignment image, with its S3 and MongoDB metadata')
      .requiredOption('--assignment-id <id>', 'assignment id')
      .requiredOption('--file <file>', 'image file')
      .option('--teacher-id <id>', 'the teacher who generated it', 'cli')
      .option('--prompt <text>', 'the prompt it was generated from'),
  ).action(async (o: ImageOptions & { assignmentId: string; file: string; teacherId: string; prompt?: string }) => {
    const bytes = await readInputFile('--file', path.resolve(ctx.cwd, o.file), o.file);
    const stored = await withEdgecv(
      imagesEnv(o),
      ctx,
      (e) => e.images.storeAssignmentImage.execute(o.assignmentId, bytes, { teacherId: o.teacherId, ...(o.prompt !== undefined ? { prompt: o.prompt } : {}) }),
      { bucket: async (e) => e.config.images.bucket, mongo: true },
    );
    if (o.json) ctx.out.json(stored);
    else {
      ctx.out.line(`stored s3://${stored.bucket}/${stored.key} (${stored.contentType}, ${stored.outcome}, ${stored.attempts} attempt(s))`);
      ctx.out.line(table(Object.entries(stored.imageMetadata).map(([k, v]) => [k, String(v)])));
      for (const w of stored.warnings) ctx.out.note(`warning: ${w}`);
    }
  });

  serviceOptions(
    images
      .command('get')
      .description('fetch an assignment image, or learn why there is none (a placeholder, never an error)')
      .requiredOption('--assignment-id <id>', 'assignment id')
      .requiredOption('--out <file>', 'where to write the image'),
  ).action(async (o: ImageOptions & { assignmentId: string; out: string }) => {
    const image = await withEdgecv(imagesEnv(o), ctx, (e) => e.images.getAssignmentImage.execute(o.assignmentId));
    if (image.found) {
      const out = path.resolve(ctx.cwd, o.out);
      await writeFile(out, image.bytes);
      const result = { status: 'found', assignmentId: image.assignmentId, key: image.key, contentType: image.contentType, bytes: image.bytes.length, out };
      if (o.json) ctx.out.json(result);
      else ctx.out.line(`wrote ${result.bytes} bytes (${result.contentType}) from ${result.key} to ${out}`);
    } else {
      const result = { status: 'placeholder', assignmentId: image.assignmentId, reason: image.reason, message: image.message, correlationId: image.correlationId, ...(image.error ? { code: image.error.code } : {}) };
      if (o.json) ctx.out.json(result);
      else ctx.out.line(`no image for assignment ${image.assignmentId}: ${image.message} (${image.reason})`);
    }
  });

  serviceOptions(
    images
      .command('backfill')
      .description('re-encode legacy PNGs (generated_images/{id}.png, documents with s3_image_name) to WebP; resumable')
      .option('--dry-run', 'list what would be converted, change nothing')
      .option('--keep-originals', 'keep each PNG after its WebP is verified')
      .option('--concurrency <n>', `images converted at once, 1-${MAX_IMAGE_CONCURRENCY} (default: the cores available, ${os.availableParallelism()} here)`, integerIn(1, MAX_IMAGE_CONCURRENCY)),
  ).action(async (o: ImageOptions & { dryRun?: boolean; keepOriginals?: boolean; concurrency?: number }) => {
    const concurrency = o.concurrency ?? os.availableParallelism();
    const counts: Record<string, number> = {};
    await withEdgecv(
      imagesEnv(o),
      ctx,
      async (e) => {
        for await (const event of e.images.backfillImages.execute({ dryRun: o.dryRun ?? false, deleteOriginals: !o.keepOriginals, concurrency })) {
          counts[event.type] = (counts[event.type] ?? 0) + 1;
          if (o.json) ctx.out.json(event);
          else if (event.type === 'failed') ctx.out.line(`failed    ${event.from}: ${event.code} ${event.message}`);
          else if (event.type === 'skipped') ctx.out.line(`skipped   ${event.from} (${event.reason})`);
          else ctx.out.line(`${event.type.padEnd(9)} ${event.from} -> ${event.to}`);
        }
      },
      { bucket: async (e) => e.config.images.bucket, mongo: true },
    );
    const peakRssBytes = process.resourceUsage().maxRSS * 1024;
    if (o.json) ctx.out.json({ summary: { ...counts, concurrency, peakRssBytes } });
    else ctx.out.line(`${Object.entries(counts).map(([k, n]) => `${n} ${k}`).join(', ') || 'no legacy images found'} (${concurrency} at a time, peak RSS ${Math.round(peakRssBytes / (1024 * 1024))} MiB)`);
    if ((counts.failed ?? 0) > 0) throw new CliFailure(`${counts.failed} image(s) failed; run backfill again to resume`);
  });
}

/**
 * An output is named after its input's name without extension, so two inputs with one name (even
 * from different folders, or differing only in case, which some file systems do not tell apart)
 * would write the same output: refused before anything is written rather than overwritten.
 */
function refuseSharedNames(files: readonly string[], out: string): void {
  const byName = new Map<string, string>();
  for (const file of files) {
    const name = path.basename(file, path.extname(file)).toLowerCase();
    const first = byName.get(name);
    if (first !== undefined) {
      throw new CliFailure(
        `images optimize: ${first} and ${file} would both be written to ${path.join(out, path.basename(first, path.extname(first)))}.*; rename one, or optimise them in separate runs with different --out folders (nothing was written)`,
        ExitCode.Usage,
      );
    }
    byName.set(name, file);
  }
}

/** `--bucket` names the images bucket for these commands. */
function imagesEnv(o: ImageOptions): ServiceOptions {
  const target: StackOptions = { ...(o.profile ? { profile: o.profile } : {}), ...(o.region ? { region: o.region } : {}), ...(o.endpointUrl ? { endpointUrl: o.endpointUrl } : {}), ...(o.local ? { local: true } : {}) };
  return { ...target, ...(o.data ? { data: o.data } : {}), ...(o.bucket ? { imagesBucket: o.bucket } : {}) };
}
