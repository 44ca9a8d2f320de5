import { InvalidConfigError } from '../errors/InvalidConfigError';
import { DEFAULT_PATH_CONFIG, S3PathConfig } from './S3PathConfig';

describe('S3PathConfig', () => {
  it('defaults to the layout of spec 000', () => {
    expect(DEFAULT_PATH_CONFIG.toJSON()).toEqual({
      bucket: undefined,
      prefix: '',
      trainingFolder: 'models/training',
      compilationFolder: 'models/compilation',
      datasetFolder: 'datasets',
      deploymentFolder: 'deployments',
      jobsFolder: 'jobs',
      imagesFolder: 'generated_images',
      datasetTypes: { raw: 'raw', manifests: 'manifests', labeled: 'labeled' },
    });
    expect(Object.isFrozen(DEFAULT_PATH_CONFIG)).toBe(true);
    expect(Object.isFrozen(DEFAULT_PATH_CONFIG.datasetTypes)).toBe(true);
  });

  it.each([
    ['', ''],
    ['team', 'team'],
    ['team/', 'team'],
    ['team/a/', 'team/a'],
  ])('takes the prefix %p as %p', (raw, expected) => {
    expect(S3PathConfig.create({ prefix: raw }).prefix).toBe(expected);
  });

  it.each(['a//b', 'a/../b', 'a b', 'a/./b', '/', '/team', '/team/', '//team//', 'team//', '../x', 'a\nb', 'a*'])('rejects the prefix %p instead of rewriting it', (prefix) => {
    expect(() => S3PathConfig.create({ prefix })).toThrow(InvalidConfigError);
  });

  it('adds and strips the prefix without ever producing "//"', () => {
    const config = S3PathConfig.create({ prefix: 'p/q/' });
    expect(config.withPrefix('datasets/raw/x')).toBe('p/q/datasets/raw/x');
    expect(config.stripPrefix('p/q/datasets/raw/x')).toBe('datasets/raw/x');
    expect(config.stripPrefix('p/qq/datasets')).toBeUndefined();
    expect(DEFAULT_PATH_CONFIG.withPrefix('x')).toBe('x');
  });

  it('validates the bucket', () => {
    expect(S3PathConfig.create({ bucket: 'my-bucket' }).bucket).toBe('my-bucket');
    expect(() => S3PathConfig.create({ bucket: 'My_Bucket' })).toThrow(InvalidConfigError);
  });

  it.each([
    { trainingFolder: '' },
    { trainingFolder: '/models' },
    { trainingFolder: 'models//training' },
    { datasetFolder: 'data sets' },
    { deploymentFolder: 'deployments/' },
  ])('rejects the folder %p', (partial) => {
    expect(() => S3PathConfig.create(partial)).toThrow(InvalidConfigError);
  });

  it('rejects folders that overlap, since a key would then belong to two kinds of artifact', () => {
    expect(() => S3PathConfig.create({ trainingFolder: 'models', compilationFolder: 'models/compilation' })).toThrow(
      /overlaps/,
    );
    expect(() => S3PathConfig.create({ jobsFolder: 'datasets' })).toThrow(InvalidConfigError);
  });

  it('lets an operator choose other folder names', () => {
    const config = S3PathConfig.create({
      trainingFolder: 'training',
      datasetTypes: { raw: 'images', manifests: 'manifests', labeled: 'gt' },
    });
    expect(config.trainingFolder).toBe('training');
    expect(config.datasetTypes).toEqual({ raw: 'images', manifests: 'manifests', labeled: 'gt' });
  });

  it('rejects dataset type folders that are not single distinct segments', () => {
    expect(() =>
      S3PathConfig.create({ datasetTypes: { raw: 'a/b', manifests: 'manifests', labeled: 'labeled' } }),
    ).toThrow(InvalidConfigError);
    expect(() =>
      S3PathConfig.create({ datasetTypes: { raw: 'x', manifests: 'x', labeled: 'labeled' } }),
    ).toThrow(/distinct/);
  });
});
