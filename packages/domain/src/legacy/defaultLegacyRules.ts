import type { LegacyRule } from './LegacyRule';

const DATASETS_EXCEPT_TYPED =
  '{$datasetFolder}/(?!(?:{$datasetTypes.raw}|{$datasetTypes.manifests}|{$datasetTypes.labeled}|training-output|compilation-output)/)';

// The flat file Neo writes, `{model}-{target}.tar.gz`: greedy `model`, so the split is at the
// last `-`; Neo targets never contain a `-`, and the constraint checks the target is known.
const NEO_FILE = '(?<model>[^/]+)-(?<target>[A-Za-z0-9_]+)\\.tar\\.gz';

/**
 * The legacy layouts of DESIGN §6a, every row, most specific first (the first match wins, so
 * `datasets//training-output/...` is a training output, not a raw dataset). Data: an operator
 * can add rules with a JSON file (LegacyRules.fromJson).
 *
 * Built inside a pure function call: bundlers cannot prove template literals side-effect free,
 * so an inline array would stay in every bundle that imports anything from the domain.
 */
export const DEFAULT_LEGACY_RULES: readonly LegacyRule[] = /* @__PURE__ */ (() =>
  deepFreeze<LegacyRule[]>([
  {
    id: 'training-output-under-datasets-double-slash',
    description:
      'Training output written under datasets// by the old path joining bug; the runs of "/" are the bug, so they are collapsed.',
    pattern: '{$datasetFolder}//+training-output/+(?<job>[^/]+)/+(?<rest>.*)',
    target: '{$trainingFolder}/{job}/{rest}',
    collapse: ['rest'],
    action: 'copy',
    artifactType: 'training-output',
    collisionGroup: 'training-output',
  },
  {
    id: 'training-output-under-datasets',
    description: 'Training output mixed into datasets/.',
    pattern: '{$datasetFolder}/training-output/(?<job>[^/]+)/(?<rest>.*)',
    target: '{$trainingFolder}/{job}/{rest}',
    action: 'copy',
    artifactType: 'training-output',
    collisionGroup: 'training-output',
  },
  {
    id: 'training-output',
    description: 'Training output at the top-level training-output/ folder.',
    pattern: 'training-output/(?<job>[^/]+)/(?<rest>.*)',
    target: '{$trainingFolder}/{job}/{rest}',
    action: 'copy',
    artifactType: 'training-output',
    collisionGroup: 'training-output',
  },
  {
    id: 'compilation-output-flat-under-datasets-double-slash',
    description:
      'A Neo output file {model}-{target}.tar.gz under datasets//compilation-output/{job}/: moved to its target folder.',
    pattern: `{$datasetFolder}//+compilation-output/+(?<job>[^/]+)/+${NEO_FILE}`,
    target: '{$compilationFolder}/{job}/{target}/model.tar.gz',
    where: { target: 'neo-target' },
    action: 'copy',
    artifactType: 'compilation-output',
    collisionGroup: 'compilation-output',
  },
  {
    id: 'compilation-output-flat-under-datasets',
    description: 'A Neo output file {model}-{target}.tar.gz under datasets/compilation-output/{job}/.',
    pattern: `{$datasetFolder}/compilation-output/(?<job>[^/]+)/${NEO_FILE}`,
    target: '{$compilationFolder}/{job}/{target}/model.tar.gz',
    where: { target: 'neo-target' },
    action: 'copy',
    artifactType: 'compilation-output',
    collisionGroup: 'compilation-output',
  },
  {
    id: 'compilation-output-flat',
    description: 'A Neo output file {model}-{target}.tar.gz under compilation-output/{job}/.',
    pattern: `compilation-output/(?<job>[^/]+)/${NEO_FILE}`,
    target: '{$compilationFolder}/{job}/{target}/model.tar.gz',
    where: { target: 'neo-target' },
    action: 'copy',
    artifactType: 'compilation-output',
    collisionGroup: 'compilation-output',
  },
  {
    id: 'compilation-output-under-datasets-double-slash',
    description: 'Other compilation output under datasets//compilation-output/; runs of "/" collapsed.',
    pattern: '{$datasetFolder}//+compilation-output/+(?<job>[^/]+)/+(?<rest>.*)',
    target: '{$compilationFolder}/{job}/{rest}',
    collapse: ['rest'],
    action: 'copy',
    artifactType: 'compilation-output',
    collisionGroup: 'compilation-output',
  },
  {
    id: 'compilation-output-under-datasets',
    description: 'Other compilation output mixed into datasets/.',
    pattern: '{$datasetFolder}/compilation-output/(?<job>[^/]+)/(?<rest>.*)',
    target: '{$compilationFolder}/{job}/{rest}',
    action: 'copy',
    artifactType: 'compilation-output',
    collisionGroup: 'compilation-output',
  },
  {
    id: 'compilation-output',
    description: 'Other compilation output at the top-level compilation-output/ folder.',
    pattern: 'compilation-output/(?<job>[^/]+)/(?<rest>.*)',
    target: '{$compilationFolder}/{job}/{rest}',
    action: 'copy',
    artifactType: 'compilation-output',
    collisionGroup: 'compilation-output',
  },
  {
    id: 'compilation-flat-file',
    description:
      'A Neo output file written straight into the job folder (S3OutputLocation = the job folder): split at its last "-" into model and a known Neo target.',
    pattern: `{$compilationFolder}/(?<job>[^/]+)/${NEO_FILE}`,
    target: '{$compilationFolder}/{job}/{target}/model.tar.gz',
    where: { target: 'neo-target' },
    action: 'copy',
    artifactType: 'compilation-output',
    collisionGroup: 'compilation-output',
  },
  {
    id: 'dataset-manifest-at-top',
    description: 'A .manifest or .jsonl file at the top of datasets/: it belongs in datasets/manifests/.',
    pattern: '{$datasetFolder}/(?<file>[^/]+\\.(?:manifest|jsonl))',
    target: '{$datasetFolder}/{$datasetTypes.manifests}/{file}',
    action: 'copy',
    artifactType: 'dataset',
  },
  {
    id: 'dataset-untyped-folder',
    description: 'A dataset folder directly under datasets/ (not raw/, manifests/ or labeled/): it is raw data.',
    pattern: `${DATASETS_EXCEPT_TYPED}(?<other>[^/]+)/(?<rest>.*)`,
    target: '{$datasetFolder}/{$datasetTypes.raw}/{other}/{rest}',
    action: 'copy',
    artifactType: 'dataset',
  },
  {
    id: 'packaged-models',
    description: 'A packaged model: a deployment artifact.',
    pattern: 'packaged-models/(?<name>[^/]+)/(?<rest>.*)',
    target: '{$deploymentFolder}/{name}/{rest}',
    action: 'copy',
    artifactType: 'deployment',
    collisionGroup: 'deployment',
  },
  {
    id: 'greengrass-components',
    description: 'A Greengrass component: a deployment artifact.',
    pattern: 'greengrass-components/(?<name>[^/]+)/(?<rest>.*)',
    target: '{$deploymentFolder}/{name}/{rest}',
    action: 'copy',
    artifactType: 'deployment',
    collisionGroup: 'deployment',
  },
  {
    id: 'run-results',
    description: "Run results of the job platform before JobS3Prefix: moved under the job's prefix.",
    pattern: 'results/job_(?<id>[0-9]+)/run_(?<run>[0-9]+)\\.zip',
    target: '{$jobsFolder}/{id}/{$ts}/run_{run}_results.zip',
    where: { id: 'job-id', run: 'run-id' },
    needsLookup: 'job-created-at',
    action: 'copy',
    artifactType: 'job-artifact',
    collisionGroup: 'job-artifact',
  },
  {
    id: 'job-fragmented-timestamp',
    description:
      "A job artifact under a timestamp other than the job's created_at (each upload used \"now\"): gathered under the job's prefix.",
    pattern: '{$jobsFolder}/(?<id>[0-9]+)/(?<ts>[0-9]{4}/[0-9]{2}/[0-9]{2}/[0-9]{6})/(?<rest>.*)',
    target: '{$jobsFolder}/{id}/{$ts}/{rest}',
    where: { id: 'job-id', ts: 'not-job-timestamp' },
    needsLookup: 'job-created-at',
    action: 'copy',
    artifactType: 'job-artifact',
    collisionGroup: 'job-artifact',
  },
  {
    id: 'generated-image-png',
    description:
      'An assignment image stored as PNG: re-encoded to WebP by the image backfill (a transform, not a copy).',
    pattern: '{$imagesFolder}/(?<id>[^/]+)\\.png',
    target: '{$imagesFolder}/{id}.webp',
    where: { id: 'segment' },
    action: 'transform',
    artifactType: 'image',
  },
  ]))();

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
