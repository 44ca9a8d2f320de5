import { Edgecv, stackEnvironment } from '@edgecv/container';
import { type StackEndpoints } from '@edgecv/local-stack';
import { type CliContext } from '../context';

/** The container for a command, pointed at the resolved servers; `--bucket` wins over the environment. */
export function openEdgecv(endpoints: StackEndpoints, ctx: CliContext, bucket?: string): Edgecv {
  return Edgecv.fromEnv(stackEnvironment(endpoints, ctx.env), bucket ? { artifactBucket: bucket } : {});
}
