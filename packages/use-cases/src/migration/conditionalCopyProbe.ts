// Does this server honour If-None-Match on CopyObject? AWS S3 does; MinIO and moto (at the
// versions tested here) copy over the target regardless. Asked once per run with two scratch
// objects in a folder of the journal's prefix, which is emptied again afterwards (every version
// by id on versioned buckets, so no trace is left, and whatever a crashed probe left behind).
import type { ObjectStore } from '../ports/ObjectStore';
import { PreconditionFailedError } from '../ports/ObjectStoreErrors';

export const PROBE_FOLDER = '.edgecv-migration-probe/';

export async function serverHonoursConditionalCopy(store: ObjectStore, bucket: string, prefix: string, versioned: boolean): Promise<boolean> {
  const folder = `${prefix}${PROBE_FOLDER}`;
  const id = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
  const source = `${folder}${id}-source`;
  const copy = `${folder}${id}-copy`;
  try {
    const put = await store.putIfAbsent(bucket, source, '');
    if (!put.created) return false;
    await store.copy({ bucket, key: source }, { bucket, key: copy }, { ifAbsent: true, sourceSize: 0 });
    try {
      await store.copy({ bucket, key: source }, { bucket, key: copy }, { ifAbsent: true, sourceSize: 0 });
      return false;
    } catch (error) {
      if (error instanceof PreconditionFailedError) return true;
      throw error;
    }
  } catch {
    // Not allowed to write here, or the server failed: assume the worst, look before copying.
    return false;
  } finally {
    await emptyFolder(store, bucket, folder, versioned).catch(() => undefined);
  }
}

async function emptyFolder(store: ObjectStore, bucket: string, folder: string, versioned: boolean): Promise<void> {
  const all = [];
  for await (const o of store.list(bucket, folder, versioned ? { versions: true } : {})) {
    all.push(versioned && o.versionId !== undefined ? { key: o.key, versionId: o.versionId } : { key: o.key });
  }
  if (all.length > 0) await store.deleteMany(bucket, all);
}
