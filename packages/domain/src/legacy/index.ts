export { ARTIFACT_TYPES, isArtifactType, type ArtifactType } from './ArtifactType';
export {
  CAPTURE_CONSTRAINTS,
  type CaptureConstraint,
  type LegacyAction,
  type LegacyRule,
} from './LegacyRule';
export { DEFAULT_LEGACY_RULES } from './defaultLegacyRules';
export { LegacyRules } from './LegacyRules';
export { Conformance, type Conforming } from './Conformance';
export { PathResolver } from './PathResolver';
export type {
  Classification,
  ClassificationStatus,
  Converted,
  ConformingKey,
  UnknownKey,
  NeedsLookup,
  InvalidKey,
  JobLookup,
} from './Classification';
