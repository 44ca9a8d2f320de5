/** What an object in the bucket is, for plans, audits and migration records. */
export type ArtifactType =
  | 'dataset'
  | 'training-output'
  | 'compilation-output'
  | 'deployment'
  | 'job-artifact'
  | 'image';

/** Every ArtifactType, in the order reports list them. */
export const ARTIFACT_TYPES: readonly ArtifactType[] = /* @__PURE__ */ Object.freeze([
  'dataset',
  'training-output',
  'compilation-output',
  'deployment',
  'job-artifact',
  'image',
]);

/** True when `value` is one of ARTIFACT_TYPES. */
export function isArtifactType(value: unknown): value is ArtifactType {
  return typeof value === 'string' && (ARTIFACT_TYPES as readonly string[]).includes(value);
}
