export {
  S3PathConfig,
  DEFAULT_PATH_CONFIG,
  DATASET_TYPES,
  type DatasetType,
  type S3PathConfigProps,
} from './S3PathConfig';
