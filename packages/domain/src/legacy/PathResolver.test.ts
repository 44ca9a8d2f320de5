import { InvalidKeyError } from '../errors/InvalidKeyError';
import { InvalidTimestampError } from '../errors/InvalidTimestampError';
import { JobLookupRequiredError } from '../errors/JobLookupRequiredError';
import { DEFAULT_PATH_CONFIG, S3PathConfig } from '../layout/S3PathConfig';
import type { JobLookup } from './Classification';
import { PathResolver } from './PathResolver';

const resolver = new PathResolver(DEFAULT_PATH_CONFIG);
const job12: JobLookup = (id) => (id === 12 ? new Date('2025-10-23T21:15:00Z') : undefined);

const converted = (key: string, lookup?: JobLookup): string => {
  const c = resolver.classify(key, lookup);
  if (c.status !== 'converted') throw new Error(`${key}: ${JSON.stringify(c)}`);
  return c.output;
};

describe('PathResolver: the legacy rows of DESIGN §6a', () => {
  it.each([
    ['datasets//training-output/job-1/output/model.tar.gz', 'models/training/job-1/output/model.tar.gz'],
    ['datasets/training-output/job-1/output/model.tar.gz', 'models/training/job-1/output/model.tar.gz'],
    ['training-output/job-1/output/model.tar.gz', 'models/training/job-1/output/model.tar.gz'],
    ['datasets//compilation-output/job-1/ml_c5/model.tar.gz', 'models/compilation/job-1/ml_c5/model.tar.gz'],
    ['datasets/compilation-output/job-1/metadata.json', 'models/compilation/job-1/metadata.json'],
    ['compilation-output/job-1/rasp3b/model.tar.gz', 'models/compilation/job-1/rasp3b/model.tar.gz'],
    ['compilation-output/job-1/model-jetson_nano.tar.gz', 'models/compilation/job-1/jetson_nano/model.tar.gz'],
    ['models/compilation/job-1/model-ml_c5.tar.gz', 'models/compilation/job-1/ml_c5/model.tar.gz'],
    ['datasets/train.manifest', 'datasets/manifests/train.manifest'],
    ['datasets/output.jsonl', 'datasets/manifests/output.jsonl'],
    ['datasets/cats/img001.jpg', 'datasets/raw/cats/img001.jpg'],
    ['packaged-models/edge-1/model.tar.gz', 'deployments/edge-1/model.tar.gz'],
    ['greengrass-components/edge-1/component.zip', 'deployments/edge-1/component.zip'],
    ['generated_images/1732612345678.png', 'generated_images/1732612345678.webp'],
  ])('%s -> %s', (legacy, expected) => {
    expect(converted(legacy)).toBe(expected);
  });

  it('moves run results under the job prefix taken from created_at', () => {
    expect(resolver.classify('results/job_12/run_4.zip', job12)).toEqual({
      status: 'converted',
      input: 'results/job_12/run_4.zip',
      output: 'jobs/12/2025/10/23/211500/run_4_results.zip',
      rule: 'run-results',
      action: 'copy',
      artifactType: 'job-artifact',
      jobId: 12,
      collisionGroup: 'job-artifact',
    });
  });

  it('gathers fragmented job artifacts under the job timestamp (spec 004 problem statement)', () => {
    expect(converted('jobs/12/2025/10/23/211501/run_5_config.json', job12)).toBe(
      'jobs/12/2025/10/23/211500/run_5_config.json',
    );
  });

  it('treats a job key whose timestamp is the job created_at as conforming, not legacy', () => {
    expect(resolver.classify('jobs/12/2025/10/23/211500/run_4_config.json', job12)).toEqual({
      status: 'conforming',
      input: 'jobs/12/2025/10/23/211500/run_4_config.json',
      artifactType: 'job-artifact',
    });
  });

  it('asks for the lookup when the new place depends on created_at', () => {
    expect(resolver.classify('results/job_12/run_4.zip')).toEqual({
      status: 'needs-lookup',
      input: 'results/job_12/run_4.zip',
      rule: 'run-results',
      jobId: 12,
    });
    expect(resolver.classify('results/job_99/run_4.zip', job12)).toMatchObject({ status: 'needs-lookup', jobId: 99 });
    expect(resolver.classify('jobs/99/2025/10/23/211501/x', job12)).toMatchObject({
      status: 'needs-lookup',
      rule: 'job-fragmented-timestamp',
      jobId: 99,
    });
  });

  it('judges job keys by shape alone when no lookup is given', () => {
    expect(resolver.classify('jobs/12/2025/10/23/211501/x').status).toBe('conforming');
  });

  it('marks the image rule as a transform, not a copy', () => {
    expect(resolver.classify('generated_images/42.png')).toMatchObject({ action: 'transform', artifactType: 'image' });
    expect(resolver.classify('generated_images/42.png')).not.toHaveProperty('jobId');
  });
});

