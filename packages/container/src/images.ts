// `@edgecv/container/images`: the image optimiser composed on its own, for `edgecv images optimize`
// (files in, files out, no service). The composition root (`@edgecv/container`) loads every
// family's adapters with it: the SDK clients, the MongoDB driver and inversify, about 400 ms of CPU
// and 50 MiB of resident memory, measured as a tenth of the command's whole work on the image
// benchmark's 72 images (issue 14 §4). The images module binds the same optimiser from here.
import { ImagePolicy } from '@edgecv/domain';
import { OptimizeImage } from '@edgecv/use-cases';
import { SharpImageOptimizer } from '@edgecv/infrastructure/image';

/** The optimiser every image use case runs: spec 003's policy, libvips at one thread, cache off. */
export function imageOptimizer(): SharpImageOptimizer {
  return new SharpImageOptimizer({ policy: ImagePolicy.create({}) });
}

/** `optimizeImage` without the composition root: nothing to close. */
export function standaloneOptimizeImage(): OptimizeImage {
  return new OptimizeImage(imageOptimizer());
}
