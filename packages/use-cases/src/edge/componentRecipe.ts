// The Greengrass recipe of a deployment: its artifacts are exactly the deployment's files under
// `deployments/{name}/`, so a device fetches what packaging wrote and nothing else.
import type { ComponentRecipe } from '../ports/ComponentPublisher';

export interface RecipeInput {
  readonly componentName: string;
  readonly componentVersion: string;
  readonly deployment: string;
  readonly modelUri: string;
  readonly configUri: string;
  readonly componentZipUri: string;
  readonly target: string;
}

/** The launcher inside component.zip; the recipe runs it with the model and config paths. */
export const LAUNCHER_FILE = 'run.sh';

export function componentRecipe(input: RecipeInput): ComponentRecipe {
  return {
    RecipeFormatVersion: '2020-01-25',
    ComponentName: input.componentName,
    ComponentVersion: input.componentVersion,
    ComponentDescription: `edgecv deployment ${input.deployment} (${input.target})`,
    ComponentPublisher: 'edgecv',
    ComponentConfiguration: { DefaultConfiguration: { deployment: input.deployment, target: input.target } },
    Manifests: [
      {
        Platform: { os: 'linux' },
        Lifecycle: {
          Run: `sh {artifacts:decompressedPath}/component/${LAUNCHER_FILE} {artifacts:path}/model.tar.gz {artifacts:path}/config.json`,
        },
        Artifacts: [
          { Uri: input.modelUri, Unarchive: 'NONE' },
          { Uri: input.configUri, Unarchive: 'NONE' },
          { Uri: input.componentZipUri, Unarchive: 'ZIP' },
        ],
      },
    ],
  };
}
