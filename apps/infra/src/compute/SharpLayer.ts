// sharp for the Lambda platform (linux-x64, glibc) as a layer: the packages the workspace's own
// `pnpm install` fetched, copied as real files (apps/lambdas' copySharpForLambda). Nothing is
// downloaded at synth time, so `pnpm synth` works without a network. Asset bundling is skipped
// where CDK skips it (template-only tests).
import { AssetHashType, DockerImage, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import path from 'node:path';
import { Construct, type IConstruct } from 'constructs';
import { copySharpForLambda, sharpVersion } from '@edgecv/lambdas/bundling/sharpForLambda';

const ID = 'Sharp';

export class SharpLayer extends Construct {
  /** The stack's layer, created with the first function that declares sharp. */
  static of(scope: IConstruct): lambda.LayerVersion {
    const stack = Stack.of(scope);
    const existing = stack.node.tryFindChild(ID);
    return (existing instanceof SharpLayer ? existing : new SharpLayer(stack, ID)).layer;
  }

  readonly layer: lambda.LayerVersion;

  private constructor(scope: Construct, id: string) {
    super(scope, id);
    const version = sharpVersion();
    this.layer = new lambda.LayerVersion(this, 'Layer', {
      description: `sharp ${version} for linux-x64 (glibc)`,
      compatibleRuntimes: [lambda.Runtime.NODEJS_24_X],
      compatibleArchitectures: [lambda.Architecture.X86_64],
      code: lambda.Code.fromAsset(__dirname, {
        // The content is a function of the sharp version (its binaries are pinned by it).
        assetHashType: AssetHashType.CUSTOM,
        assetHash: `sharp-${version}-linux-x64-glibc`,
        bundling: {
          image: DockerImage.fromRegistry('edgecv-local-bundling-only'),
          local: {
            tryBundle(outputDir: string): boolean {
              // Node's module path in Lambda includes /opt/nodejs/node_modules.
              copySharpForLambda(path.join(outputDir, 'nodejs', 'node_modules'));
              return true;
            },
          },
        },
      }),
    });
  }
}
