// Export: the records still to copy as an S3 Batch Operations manifest (S3BatchOperations_CSV_20180820:
// `bucket,key[,versionId]`, keys URL-encoded), so S3 Batch with the migrate-batch Lambda can run them.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { MigrationJournal } from '../ports/MigrationJournal';
import { UnsupportedExportFormatError } from './MigrationErrors';

/** The manifest formats an export writes. */
export const EXPORT_FORMATS = ['s3-batch-csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportSummary {
  readonly format: ExportFormat;
  readonly out: string;
  readonly rows: number;
  readonly withVersionIds: boolean;
}

/** URL-encodes a key the way S3 Batch Operations decodes manifest keys (`/` kept, everything else escaped). */
export function encodeManifestKey(key: string): string {
  return key.split('/').map(encodeURIComponent).join('/');
}

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** The manifest's lines; records already verified or past it are left out. */
export async function* s3BatchManifestLines(journal: MigrationJournal): AsyncIterable<string> {
  const header = await journal.header();
  for await (const r of journal.records()) {
    if (r.status !== 'planned' && r.status !== 'copied' && !(r.status === 'failed' && r.error?.code === 'TRANSIENT')) continue;
    const fields = [header.bucket, encodeManifestKey(r.oldKey), ...(r.versionId !== undefined ? [r.versionId] : [])];
    yield `${fields.map(csvField).join(',')}\n`;
  }
}

export async function exportMigrationManifest(input: { journal: MigrationJournal; format: string; out: string }): Promise<ExportSummary> {
  if (!(EXPORT_FORMATS as readonly string[]).includes(input.format)) throw new UnsupportedExportFormatError(input.format);
  const header = await input.journal.header();
  const file = createWriteStream(input.out, { flags: 'w' });
  let rows = 0;
  try {
    for await (const line of s3BatchManifestLines(input.journal)) {
      rows += 1;
      if (!file.write(line)) await once(file, 'drain');
    }
  } finally {
    file.end();
    await once(file, 'close');
  }
  return { format: 's3-batch-csv', out: input.out, rows, withVersionIds: header.versioned };
}
