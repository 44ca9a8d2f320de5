// Sample data for the demo (`npm start`): a bucket as the Edge CV portal and the job platform
// left it before edgecv, with the DynamoDB records that point into it. Every legacy row of
// DESIGN §6a is represented, plus keys with spaces, `+`, `%` and non-ASCII characters.
import { JobS3Prefix, S3PathBuilder, S3PathConfig } from '@edgecv/domain';
import type { Clock } from '../ports/Clock';
import type { CompilationRecordRepository } from '../ports/CompilationRecordRepository';
import type { DeploymentRecordRepository } from '../ports/DeploymentRecordRepository';
import type { JobRepository } from '../ports/JobRepository';
import type { ObjectStore } from '../ports/ObjectStore';
import type { TrainingRecordRepository } from '../ports/TrainingRecordRepository';

export interface SeedLegacyBucketDeps {
  readonly store: ObjectStore;
  readonly jobs: JobRepository;
  readonly training: TrainingRecordRepository;
  readonly compilation: CompilationRecordRepository;
  readonly deployments: DeploymentRecordRepository;
  readonly clock: Clock;
}

export interface SeedSummary {
  readonly bucket: string;
  readonly objects: number;
  readonly bytes: number;
  readonly records: number;
  readonly jobId: number;
  /** Where the seeded artifacts belong in the edgecv layout, once migrated (s3:// URIs). */
  readonly layout: {
    readonly trainingJob: string;
    readonly trainingOutput: string;
    readonly compilationJob: string;
    readonly target: string;
    readonly compiledModel: string;
    readonly deployment: string;
    readonly deploymentFolder: string;
    readonly jobPrefix: string;
    readonly runId: number;
    readonly runResults: string;
  };
}

const TRAINING_JOB = 'yolo-defects-7';
const COMPILATION_JOB = 'yolo-defects-7-neo';
const DEPLOYMENT = 'line-3';
const TARGET = 'jetson_nano';
const JOB_CREATED_AT = new Date('2025-10-23T21:15:00Z');
/** The run whose results the old scheme stored as results/job_{id}/run_{run}.zip. */
const LEGACY_RESULTS_RUN = 4;

export class SeedLegacyBucket {
  constructor(private readonly deps: SeedLegacyBucketDeps) {}

