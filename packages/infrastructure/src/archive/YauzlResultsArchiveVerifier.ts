// ResultsArchiveVerifier on yauzl (the reader that pairs with the yazl writer of the packager).
// yauzl reads the central directory, validates entry names (no absolute paths, no `..`) and
// checks each inflated size against it; it does not check CRC-32s, so they are computed here
// while the entries stream.
import { crc32 } from 'node:zlib';
import yauzl from 'yauzl';
import { DEFAULT_PACKAGE_LIMITS, InvalidResultsArchiveError, type ArchiveContents, type PackageLimits, type ResultsArchiveVerifier } from '@edgecv/use-cases';

export class YauzlResultsArchiveVerifier implements ResultsArchiveVerifier {
  async verify(archive: Uint8Array, limits: PackageLimits = {}): Promise<ArchiveContents> {
    const maxEntries = limits.maxEntries ?? DEFAULT_PACKAGE_LIMITS.maxEntries;
    const maxBytes = limits.maxBytes ?? DEFAULT_PACKAGE_LIMITS.maxBytes;
    const bytes = Buffer.from(archive.buffer, archive.byteOffset, archive.byteLength);
    const refuse = (reason: string): InvalidResultsArchiveError => new InvalidResultsArchiveError(bytes.length, reason);

    const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
      yauzl.fromBuffer(bytes, { lazyEntries: true, decodeStrings: true, validateEntrySizes: true, strictFileNames: false }, (error, z) =>
        error || !z ? reject(refuse(`central directory unreadable (${error?.message ?? 'no zip'})`)) : resolve(z),
      ),
    );
    if (zip.entryCount > maxEntries) {
      zip.close();
      throw refuse(`${zip.entryCount} entries, more than the ${maxEntries} allowed`);
    }

    let entries = 0;
    let uncompressedBytes = 0;
    await new Promise<void>((resolve, reject) => {
      const fail = (error: unknown): void => {
        zip.close();
        reject(error instanceof InvalidResultsArchiveError ? error : refuse((error as Error).message));
      };
      zip.on('error', fail);
      zip.on('end', () => resolve());
      zip.on('entry', (entry: yauzl.Entry) => {
        entries += 1;
        // Declared sizes are checked against the inflated bytes by yauzl, so this bounds the work.
        uncompressedBytes += entry.uncompressedSize;
        if (uncompressedBytes > maxBytes) return fail(refuse(`entries inflate to more than the ${maxBytes} bytes allowed (at ${entry.fileName})`));
        zip.openReadStream(entry, (openError, stream) => {
          if (openError || !stream) return fail(refuse(`entry ${entry.fileName}: ${openError?.message ?? 'unreadable'}`));
          let crc = 0;
          stream.on('data', (chunk: Buffer) => {
            crc = crc32(chunk, crc);
          });
          stream.on('error', (e: Error) => fail(refuse(`entry ${entry.fileName}: ${e.message}`)));
          stream.on('end', () => {
            if (crc >>> 0 !== entry.crc32 >>> 0) return fail(refuse(`entry ${entry.fileName} is damaged (CRC-32 ${hex(crc)}, the directory says ${hex(entry.crc32)})`));
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
    return { entries, uncompressedBytes };
  }
}

const hex = (n: number): string => (n >>> 0).toString(16).padStart(8, '0');
