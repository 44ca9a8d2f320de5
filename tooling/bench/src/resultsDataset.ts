// A results directory of mixed files, deterministic for a given size: compressible logs and
// metrics (many small files), incompressible binaries (weights, tensors) and already-compressed
// images, in nested folders.
import { createHash } from 'node:crypto';
import { mkdir, open, stat } from 'node:fs/promises';
import path from 'node:path';

/** xorshift32: reproducible content without keeping it in memory. */
function prng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x;
  };
}

async function writeFileOfSize(file: string, size: number, kind: 'text' | 'random', seed: number): Promise<void> {
  const next = prng(seed);
  const handle = await open(file, 'w');
  try {
    const chunk = Buffer.alloc(Math.min(size, 1024 * 1024));
    for (let written = 0; written < size; ) {
      const n = Math.min(chunk.length, size - written);
      if (kind === 'random') {
        for (let i = 0; i + 4 <= n; i += 4) chunk.writeUInt32LE(next(), i);
      } else {
        let line = '';
        let off = 0;
        while (off < n) {
          line = `epoch=${next() % 300} step=${next() % 100000} loss=0.${next() % 100000} map50=0.${next() % 1000} lr=0.001\n`;
          off += chunk.write(line, off, Math.min(line.length, n - off), 'utf8');
        }
      }
      await handle.write(chunk, 0, n);
      written += n;
    }
  } finally {
    await handle.close();
  }
}

export interface Dataset {
  readonly dir: string;
  readonly files: number;
  readonly bytes: number;
}

/** ~40% of bytes in text, 30% in random .bin, 30% in random .jpg/.png; reuses an existing complete dataset. */
export async function ensureDataset(root: string, totalBytes: number): Promise<Dataset> {
  const dir = path.join(root, `mixed-${totalBytes / 1024 / 1024}MiB`);
  const marker = `${dir}.complete`; // beside the directory, so neither pipeline packages it
  const next = prng(totalBytes / 1024);
  const plan: { rel: string; size: number; kind: 'text' | 'random' }[] = [];
  const fill = (budget: number, make: (i: number) => { rel: string; size: number; kind: 'text' | 'random' }): void => {
    for (let i = 0, used = 0; used < budget; i++) {
      const f = make(i);
      const size = Math.min(f.size, budget - used);
      plan.push({ ...f, size });
      used += size;
    }
  };
  fill(Math.floor(totalBytes * 0.4), (i) => ({ rel: `logs/epoch_${String(i % 50).padStart(3, '0')}/metrics ${i}.txt`, size: 4096 + (next() % (1024 * 1024)), kind: 'text' }));
  fill(Math.floor(totalBytes * 0.3), (i) => ({ rel: `weights/checkpoint_${i}.bin`, size: 1024 * 1024 * (1 + (next() % 32)), kind: 'random' }));
  fill(Math.floor(totalBytes * 0.3), (i) => ({ rel: `samples/${i % 10}/frame_${i}.${i % 2 ? 'png' : 'jpg'}`, size: 100 * 1024 + (next() % (2 * 1024 * 1024)), kind: 'random' }));
  const bytes = plan.reduce((s, f) => s + f.size, 0);
  if (!(await stat(marker).then(() => true, () => false))) {
    await mkdir(path.join(dir, 'empty-dir'), { recursive: true });
    for (const [i, f] of plan.entries()) {
      const file = path.join(dir, f.rel);
      await mkdir(path.dirname(file), { recursive: true });
      await writeFileOfSize(file, f.size, f.kind, i + 1);
    }
    await open(marker, 'w').then((h) => h.close());
  }
  return { dir, files: plan.length, bytes };
}

export function sha256Hex(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}
