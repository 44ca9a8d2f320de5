// Spec 000 task 5 / spec 001 req 1.4, 5.3: a deployment is `model.tar.gz`, `config.json` and
// `component.zip` under `deployments/{name}/`. The compiled model is copied server-side (it can
// be large); the two small files are built here.
import { Readable } from 'node:stream';
import { S3PathBuilder, S3Uri, type DeploymentArtifact } from '@edgecv/domain';
import type { Clock } from '../ports/Clock';
import type { CompilationRecordRepository } from '../ports/CompilationRecordRepository';
import type { DeploymentRecordRepository } from '../ports/DeploymentRecordRepository';
import type { ObjectStore } from '../ports/ObjectStore';
import { LAUNCHER_FILE } from './componentRecipe';
import { CurrentUris } from './currentUri';
import { ArtifactNotReadyError, CompilationJobNotFoundError, DeploymentAlreadyExistsError } from './EdgeErrors';
import type { EdgeSettings } from './EdgeSettings';
import { neoTarget } from './sageMakerNames';
import { storedZip } from './storedZip';

export interface PackageDeploymentInput {
  readonly name: string;
  readonly compilationJob: string;
  readonly target: string;
  /** Free-form settings for the device, written into config.json. */
  readonly parameters?: Readonly<Record<string, unknown>>;
}

export interface PackagedDeployment {
  readonly name: string;
  /** `s3://bucket/[P/]deployments/{name}/`. */
  readonly deploymentUri: string;
  readonly modelUri: string;
  readonly configUri: string;
  readonly componentZipUri: string;
  readonly sourceModelUri: string;
}

const LAUNCHER = `#!/bin/sh
# edgecv component launcher: $1 is the compiled model archive, $2 the deployment config.
set -eu
MODEL_DIR="\${EDGECV_MODEL_DIR:-$(pwd)/model}"
mkdir -p "$MODEL_DIR"
tar -xzf "$1" -C "$MODEL_DIR"
if [ -n "\${EDGECV_INFERENCE_COMMAND:-}" ]; then exec $EDGECV_INFERENCE_COMMAND "$MODEL_DIR" "$2"; fi
echo "edgecv: model ready in $MODEL_DIR (config $2); set EDGECV_INFERENCE_COMMAND to serve it"
`;

export class PackageDeployment {
  private readonly paths: S3PathBuilder;
  private readonly uris: CurrentUris;

  constructor(
    private readonly store: ObjectStore,
    private readonly compilations: CompilationRecordRepository,
    private readonly deployments: DeploymentRecordRepository,
    private readonly clock: Clock,
    private readonly settings: Pick<EdgeSettings, 'bucket' | 'pathConfig'>,
  ) {
    this.paths = new S3PathBuilder(settings.pathConfig);
    this.uris = new CurrentUris(settings.pathConfig);
  }

  /**
   * Throws InvalidSegmentError, InvalidTargetError, CompilationJobNotFoundError, ArtifactNotReadyError,
   * DeploymentAlreadyExistsError, or the store's error.
   */
  async execute(input: PackageDeploymentInput): Promise<PackagedDeployment> {
    const key = (artifact: DeploymentArtifact) => this.paths.deploymentArtifactKey(input.name, artifact);
    const target = neoTarget(input.target);
    const [modelKey, configKey, zipKey] = [key('model.tar.gz'), key('config.json'), key('component.zip')];
    if ((await this.deployments.find(input.name)) !== undefined) throw new DeploymentAlreadyExistsError(input.name);
    const compiled = (await this.compilations.listTargets(input.compilationJob)).find((r) => r.target === target);
    if (compiled === undefined) throw new CompilationJobNotFoundError(input.compilationJob, target);
    if (compiled.state !== 'COMPLETED') throw new ArtifactNotReadyError(`compilation ${input.compilationJob}/${target}`, compiled.state);

    const { bucket } = this.settings;
    const source = S3Uri.parse(this.uris.of(compiled.outputUri));
    await this.store.copy({ bucket: source.bucket, key: source.key.value }, { bucket, key: modelKey.value });
    const createdAt = this.clock.now();
    const config = {
      deployment: input.name,
      compilationJob: input.compilationJob,
      target,
      framework: compiled.framework,
      model: { file: 'model.tar.gz', sourceUri: source.toString() },
      parameters: input.parameters ?? {},
      createdAt: createdAt.toISOString(),
    };
    const configJson = `${JSON.stringify(config, null, 2)}\n`;
    await this.put(configKey.value, configJson, 'application/json');
    await this.put(zipKey.value, storedZip([{ name: LAUNCHER_FILE, data: LAUNCHER, mode: 0o755 }, { name: 'config.json', data: configJson }]), 'application/zip');

    const uri = (k: typeof modelKey) => this.paths.uriOf(k).toString();
    const artifactUris = [uri(modelKey), uri(configKey), uri(zipKey)];
    await this.deployments.create({ name: input.name, artifactUris, compilationJob: input.compilationJob, target, createdAt });
    return {
      name: input.name,
      deploymentUri: this.paths.deploymentPath(input.name).toString(),
      modelUri: uri(modelKey),
      configUri: uri(configKey),
      componentZipUri: uri(zipKey),
      sourceModelUri: source.toString(),
    };
  }

  private async put(key: string, body: string | Buffer, contentType: string): Promise<void> {
    await this.store.putStream(this.settings.bucket, key, Readable.from([Buffer.from(body)]), { contentType });
  }
}
