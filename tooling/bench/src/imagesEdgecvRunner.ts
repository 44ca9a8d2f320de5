// edgecv's side of the image benchmark, in its own process so its time and memory are its own:
// SharpImageOptimizer over a list of files with a fixed number of images in flight. With libvips
// at one thread per image and two images in flight, both cores stay busy: while one image is in
// the (single-threaded) WebP encoder, the other is being decoded and resized, and file reads and
// writes overlap both.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { SharpImageOptimizer } from '@edgecv/infrastructure/image';

async function main(): Promise<void> {
  const [listFile, outDir, inFlightArg, effortArg, concurrencyArg] = process.argv.slice(2);
  if (!listFile || !outDir) throw new Error('usage: imagesEdgecvRunner <list> <outDir> [inFlight] [effort] [vipsThreads]');
  const files = (await readFile(listFile, 'utf8')).split('\n').filter(Boolean);
  const inFlight = Number(inFlightArg ?? 2);
  const optimizer = new SharpImageOptimizer({
    ...(effortArg ? { effort: Number(effortArg) } : {}),
    runtime: { concurrency: Number(concurrencyArg ?? 1), cache: false },
  });
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < files.length; i = next++) {
      const file = files[i]!;
      const result = await optimizer.optimize(await readFile(file));
      const ext = result.contentType === 'image/webp' ? 'webp' : 'png';
      await writeFile(path.join(outDir, `${path.basename(file).replace(/\.[^.]+$/, '')}.${ext}`), result.bytes);
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
