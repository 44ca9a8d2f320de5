// The one use case a command gets without the composition root: `images optimize` works on files
// alone, and the root's SDK clients, MongoDB driver and inversify cost ~400 ms of CPU and ~50 MiB
// of RSS per run (issue 14 §4). Every other command gets its use cases from io/edgecv.ts.
import type { OptimizeImage } from '@edgecv/use-cases';

/** The optimiser alone (spec 003's policy, libvips at one thread, cache off): nothing to close. */
export async function standaloneOptimizeImage(): Promise<OptimizeImage> {
  return (await import('@edgecv/container/images')).standaloneOptimizeImage();
}
