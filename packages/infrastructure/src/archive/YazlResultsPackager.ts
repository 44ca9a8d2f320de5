// ResultsPackager with yazl: the zip is produced while it is read, one file open at a time,
// deflated file by file; entries keep their mode and mtime; links inside the directory stay links.
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { ZipFile } from 'yazl';
import {
  DEFAULT_PACKAGE_LIMITS,
  PackageLimitError,
  ResultsDirNotFoundError,
  type PackageLimits,
  type PackageStream,
  type PackageSummary,
  type ResultsPackager,
} from '@edgecv/use-cases';
import { walkResultsDir } from './walkResultsDir';

export interface YazlResultsPackagerOptions {
  /** zlib level for compressible files, 0-9 (6, as Info-ZIP's zip). */
  readonly compressionLevel?: number;
  /** Extensions (lower case, with the dot) stored without deflate: they are compressed already. */
  readonly storeExtensions?: readonly string[];
}

export const DEFAULT_STORE_EXTENSIONS: readonly string[] = Object.freeze([
  '.zip', '.gz', '.tgz', '.bz2', '.xz', '.zst', '.7z', '.rar', '.lz4',
  '.jpg', '.jpeg', '.png', '.webp', '.gif', '.heic', '.avif',
  '.mp4', '.mkv', '.mov', '.avi', '.webm', '.mp3', '.ogg', '.flac',
  '.npz', '.pt', '.pth', '.onnx', '.tflite', '.h5', '.parquet',
]);

export class YazlResultsPackager implements ResultsPackager {
  private readonly level: number;
  private readonly store: ReadonlySet<string>;

  constructor(options: YazlResultsPackagerOptions = {}) {
    this.level = options.compressionLevel ?? 6;
    this.store = new Set(options.storeExtensions ?? DEFAULT_STORE_EXTENSIONS);
  }

  package(dir: string, limits: PackageLimits = {}): PackageStream {
    const maxBytes = limits.maxBytes ?? DEFAULT_PACKAGE_LIMITS.maxBytes;
    const maxEntries = limits.maxEntries ?? DEFAULT_PACKAGE_LIMITS.maxEntries;
    const zip = new ZipFile();
    const stream = zip.outputStream as Readable;
    let failure: Error | undefined;
    const fail = (error: Error): void => {
      if (failure) return;
      failure = error;
      stream.destroy(error);
    };
    zip.on('error', fail);

    const summary = { entries: 0, bytesIn: 0 };
    const walked = (async () => {
      const root = await realRoot(dir);
      for await (const entry of walkResultsDir(root)) {
        if (failure) return;
        if (++summary.entries > maxEntries) throw new PackageLimitError('maxEntries', maxEntries, entry.name);
        const base = { mtime: entry.mtime, mode: entry.mode };
        if (entry.kind === 'dir') {
          zip.addEmptyDirectory(entry.name, base);
        } else if (entry.kind === 'link') {
          zip.addBuffer(Buffer.from(entry.target, 'utf8'), entry.name, { ...base, compress: false });
        } else {
          summary.bytesIn += entry.size;
          if (summary.bytesIn > maxBytes) throw new PackageLimitError('maxBytes', maxBytes, entry.name);
          const compress = this.level > 0 && entry.size > 0 && !this.store.has(path.extname(entry.name).toLowerCase());
          const { absPath } = entry;
          zip.addReadStreamLazy(
            entry.name,
            { ...base, size: entry.size, compress, ...(compress ? { compressionLevel: this.level } : {}) },
            (cb) => {
              const file = createReadStream(absPath, { highWaterMark: 1024 * 1024 });
              // yazl reports read errors as its own; a file that changed size fails the `size` check.
              file.on('error', fail);
              cb(null, file);
            },
          );
        }
      }
      zip.end();
    })();
    walked.catch((error: Error) => fail(error));

    const done = new Promise<PackageSummary>((resolve, reject) => {
      stream.once('end', () => resolve({ entries: summary.entries, bytesIn: summary.bytesIn }));
      stream.once('close', () => reject(failure ?? new Error('the package stream was closed before it ended')));
    });
    // The caller may watch only the stream; a rejection nobody awaits must not crash the process.
    done.catch(() => undefined);
    return { stream, done };
  }
}

async function realRoot(dir: string): Promise<string> {
  try {
    const root = await realpath(dir);
    if (!(await stat(root)).isDirectory()) throw new ResultsDirNotFoundError(dir);
    return root;
  } catch (error) {
    if (error instanceof ResultsDirNotFoundError) throw error;
    throw new ResultsDirNotFoundError(dir);
  }
}
