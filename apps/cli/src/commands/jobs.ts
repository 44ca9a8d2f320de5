// `edgecv jobs ...` and `edgecv runs ...`: jobs and runs, and everything under a job's one prefix.
import path from 'node:path';
import { type Command } from 'commander';
import { PRESIGN_DEFAULT_EXPIRY_SECONDS, PRESIGN_MAX_EXPIRY_SECONDS, type JobUpload } from '@edgecv/use-cases';
import { type CliContext } from '../context';
import { withEdgecv } from '../io/edgecv';
import { targetOptions } from '../io/stack';
import { integerIn, jobIdOption, oneOf, runIdOption } from '../io/parse';
import { table } from '../io/output';
import { progressBar } from '../io/progress';

/** What `jobs upload-location --kind` can ask for. */
const UPLOAD_KINDS: readonly JobUpload['kind'][] = ['job-config', 'job-input', 'run-config'];

const serviceOptions = (cmd: Command) =>
  targetOptions(cmd)
    .option('--bucket <bucket>', 'artifact bucket (default: $EDGECV_ARTIFACT_BUCKET, else the local stack default edgecv-artifacts)')
    .option('--data <dir>', 'data folder of the local stack (default: $EDGECV_HOME or .edgecv)')
    .option('--json', 'print JSON');