describe('PathResolver: rule order and precision', () => {
  it('reads datasets//training-output/... as a training output, not as a raw dataset', () => {
    expect(resolver.classify('datasets//training-output/j/x')).toMatchObject({
      rule: 'training-output-under-datasets-double-slash',
    });
  });

  it('splits a flat compilation file at its last "-" and only for a known Neo target', () => {
    expect(converted('models/compilation/j/my-model-v2-rasp3b.tar.gz')).toBe('models/compilation/j/rasp3b/model.tar.gz');
    expect(resolver.classify('models/compilation/j/my-model-v2.tar.gz').status).toBe('unknown');
    expect(resolver.classify('models/compilation/j/model-ml_c5-extra.tar.gz').status).toBe('unknown');
  });

  it('moves only the manifests at the top of datasets/', () => {
    expect(resolver.classify('datasets/readme.txt').status).toBe('unknown');
    expect(resolver.classify('datasets/manifests/train.manifest').status).toBe('conforming');
    expect(converted('datasets/cats/train.manifest')).toBe('datasets/raw/cats/train.manifest');
  });

  it('leaves raw/, manifests/ and labeled/ alone', () => {
    for (const key of ['datasets/raw/a.png', 'datasets/manifests/m.jsonl', 'datasets/labeled/l/x.json']) {
      expect(resolver.classify(key)).toEqual({ status: 'conforming', input: key, artifactType: 'dataset' });
    }
  });

  it('collapses runs of "/" only where the rule says so (the datasets// rows)', () => {
    expect(converted('datasets//training-output//j//a///b')).toBe('models/training/j/a/b');
    const c = resolver.classify('datasets/training-output/j/a//b');
    expect(c.status).toBe('invalid');
    if (c.status === 'invalid') {
      expect(c.error).toBeInstanceOf(InvalidKeyError);
      expect((c.error as InvalidKeyError).key).toBe('models/training/j/a//b');
    }
  });

  it('carries spaces, +, %, non-ASCII and even newlines over byte for byte', () => {
    for (const rest of ['a b/c+d%20e.png', 'Ünïcødé/日本/😀.txt', 'line\nbreak.txt', 'tab\there']) {
      expect(converted(`training-output/j/${rest}`)).toBe(`models/training/j/${rest}`);
    }
  });

  it('reports a conversion that would leave the layout as invalid, never moving it there', () => {
    for (const key of ['compilation-output/j/loose-file.txt', 'training-output/my job/x', 'packaged-models/a b/x']) {
      expect(resolver.classify(key).status).toBe('invalid');
    }
  });

  it('reports keys no rule knows as unknown', () => {
    for (const key of ['random/thing', '/leading/slash', 'datasets//other/x', 'results/job_012/run_1.zip', 'results/job_1/run_1.tar']) {
      expect(resolver.classify(key)).toEqual({ status: 'unknown', input: key });
    }
  });

  it('reports impossible keys as invalid with a typed error', () => {
    const long = `training-output/j/${'x'.repeat(1100)}`;
    for (const key of ['', long, 'training-output/j/\ud800']) {
      const c = resolver.classify(key);
      expect(c.status).toBe('invalid');
      if (c.status === 'invalid') expect(c.error).toBeInstanceOf(InvalidKeyError);
    }
  });

  it('turns a lookup that returns an invalid date into an invalid classification, not an exception', () => {
    const c = resolver.classify('results/job_1/run_1.zip', () => new Date('nope'));
    expect(c.status).toBe('invalid');
    if (c.status === 'invalid') expect(c.error).toBeInstanceOf(InvalidTimestampError);
  });

  it('says a key is legacy iff a rule applies to it', () => {
    expect(resolver.isLegacyPath('datasets//training-output/j/x')).toBe(true);
    expect(resolver.isLegacyPath('results/job_1/run_1.zip')).toBe(true);
    expect(resolver.isLegacyPath('models/training/j/x')).toBe(false);
    expect(resolver.isLegacyPath('random/thing')).toBe(false);
    expect(resolver.convertLegacyPath('training-output/j/x')).toEqual(resolver.classify('training-output/j/x'));
  });
});