  async execute(input: { bucket: string; jobId?: number }): Promise<SeedSummary> {
    const { store, clock } = this.deps;
    const { bucket } = input;
    const uri = (key: string) => `s3://${bucket}/${key}`;
    const now = clock.now();
    // The job platform: a job created at a fixed time, whose run results were stored by the old scheme.
    const job = await this.deps.jobs.findById(input.jobId ?? 12).then(
      (existing) => existing ?? this.deps.jobs.create({ ...(input.jobId !== undefined ? { id: input.jobId } : { id: 12 }), createdAt: JOB_CREATED_AT, name: 'demo' }),
    );
    const jobPrefix = JobS3Prefix.fromJob(job);
    const jobTs = jobPrefix.basePrefix.slice(`jobs/${job.id}/`.length);

    const objects: [string, string, string][] = [
      [`datasets//training-output/${TRAINING_JOB}/output/model.tar.gz`, 'application/gzip', 'trained model weights'],
      [`datasets//training-output/${TRAINING_JOB}/metadata.json`, 'application/json', '{"epochs":40,"map50":0.91}'],
      [`datasets/compilation-output/${COMPILATION_JOB}/model-jetson_nano.tar.gz`, 'application/gzip', 'compiled for jetson nano'],
      [`models/compilation/${COMPILATION_JOB}/model-jetson_xavier.tar.gz`, 'application/gzip', 'compiled for jetson xavier'],
      ['datasets/train.manifest', 'application/json', '{"source-ref":"s3://bucket/datasets/raw/line-3 photos/img 001+a%20b.jpg"}'],
      ['datasets/line-3 photos/img 001+a%20b.jpg', 'image/jpeg', 'jpeg bytes'],
      ['datasets/line-3 photos/Ünïcødé 画像.jpg', 'image/jpeg', 'more jpeg bytes'],
      [`packaged-models/${DEPLOYMENT}/config.json`, 'application/json', '{"target":"jetson_nano"}'],
      [`greengrass-components/${DEPLOYMENT}/component.zip`, 'application/zip', 'component archive'],
      [`results/job_${job.id}/run_${LEGACY_RESULTS_RUN}.zip`, 'application/zip', `run ${LEGACY_RESULTS_RUN} results`],
      [`jobs/${job.id}/2025/10/23/211501/run_5_config.json`, 'application/json', '{"run":5}'],
      [`jobs/${job.id}/${jobTs}/job_config.json`, 'application/json', '{"job":12}'],
      ['datasets/raw/already-conforming.jpg', 'image/jpeg', 'conforming'],
    ];
    let bytes = 0;
    for (const [key, contentType, body] of objects) {
      const r = await store.putIfAbsent(bucket, key, body, {
        contentType,
        cacheControl: 'max-age=3600',
        metadata: { 'seeded-by': 'edgecv-demo' },
        tags: { project: 'edge-cv' },
      });
      if (r.created) bytes += r.size;
    }

    // Records written by the old Lambdas, still pointing at the legacy keys.
    let records = 0;
    if (!(await this.deps.training.find(TRAINING_JOB))) {
      await this.deps.training.create({
        jobName: TRAINING_JOB,
        state: 'Completed',
        outputUri: uri(`datasets//training-output/${TRAINING_JOB}/`),
        modelArtifactUri: uri(`datasets//training-output/${TRAINING_JOB}/output/model.tar.gz`),
        inputDataUri: uri('datasets/train.manifest'),
        trainingImage: '763104351884.dkr.ecr.us-east-1.amazonaws.com/pytorch-training:2.1-gpu-py310',
        instanceType: 'ml.g4dn.xlarge',
        createdAt: now,
        updatedAt: now,
      });
      records++;
    }
    if ((await this.deps.compilation.listTargets(COMPILATION_JOB)).length === 0) {
      const base = { jobName: COMPILATION_JOB, state: 'COMPLETED' as const, framework: 'PYTORCH', createdAt: now, updatedAt: now, sourceModelUri: uri(`datasets//training-output/${TRAINING_JOB}/output/model.tar.gz`) };
      await this.deps.compilation.createAll([
        { ...base, target: TARGET, neoJobName: `${COMPILATION_JOB}-jetson-nano`, outputUri: uri(`datasets/compilation-output/${COMPILATION_JOB}/model-jetson_nano.tar.gz`) },
        { ...base, target: 'jetson_xavier', neoJobName: `${COMPILATION_JOB}-jetson-xavier`, outputUri: uri(`models/compilation/${COMPILATION_JOB}/model-jetson_xavier.tar.gz`) },
      ]);
      records += 2;
    }
    if (!(await this.deps.deployments.find(DEPLOYMENT))) {
      await this.deps.deployments.create({
        name: DEPLOYMENT,
        artifactUris: [
          uri(`datasets/compilation-output/${COMPILATION_JOB}/model-jetson_nano.tar.gz`),
          uri(`packaged-models/${DEPLOYMENT}/config.json`),
          uri(`greengrass-components/${DEPLOYMENT}/component.zip`),
        ],
        compilationJob: COMPILATION_JOB,
        target: TARGET,
        createdAt: now,
      });
      records++;
    }
    const builder = new S3PathBuilder(S3PathConfig.create({ bucket }));
    return {
      bucket,
      objects: objects.length,
      bytes,
      records,
      jobId: job.id,
      layout: {
        trainingJob: TRAINING_JOB,
        trainingOutput: builder.trainingOutputPath(TRAINING_JOB).toString(),
        compilationJob: COMPILATION_JOB,
        target: TARGET,
        compiledModel: builder.uriOf(builder.compiledModelKey(COMPILATION_JOB, TARGET)).toString(),
        deployment: DEPLOYMENT,
        deploymentFolder: builder.deploymentPath(DEPLOYMENT).toString(),
        jobPrefix: uri(jobPrefix.folder),
        runId: LEGACY_RESULTS_RUN,
        runResults: uri(jobPrefix.runResultsKey(LEGACY_RESULTS_RUN).value),
      },
    };
  }
}
