export {
  S3PathConfig,
  DEFAULT_PATH_CONFIG,
  DATASET_TYPES,
  type DatasetType,
  type S3PathConfigProps,
} from './S3PathConfig';
export {
  S3PathBuilder,
  DEPLOYMENT_ARTIFACTS,
  METADATA_FILE,
  type DeploymentArtifact,
} from './S3PathBuilder';
export { NEO_TARGETS, isNeoTarget, type NeoTarget } from './NeoTargets';
