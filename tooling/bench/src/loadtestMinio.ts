// `edgecv loadtest` with S3 served by MinIO instead of the local stack's moto (DESIGN §7: the fast
// S3 server; DynamoDB and MongoDB still come from the local stack). Starts MinIO (built once with
// `go install`, see resultsMinio.ts) with the local stack's credentials, creates the artifact
// bucket the API expects (an external S3 is never provisioned by the CLI), runs the built CLI with
// AWS_ENDPOINT_URL_S3 pointing at it and the given loadtest arguments, and stops MinIO.
//
//   cd tooling/bench && node --import tsx src/loadtestMinio.ts --users 50 --spawn-rate 5 --duration 60s --json
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { LOCAL_CREDENTIALS } from '@edgecv/local-stack';
import { startMinio } from './resultsMinio';

const repoRoot = path.resolve(__dirname, '../../..');
const cli = path.join(repoRoot, 'apps/cli/dist/main.js');
const BUCKET = process.env.EDGECV_ARTIFACT_BUCKET ?? 'edgecv-artifacts';

async function main(): Promise<number> {
  if (!existsSync(cli)) throw new Error(`${cli} is missing: build the CLI first (pnpm exec turbo run build --filter=@edgecv/cli...)`);
  const minio = await startMinio((line) => process.stderr.write(`${line}\n`), { accessKeyId: LOCAL_CREDENTIALS.accessKeyId, secretAccessKey: LOCAL_CREDENTIALS.secretAccessKey });
  try {
    const s3 = new S3Client({ endpoint: minio.endpoint, region: LOCAL_CREDENTIALS.region, forcePathStyle: true, credentials: { accessKeyId: LOCAL_CREDENTIALS.accessKeyId, secretAccessKey: LOCAL_CREDENTIALS.secretAccessKey } });
    await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
    s3.destroy();
    process.stderr.write(`MinIO on ${minio.endpoint}, bucket ${BUCKET}\n`);
    const child = spawn(process.execPath, [cli, 'loadtest', ...process.argv.slice(2)], {
      stdio: 'inherit',
      // As scripts/edgecv.sh runs the CLI.
      env: { ...process.env, AWS_ENDPOINT_URL_S3: minio.endpoint, MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX ?? '2' },
    });
    return await new Promise<number>((resolve, reject) => {
      child.on('error', reject);
      child.on('exit', (code) => resolve(code ?? 1));
    });
  } finally {
    await minio.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
