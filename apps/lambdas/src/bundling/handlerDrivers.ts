// What a handler needs at run time beyond its own code: the drivers the container reaches for
// every family, which only some handlers use. The bundler builds the others without them (the
// MongoDB driver alone is 0.8 MB of a bundle), and the CDK app gives exactly these handlers the
// sharp layer and the MongoDB secret. A handler missing here that does need a driver fails at
// its first use of it with DRIVER_NOT_BUNDLED, naming this file.

export type Driver = 'mongodb' | 'sharp';

export const DRIVERS: readonly Driver[] = Object.freeze(['mongodb', 'sharp']);

export const HANDLER_DRIVERS: Readonly<Record<string, readonly Driver[]>> = Object.freeze({
  // Assignment documents live in MongoDB (spec 003); storing an image also optimises it.
  storeAssignmentImage: ['mongodb', 'sharp'],
  getAssignmentImage: ['mongodb'],
  getImageUrl: ['mongodb'],
  // The assignment documents and answers (spec 003); a created assignment's picture is optimised.
  createAssignment: ['mongodb', 'sharp'],
  listAssignments: ['mongodb'],
  getAssignment: ['mongodb'],
  completeAssignment: ['mongodb'],
  deleteAssignment: ['mongodb'],
  // A preview is generated and optimised, never recorded.
  previewAssignmentImage: ['sharp'],
});

export function driversOf(entry: string): readonly Driver[] {
  return HANDLER_DRIVERS[entry] ?? [];
}
