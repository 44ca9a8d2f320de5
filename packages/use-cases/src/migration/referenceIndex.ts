// The references that point into one bucket, held in memory while a journal streams past them:
// references are one per job or deployment, far fewer than objects, so this is the small side.
import type { ArtifactReference, ArtifactReferenceStore } from '../ports/ArtifactReferenceStore';
import { splitS3Uri } from './s3UriParts';

export interface BoundReference {
  readonly store: ArtifactReferenceStore;
  readonly ref: ArtifactReference;
  readonly key: string;
}

export class ReferenceIndex {
  /** Object references by key. */
  readonly exact = new Map<string, BoundReference[]>();
  /** Folder references (URIs ending in `/`) by folder key. */
  readonly folders = new Map<string, BoundReference[]>();
  total = 0;

  static async load(bucket: string, stores: readonly ArtifactReferenceStore[]): Promise<ReferenceIndex> {
    const index = new ReferenceIndex();
    for (const store of stores) {
      for await (const ref of store.list()) {
        const parts = splitS3Uri(ref.uri);
        if (parts === undefined || parts.bucket !== bucket || parts.key.length === 0) continue;
        index.total += 1;
        const map = parts.key.endsWith('/') ? index.folders : index.exact;
        const list = map.get(parts.key) ?? [];
        list.push({ store, ref, key: parts.key });
        map.set(parts.key, list);
      }
    }
    return index;
  }

  /** The folder references that contain `key` (every prefix of it ending in `/`). */
  foldersContaining(key: string): string[] {
    if (this.folders.size === 0) return [];
    const found: string[] = [];
    for (let i = key.indexOf('/'); i !== -1; i = key.indexOf('/', i + 1)) {
      const folder = key.slice(0, i + 1);
      if (folder !== key && this.folders.has(folder)) found.push(folder);
    }
    return found;
  }
}
