// Test helper: reads a zip file entry by entry with yauzl, hashing contents as they stream
// (never holding a whole entry in memory).
import { createHash } from 'node:crypto';
import yauzl from 'yauzl';

export interface ZipEntryInfo {
  readonly name: string;
  readonly mode: number;
  readonly mtime: Date;
  readonly size: number;
  readonly sha256: string;
  readonly compressed: boolean;
  /** The bytes of small entries (links, tiny files), for exact comparison. */
  readonly text?: string;
}

export function readZip(file: string): Promise<ZipEntryInfo[]> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true, decodeStrings: true, strictFileNames: true }, (openError, zip) => {
      if (openError || !zip) return reject(openError ?? new Error('no zip'));
      const entries: ZipEntryInfo[] = [];
      zip.on('error', reject);
      zip.on('end', () => resolve(entries));
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError || !stream) return reject(streamError ?? new Error('no stream'));
          const hash = createHash('sha256');
          let size = 0;
          const small: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => {
            hash.update(chunk);
            size += chunk.length;
            if (size <= 4096) small.push(chunk);
          });
          stream.on('error', reject);
          stream.on('end', () => {
            entries.push({
              name: entry.fileName,
              mode: (entry.externalFileAttributes >>> 16) & 0xffff,
              mtime: entry.getLastModDate(),
              size,
              sha256: hash.digest('hex'),
              compressed: entry.compressionMethod === 8,
              ...(size <= 4096 ? { text: Buffer.concat(small).toString('utf8') } : {}),
            });
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  });
}
