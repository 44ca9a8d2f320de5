// sharp for the Lambda platform (linux-x64, glibc) as a layer, installed at synth time by npm
// from the registry (npm, not pnpm: real files, no symlinks), never by Docker. The version is the
// one the workspace tests with. Asset bundling is skipped where CDK skips it (tests), so tests
// never install anything.
import { createRequire } from 'node:module';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { AssetHashType, DockerImage } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { REPO_ROOT } from './paths';

/** The sharp version @edgecv/infrastructure resolves (its exports hide package.json). */
export function workspaceSharpVersion(): string {
  const requireFromInfra = createRequire(path.join(REPO_ROOT, 'packages', 'infrastructure', 'package.json'));
  let dir = path.dirname(requireFromInfra.resolve('sharp'));
  while (!existsSync(path.join(dir, 'package.json')) || JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')).name !== 'sharp') {
    const up = path.dirname(dir);
    if (up === dir) throw new Error('sharp is not installed in the workspace');
    dir = up;
  }
  return JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')).version as string;
}

export class SharpLayer extends Construct {
  readonly layer: lambda.LayerVersion;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const version = workspaceSharpVersion();
    this.layer = new lambda.LayerVersion(this, 'Layer', {
      description: `sharp ${version} for linux-x64 (glibc)`,
      compatibleRuntimes: [lambda.Runtime.NODEJS_24_X],
      compatibleArchitectures: [lambda.Architecture.X86_64],
      code: lambda.Code.fromAsset(__dirname, {
        assetHashType: AssetHashType.CUSTOM,
        assetHash: `sharp-${version}-linux-x64-glibc`,
        bundling: {
          image: DockerImage.fromRegistry('unused-local-bundling-only'),
          local: {
            tryBundle(outputDir: string): boolean {
              execFileSync(
                'npm',
                ['install', `sharp@${version}`, '--prefix', path.join(outputDir, 'nodejs'), '--os=linux', '--cpu=x64', '--libc=glibc', '--omit=dev', '--no-package-lock', '--no-audit', '--no-fund', '--install-links'],
                { stdio: ['ignore', 'inherit', 'inherit'] },
              );
              return true;
            },
          },
        },
      }),
    });
  }
}
