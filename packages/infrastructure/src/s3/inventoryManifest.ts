// manifest.json of an S3 Inventory report, as S3 writes it: the source bucket, the destination
// bucket (an ARN) holding the data files, the format, the columns of every data file
// (`fileSchema`, comma-separated) and each data file's key, size and MD5.
import { InvalidInventoryError, UnsupportedInventoryFormatError } from '@edgecv/use-cases';

export interface InventoryDataFile {
  readonly key: string;
  readonly size: number;
  readonly md5: string;
}

export interface InventoryManifest {
  readonly location: string;
  readonly sourceBucket: string;
  /** Where the data files are (the bucket name, from the destination ARN). */
  readonly destinationBucket: string;
  readonly columns: readonly string[];
  readonly files: readonly InventoryDataFile[];
}

/** The columns a plan cannot do without: the key, and the size and ETag run verifies against. */
const REQUIRED_COLUMNS = ['Key', 'Size', 'ETag'];

export function parseInventoryManifest(location: string, text: string): InventoryManifest {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new InvalidInventoryError(location, 'manifest.json is not JSON');
  }
  const m = (typeof json === 'object' && json !== null ? json : {}) as Record<string, unknown>;
  const str = (field: string): string => {
    const v = m[field];
    if (typeof v !== 'string' || v === '') throw new InvalidInventoryError(location, `manifest.json has no ${field}`);
    return v;
  };
  const format = str('fileFormat');
  if (format !== 'CSV') throw new UnsupportedInventoryFormatError(location, format);
  const columns = str('fileSchema').split(',').map((c) => c.trim());
  const missing = REQUIRED_COLUMNS.filter((c) => !columns.includes(c));
  if (missing.length > 0) throw new InvalidInventoryError(location, `the report has no ${missing.join(', ')} field(s); add them to the inventory configuration`);
  const destination = str('destinationBucket').replace(/^arn:[^:]*:s3:::/, '');
  if (!Array.isArray(m.files)) throw new InvalidInventoryError(location, 'manifest.json has no files');
  const files = m.files.map((f: unknown, i): InventoryDataFile => {
    const file = (typeof f === 'object' && f !== null ? f : {}) as Record<string, unknown>;
    if (typeof file.key !== 'string' || typeof file.MD5checksum !== 'string' || !/^[0-9a-f]{32}$/i.test(file.MD5checksum)) {
      throw new InvalidInventoryError(location, `files[${i}] needs a key and an MD5checksum`);
    }
    return { key: file.key, size: typeof file.size === 'number' ? file.size : Number.NaN, md5: file.MD5checksum.toLowerCase() };
  });
  return { location, sourceBucket: str('sourceBucket'), destinationBucket: destination, columns, files };
}

/** `s3://bucket/path/manifest.json` into its bucket and key. */
export function parseInventoryLocation(location: string): { bucket: string; key: string } {
  const match = /^s3:\/\/([^/]+)\/(.+)$/.exec(location);
  if (match === null) throw new InvalidInventoryError(location, 'give the manifest as s3://BUCKET/PATH/manifest.json');
  return { bucket: match[1] as string, key: match[2] as string };
}
