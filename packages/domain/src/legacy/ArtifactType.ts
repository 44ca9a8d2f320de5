/** What an object in the bucket is, for plans, audits and migration records. */
export type ArtifactType =
  | 'dataset'
  | 'training-output'
  | 'compilation-output'
  | 'deployment'
  | 'job-artifact'
  | 'image';

export const ARTIFACT_TYPES: readonly ArtifactType[] = /* @__PURE__ */ Object.freeze([
  'dataset',
  'training-output',
  'compilation-output',
  'deployment',
  'job-artifact',
  'image',
]);

export function isArtifactType(value: unknown): value is ArtifactType {
  return typeof value === 'string' && (ARTIFACT_TYPES as readonly string[]).includes(value);
}
