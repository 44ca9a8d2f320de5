// One edgecv packaging + upload, in its own process so its peak RSS is measured alone.
// Usage: tsx resultsUpload.ts <dir> <bucket> <key>   (S3 settings from AWS_* variables)
import { YazlResultsPackager } from '@edgecv/infrastructure/archive';
import { S3ObjectStore, s3ConfigFromEnv } from '@edgecv/infrastructure/s3';

async function main(): Promise<void> {
  const [dir, bucket, key] = process.argv.slice(2);
  if (!dir || !bucket || !key) throw new Error('usage: resultsUpload <dir> <bucket> <key>');
  const store = new S3ObjectStore(s3ConfigFromEnv(process.env));
  const started = process.hrtime.bigint();
  const pkg = new YazlResultsPackager().package(dir);
  const put = await store.putStream(bucket, key, pkg.stream, { contentType: 'application/zip' });
  const summary = await pkg.done;
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  process.stdout.write(`${JSON.stringify({ ...put, ...summary, seconds, maxRssKiB: process.resourceUsage().maxRSS })}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
