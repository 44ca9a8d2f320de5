// Generated pictures kept in the images bucket by request hash (generated_images/cache/{sha}.png),
// so the same request is answered without calling the model again. The cache is an optimisation:
// a read or write that fails is logged and the generation goes on as if it missed.
import { generationCacheKey } from '@edgecv/domain';
import type { Logger } from '../ports/Logger';
import type { ObjectStore } from '../ports/ObjectStore';
import { describeError } from '../images/ImageOperationLog';
import type { ImageStorageConfig } from '../images/ImageStorageConfig';
import { withDeadline } from '../images/withDeadline';

export interface CacheEntryInfo {
  readonly model: string;
  readonly seed: number;
  readonly width: number;
  readonly height: number;
}

export class GeneratedImageCache {
  constructor(
    private readonly store: ObjectStore,
    private readonly config: ImageStorageConfig,
    private readonly logger: Logger,
  ) {}

  async get(requestHash: string, correlationId: string): Promise<Uint8Array | undefined> {
    const key = generationCacheKey(requestHash).toString();
    try {
      return await withDeadline('cache read', this.config.timeoutMs, async (signal) => {
        const head = await this.store.head(this.config.bucket, key);
        if (!head) return undefined;
        const chunks: Buffer[] = [];
        for await (const chunk of await this.store.getStream(this.config.bucket, key, { signal })) chunks.push(chunk as Buffer);
        return Buffer.concat(chunks);
      });
    } catch (error) {
      this.logger.warn('generation cache read failed; generating instead', { correlationId, key, ...describeError(error) });
      return undefined;
    }
  }

  async put(requestHash: string, bytes: Uint8Array, info: CacheEntryInfo, correlationId: string): Promise<boolean> {
    const key = generationCacheKey(requestHash).toString();
    try {
      await withDeadline('cache write', this.config.timeoutMs, (signal) =>
        this.store.putStream(this.config.bucket, key, once(bytes), {
          contentType: 'image/png',
          cacheControl: this.config.cacheControl,
          metadata: { model: info.model, seed: String(info.seed), dimensions: `${info.width}x${info.height}` },
          tags: this.config.tags,
          signal,
        }),
      );
      return true;
    } catch (error) {
      this.logger.warn('generation cache write failed; the picture is not cached', { correlationId, key, ...describeError(error) });
      return false;
    }
  }
}

async function* once(bytes: Uint8Array): AsyncIterable<Uint8Array> {
  yield bytes;
}
