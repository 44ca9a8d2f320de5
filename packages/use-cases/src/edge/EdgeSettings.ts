import type { S3PathConfig } from '@edgecv/domain';

/** What the edge workflows need besides their ports: data, with defaults in the container's wiring. */
export interface EdgeSettings {
  /** The artifact bucket; the layout's URIs are built in it. */
  readonly bucket: string;
  readonly pathConfig: S3PathConfig;
  /** The execution role SageMaker assumes for training and compilation. */
  readonly sageMakerRoleArn: string;
  readonly training: {
    readonly instanceType: string;
    readonly instanceCount: number;
    readonly volumeSizeGb: number;
    readonly maxRuntimeSeconds: number;
  };
  readonly compilation: { readonly maxRuntimeSeconds: number };
  /** Greengrass component names are `{componentPrefix}{deployment}`. */
  readonly componentPrefix: string;
}

export const DEFAULT_EDGE_SETTINGS: Omit<EdgeSettings, 'bucket' | 'pathConfig' | 'sageMakerRoleArn'> = Object.freeze({
  training: { instanceType: 'ml.m5.xlarge', instanceCount: 1, volumeSizeGb: 30, maxRuntimeSeconds: 24 * 3600 },
  compilation: { maxRuntimeSeconds: 900 },
  componentPrefix: 'com.edgecv.',
});
