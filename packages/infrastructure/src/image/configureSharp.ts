// libvips' thread count and operation cache are process-wide, so they are set in one place and
// explicitly, never left to whatever the host happens to have.
import sharp from 'sharp';

export interface SharpRuntime {
  /** libvips worker threads per image (1: let images run side by side instead). */
  readonly concurrency?: number;
  /** The operation cache keeps decoded inputs around: useless for one-shot uploads, costly in RSS. */
  readonly cache?: false | { readonly memory?: number; readonly files?: number; readonly items?: number };
}

export const DEFAULT_SHARP_RUNTIME: Required<SharpRuntime> = Object.freeze({ concurrency: 1, cache: false });

export function configureSharp(runtime: SharpRuntime = {}): Required<SharpRuntime> {
  const applied = { ...DEFAULT_SHARP_RUNTIME, ...runtime };
  sharp.concurrency(applied.concurrency);
  sharp.cache(applied.cache === false ? false : { ...applied.cache });
  return applied;
}