export function registerJobs(program: Command, ctx: CliContext): void {
  const jobs = program.command('jobs').description('jobs and the artifacts under their prefix');

  serviceOptions(
    jobs
      .command('create')
      .description("create a job; its created_at fixes its S3 prefix for ever")
      .option('--id <n>', 'job id (allocated when omitted)', jobIdOption)
      .option('--created-at <iso8601>', 'created_at, ISO 8601 with an offset or Z (now when omitted)')
      .option('--name <name>', 'a human name for the job'),
  ).action(async (o: { id?: number; createdAt?: string; name?: string; json?: boolean; bucket?: string; data?: string }) => {
    const job = await withEdgecv(o, ctx, (e) =>
      e.jobs.createJob.execute({
        ...(o.id !== undefined ? { id: o.id } : {}),
        ...(o.createdAt !== undefined ? { createdAt: o.createdAt } : {}),
        ...(o.name !== undefined ? { name: o.name } : {}),
      }),
    );
    // The use case's prefix, with the configured layout prefix: the same the API answers.
    const { prefix } = job;
    if (o.json) ctx.out.json({ id: job.id, createdAt: job.createdAt.toISOString(), prefix });
    else ctx.out.line(`job ${job.id} created at ${job.createdAt.toISOString()}, prefix ${prefix}`);
  });

  serviceOptions(
    jobs
      .command('artifacts')
      .description("presigned GET URLs for everything under a job's prefix")
      .requiredOption('--job-id <n>', 'job id', jobIdOption)
      .option('--expires <seconds>', `URL lifetime in seconds, 1-${PRESIGN_MAX_EXPIRY_SECONDS} (default ${PRESIGN_DEFAULT_EXPIRY_SECONDS})`, integerIn(1, PRESIGN_MAX_EXPIRY_SECONDS)),
  ).action(async (o: { jobId: number; expires?: number; json?: boolean; bucket?: string; data?: string }) => {
    const result = await withEdgecv(o, ctx, (e) =>
      e.jobs.getJobArtifactUrls.execute({ jobId: o.jobId, ...(o.expires !== undefined ? { expirySeconds: o.expires } : {}) }),
    );
    if (o.json) ctx.out.json(result.artifacts.map((a) => ({ key: a.key, size: a.size, url: a.url, expiresAt: a.expiresAt.toISOString() })));
    else {
      ctx.out.line(`job ${result.jobId}: ${result.artifacts.length} artifact(s) under s3://${result.bucket}/${result.prefix}`);
      if (result.artifacts.length > 0) ctx.out.line(table(result.artifacts.map((a) => [a.name, String(a.size), a.url]), ['name', 'bytes', 'url']));
    }
  });

  serviceOptions(
    jobs
      .command('archive')
      .description("copy a job's whole prefix to an archive bucket, server-side, verified by size and SHA-256")
      .requiredOption('--job-id <n>', 'job id', jobIdOption)
      .requiredOption('--to <bucket>', 'archive bucket'),
  ).action(async (o: { jobId: number; to: string; json?: boolean; bucket?: string; data?: string }) => {
    const r = await withEdgecv(o, ctx, (e) => e.jobs.archiveJob.execute({ jobId: o.jobId, archiveBucket: o.to }));
    const out = { jobId: r.job.id, from: `s3://${r.sourceBucket}/${r.prefix}/`, to: `s3://${r.archiveBucket}/${r.prefix}/`, objects: r.objects, bytes: r.bytes };
    if (o.json) ctx.out.json(out);
    else ctx.out.line(`archived job ${out.jobId}: ${out.objects} object(s), ${out.bytes} bytes, ${out.from} -> ${out.to}`);
  });

  serviceOptions(
    jobs
      .command('upload-location')
      .description('a presigned PUT for a job config, job input or run config, under the job prefix')
      .requiredOption('--job-id <n>', 'job id', jobIdOption)
      .requiredOption('--kind <kind>', UPLOAD_KINDS.join(', '), oneOf(UPLOAD_KINDS))
      .option('--run-id <n>', 'run id (run-config only)', runIdOption)
      .option('--expires <seconds>', `URL lifetime in seconds, 1-${PRESIGN_MAX_EXPIRY_SECONDS} (default ${PRESIGN_DEFAULT_EXPIRY_SECONDS})`, integerIn(1, PRESIGN_MAX_EXPIRY_SECONDS)),
  ).action(async (o: { jobId: number; kind: JobUpload['kind']; runId?: number; expires?: number; json?: boolean; bucket?: string; data?: string }) => {
    const expiry = o.expires !== undefined ? { expirySeconds: o.expires } : {};
    const { jobId, kind } = o;
    // A run config without --run-id: the domain's parser names the missing id (exit 2).
    const upload: JobUpload = kind === 'run-config' ? { kind, jobId, runId: o.runId ?? runIdOption(''), ...expiry } : { kind, jobId, ...expiry };
    const r = await withEdgecv(o, ctx, (e) => e.jobs.getUploadLocation.execute(upload));
    const out = { bucket: r.bucket, key: r.key, url: r.url, method: r.method, headers: r.headers, expiresAt: r.expiresAt.toISOString() };
    if (o.json) ctx.out.json(out);
    else ctx.out.line(`PUT ${r.url}\n  key ${r.key}\n  headers ${JSON.stringify(r.headers)}\n  expires ${out.expiresAt}`);
  });

  const runs = program.command('runs').description('runs of a job');
  serviceOptions(
    runs
      .command('create')
      .description('create a run of a job')
      .requiredOption('--job-id <n>', 'job id', jobIdOption)
      .option('--id <n>', 'run id (allocated when omitted)', runIdOption),
  ).action(async (o: { jobId: number; id?: number; json?: boolean; bucket?: string; data?: string }) => {
    const run = await withEdgecv(o, ctx, (e) =>
      e.jobs.createRun.execute({ jobId: o.jobId, ...(o.id !== undefined ? { id: o.id } : {}) }),
    );
    if (o.json) ctx.out.json({ id: run.id, jobId: run.jobId, createdAt: run.createdAt.toISOString() });
    else ctx.out.line(`run ${run.id} of job ${run.jobId} created at ${run.createdAt.toISOString()}`);
  });

  const results = program.command('results').description("a run's results");
  serviceOptions(
    results
      .command('upload')
      .description("zip a run's results directory (streamed) and upload it under the job's prefix")
      .requiredOption('--job-id <n>', 'job id', jobIdOption)
      .requiredOption('--run-id <n>', 'run id', runIdOption)
      .requiredOption('--dir <dir>', 'results directory')
      .option('--replace', "replace the run's results uploaded before, on purpose (results are write-once: without it a second upload fails with RESULTS_EXIST, exit 1); a versioned bucket keeps the previous zip as a noncurrent version, an unversioned one loses it"),
  ).action(async (o: { jobId: number; runId: number; dir: string; replace?: boolean; json?: boolean; bucket?: string; data?: string }) => {
    // The zip streams as it is built, so its size is unknown until the end: show what is stored and how fast.
    const bar = progressBar(ctx, 'results upload: {mib} MiB stored, {rate} MiB/s', !o.json);
    const started = Date.now();
    const location = await withEdgecv(
      o,
      ctx,
      (e) =>
        e.results.uploadResults.execute({
          jobId: o.jobId,
          runId: o.runId,
          resultsDir: path.resolve(ctx.cwd, o.dir),
          replace: o.replace ?? false,
          onProgress: (bytes) => bar.update(bytes, bytes, { mib: (bytes / 2 ** 20).toFixed(1), rate: (bytes / 2 ** 20 / Math.max(0.001, (Date.now() - started) / 1000)).toFixed(1) }),
        }),
      { bucket: async (e) => e.config.artifactBucket, tables: ['jobs', 'runs'] },
    ).finally(() => bar.stop());
    const r = { ...location, url: location.downloadUrl };
    const out = { bucket: r.bucket, key: r.key, url: r.url, size: r.size, sha256: r.sha256, uri: r.uri, entries: r.entries, uploadedAt: r.uploadedAt.toISOString(), ...(r.replaced ? { replaced: r.replaced } : {}) };
    if (o.json) ctx.out.json(out);
    else ctx.out.line(`uploaded ${r.entries} entries as ${r.uri} (${r.size} bytes, sha256 ${r.sha256})\n  download: ${r.url}`);
    if (r.replaced && !o.json) {
      ctx.out.line(
        r.replaced.previousKept
          ? `  replaced the previous results (${r.replaced.previousSize} bytes), kept as noncurrent version ${r.replaced.previousVersionId ?? '(unknown)'} of ${r.key}`
          : `  replaced the previous results (${r.replaced.previousSize} bytes); bucket ${r.bucket} is not versioned, so they are gone`,
      );
    }
  });
}
