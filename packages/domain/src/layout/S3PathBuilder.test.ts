import { InvalidConfigError } from '../errors/InvalidConfigError';
import { InvalidSegmentError } from '../errors/InvalidSegmentError';
import { InvalidUriError } from '../errors/InvalidUriError';
import { S3Key } from '../keys/S3Key';
import { S3Uri } from '../keys/S3Uri';
import { NEO_TARGETS, isNeoTarget } from './NeoTargets';
import { S3PathBuilder, type DeploymentArtifact } from './S3PathBuilder';
import { S3PathConfig } from './S3PathConfig';

const b = new S3PathBuilder(S3PathConfig.create({ bucket: 'edge-cv' }));
const p = new S3PathBuilder(S3PathConfig.create({ bucket: 'edge-cv', prefix: 'use-case-1/' }));

describe('S3PathBuilder', () => {
  it('builds the training paths SageMaker uses', () => {
    expect(b.trainingOutputRoot().toString()).toBe('s3://edge-cv/models/training/');
    expect(b.trainingOutputPath('job-1').toString()).toBe('s3://edge-cv/models/training/job-1/');
    expect(b.trainingModelKey('job-1').value).toBe('models/training/job-1/output/model.tar.gz');
    expect(b.trainingMetadataKey('job-1').value).toBe('models/training/job-1/metadata.json');
  });

  it('builds the compilation paths, per target', () => {
    expect(b.compilationOutputPath('c-1').toString()).toBe('s3://edge-cv/models/compilation/c-1/');
    expect(b.compilationOutputPath('c-1', 'jetson_nano').toString()).toBe('s3://edge-cv/models/compilation/c-1/jetson_nano/');
    expect(b.compiledModelKey('c-1', 'jetson_nano').value).toBe('models/compilation/c-1/jetson_nano/model.tar.gz');
    expect(b.neoOutputKey('c-1', 'jetson_nano').value).toBe('models/compilation/c-1/jetson_nano/model-jetson_nano.tar.gz');
    expect(b.compilationMetadataKey('c-1').value).toBe('models/compilation/c-1/metadata.json');
  });

  it('builds dataset and deployment paths', () => {
    expect(b.datasetPath('raw').toString()).toBe('s3://edge-cv/datasets/raw/');
    expect(b.datasetPath('manifests').toString()).toBe('s3://edge-cv/datasets/manifests/');
    expect(b.datasetPath('labeled').toString()).toBe('s3://edge-cv/datasets/labeled/');
    expect(b.deploymentPath('edge-1').toString()).toBe('s3://edge-cv/deployments/edge-1/');
    expect(b.deploymentArtifactKey('edge-1', 'component.zip').value).toBe('deployments/edge-1/component.zip');
  });

  it('puts everything under the bucket prefix, without "//"', () => {
    expect(p.trainingModelKey('j').value).toBe('use-case-1/models/training/j/output/model.tar.gz');
    expect(p.datasetPath('raw').toString()).toBe('s3://edge-cv/use-case-1/datasets/raw/');
    expect(p.assignmentImageKey('1732612345678').value).toBe('use-case-1/generated_images/1732612345678.webp');
  });

  it('rejects bad inputs with errors naming them', () => {
    expect(() => b.trainingOutputPath('my job')).toThrow(InvalidSegmentError);
    expect(() => b.compiledModelKey('j', '../x')).toThrow(/target/);
    expect(() => b.datasetPath('models' as 'raw')).toThrow(/datasetType/);
    expect(() => b.deploymentArtifactKey('d', 'other.bin' as DeploymentArtifact)).toThrow(InvalidSegmentError);
    expect(() => b.assignmentImageKey('a/b')).toThrow(/assignmentId/);
  });

  it('needs a bucket for URIs but not for keys', () => {
    const keysOnly = new S3PathBuilder(S3PathConfig.create());
    expect(keysOnly.trainingModelKey('j').value).toBe('models/training/j/output/model.tar.gz');
    expect(() => keysOnly.trainingOutputPath('j')).toThrow(InvalidConfigError);
  });

  it('converts between keys and URIs of the configured bucket only', () => {
    const key = b.trainingModelKey('j');
    const uri = b.uriOf(key);
    expect(uri).toBeInstanceOf(S3Uri);
    expect(b.keyOf(uri).equals(key)).toBe(true);
    expect(b.keyOf('s3://edge-cv/datasets/raw/').isFolder).toBe(true);
    expect(b.uriOf('datasets/raw/').toString()).toBe('s3://edge-cv/datasets/raw/');
    expect(() => b.keyOf(S3Uri.of('other-bucket', S3Key.parse('x')))).toThrow(InvalidUriError);
  });
});

describe('NEO_TARGETS', () => {
  it('holds the SageMaker TargetDevice values, none of which contains a "-"', () => {
    for (const t of ['jetson_nano', 'jetson_xavier', 'rasp3b', 'rasp4b', 'ml_c5', 'ml_inf2', 'imx8mplus', 'coreml']) {
      expect(isNeoTarget(t)).toBe(true);
    }
    expect(NEO_TARGETS.some((t) => t.includes('-'))).toBe(false);
    expect(new Set(NEO_TARGETS).size).toBe(NEO_TARGETS.length);
    expect(isNeoTarget('jetson-nano')).toBe(false);
    expect(isNeoTarget('ML_C5')).toBe(false);
    expect(Object.isFrozen(NEO_TARGETS)).toBe(true);
  });
});
