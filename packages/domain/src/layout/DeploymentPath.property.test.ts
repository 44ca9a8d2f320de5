import fc from 'fast-check';
import { deploymentNameArb, pathConfigArb } from '../../../../tooling/test-harness/src/arbitraries';
import { DEPLOYMENT_ARTIFACTS, S3PathBuilder } from './S3PathBuilder';

describe('Property 4: deployment artifact path structure', () => {
  it('the artifacts of any deployment are under deployments/{name}/', () => {
    fc.assert(
      fc.property(pathConfigArb, deploymentNameArb, fc.constantFrom(...DEPLOYMENT_ARTIFACTS), (config, name, artifact) => {
        const b = new S3PathBuilder(config);
        const folder = config.withPrefix(`deployments/${name}/`);
        expect(b.deploymentPath(name).key.value).toBe(folder);
        expect(b.deploymentArtifactKey(name, artifact).value).toBe(`${folder}${artifact}`);
      }),
      { numRuns: 200 },
    );
  });
});
