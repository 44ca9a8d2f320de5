// The tools edgecv is compared with, each moving `training-output/` to `models/training/` in one
// bucket of the same MinIO: rclone move (server-side copy), aws s3 mv --recursive, and a raw
// CopyObject loop (copy only: the server's limit for this workload), and a raw move: the same copy
// loop, then DeleteObjects of 1,000 keys, 4 requests in flight (the fair limit for a move).
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { CopyObjectCommand, DeleteObjectsCommand, type S3Client } from '@aws-sdk/client-s3';
import { legacyKey, pool } from './migrationData';
import { countTimes, withTimes } from './migrationCpu';
import { PEER_TOOLS } from './migrationTools';
import type { RunningMinio } from './resultsMinio';

export function runTool(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    // The machine's AWS_CA_BUNDLE makes rclone refuse a plain-HTTP endpoint; nothing here uses TLS.
    const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
    delete childEnv.AWS_CA_BUNDLE;
    // Under bash's `times`, so the bench can report the tool's CPU time (migrationCpu.ts).
    const [shell, shellArgs] = withTimes(cmd, args);
    const child = spawn(shell, shellArgs, { env: childEnv, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err = (err + d.toString()).slice(-2000)));
    child.on('exit', (code) => {
      countTimes(err);
      if (code === 0) resolve();
      else reject(new Error(`${cmd} exited ${code}: ${err}`));
    });
  });
}

export function rcloneMove(m: Pick<RunningMinio, 'endpoint' | 'accessKeyId' | 'secretAccessKey'>, bucket: string, transfers: number, checkers: number): Promise<void> {
  const env = {
    RCLONE_CONFIG_M_TYPE: 's3',
    RCLONE_CONFIG_M_PROVIDER: 'Minio',
    RCLONE_CONFIG_M_ENDPOINT: m.endpoint,
    RCLONE_CONFIG_M_ACCESS_KEY_ID: m.accessKeyId,
    RCLONE_CONFIG_M_SECRET_ACCESS_KEY: m.secretAccessKey,
    RCLONE_CONFIG_M_REGION: 'us-east-1',
  };
  return runTool(
    PEER_TOOLS.rclone,
    ['move', `m:${bucket}/training-output`, `m:${bucket}/models/training`, '--transfers', String(transfers), '--checkers', String(checkers), '--s3-no-check-bucket', '--s3-upload-cutoff', '5G', '-q'],
    env,
  );
}

export function awsMove(m: Pick<RunningMinio, 'endpoint' | 'accessKeyId' | 'secretAccessKey'>, bucket: string, dir: string, maxConcurrentRequests: number): Promise<void> {
  const config = path.join(dir, `aws-config-${maxConcurrentRequests}`);
  writeFileSync(config, `[default]\nregion = us-east-1\ns3 =\n  max_concurrent_requests = ${maxConcurrentRequests}\n  max_queue_size = 10000\n`);
  return runTool(
    PEER_TOOLS.aws,
    ['s3', 'mv', `s3://${bucket}/training-output/`, `s3://${bucket}/models/training/`, '--recursive', '--only-show-errors', '--endpoint-url', m.endpoint],
    { AWS_CONFIG_FILE: config, AWS_ACCESS_KEY_ID: m.accessKeyId, AWS_SECRET_ACCESS_KEY: m.secretAccessKey },
  );
}

export function rawCopyLoop(s3: S3Client, bucket: string, n: number, width: number): Promise<void> {
  return pool(
    Array.from({ length: n }, (_, i) => i),
    width,
    async (i) =>
      void (await s3.send(
        new CopyObjectCommand({ Bucket: bucket, Key: legacyKey(i).replace('training-output/', 'models/training/'), CopySource: `${bucket}/${legacyKey(i)}` }),
      )),
  );
}

export async function rawMoveLoop(s3: S3Client, bucket: string, n: number, width: number): Promise<void> {
  await rawCopyLoop(s3, bucket, n, width);
  const batches = Array.from({ length: Math.ceil(n / 1000) }, (_, b) => Array.from({ length: Math.min(1000, n - b * 1000) }, (_, i) => legacyKey(b * 1000 + i)));
  await pool(batches, 4, async (keys) => {
    const r = await s3.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: keys.map((Key) => ({ Key })), Quiet: true } }));
    if ((r.Errors ?? []).length > 0) throw new Error(`DeleteObjects failed for ${r.Errors?.length} key(s), first ${r.Errors?.[0]?.Key}: ${r.Errors?.[0]?.Message}`);
  });
}