describe('PathResolver with a bucket prefix', () => {
  const prefixed = new PathResolver(S3PathConfig.create({ prefix: 'team-a' }));

  it('applies the rules below the prefix and keeps it on the new key', () => {
    expect(prefixed.classify('team-a/datasets//training-output/j/x')).toMatchObject({
      status: 'converted',
      output: 'team-a/models/training/j/x',
    });
    expect(prefixed.classify('team-a/results/job_12/run_4.zip', job12)).toMatchObject({
      output: 'team-a/jobs/12/2025/10/23/211500/run_4_results.zip',
    });
  });

  it('leaves keys outside the prefix unknown, legacy-looking or not', () => {
    expect(prefixed.classify('datasets//training-output/j/x').status).toBe('unknown');
    expect(prefixed.classify('models/training/j/x').status).toBe('unknown');
    expect(prefixed.classify('team-a/models/training/j/x').status).toBe('conforming');
  });
});

describe('PathResolver with operator-chosen folders', () => {
  it('targets the configured folders', () => {
    const custom = new PathResolver(S3PathConfig.create({ trainingFolder: 'ml/train', datasetTypes: { raw: 'images', manifests: 'manifests', labeled: 'labeled' } }));
    expect(custom.classify('training-output/j/x')).toMatchObject({ output: 'ml/train/j/x' });
    expect(custom.classify('datasets/cats/a.png')).toMatchObject({ output: 'datasets/images/cats/a.png' });
    expect(custom.classify('datasets/images/cats/a.png').status).toBe('conforming');
  });
});

describe('resolveArtifactPath', () => {
  it('converts legacy URIs and keys, passes new and unknown ones through', () => {
    expect(resolver.resolveArtifactPath('s3://bkt/datasets//training-output/j/x')).toBe('s3://bkt/models/training/j/x');
    expect(resolver.resolveArtifactPath('datasets//training-output/j/x')).toBe('models/training/j/x');
    expect(resolver.resolveArtifactPath('s3://bkt/models/training/j/x')).toBe('s3://bkt/models/training/j/x');
    expect(resolver.resolveArtifactPath('s3://bkt/something/else')).toBe('s3://bkt/something/else');
  });

  it('throws typed errors instead of guessing', () => {
    expect(() => resolver.resolveArtifactPath('results/job_1/run_1.zip')).toThrow(JobLookupRequiredError);
    expect(() => resolver.resolveArtifactPath('training-output/j/a//b')).toThrow(InvalidKeyError);
    expect(() => resolver.resolveArtifactPath('s3://Bad_Bucket/x')).toThrow(/bucket/i);
  });
});
