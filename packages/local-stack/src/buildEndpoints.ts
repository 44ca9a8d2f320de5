import { environmentEndpoints, stackCredentials } from './environmentEndpoints';
import { mongoUri, motoEndpoint } from './localServers';
import type { ServiceName, StackEndpoints } from './StackEndpoints';

/** What the environment names, and which services are therefore left to the local stack. */
export function splitServices(env: NodeJS.ProcessEnv, wanted: readonly ServiceName[]) {
  const given = environmentEndpoints(env);
  const external: Record<ServiceName, boolean> = {
    s3: given.s3 !== undefined,
    dynamodb: given.dynamodb !== undefined,
    mongodb: given.mongodb !== undefined,
  };
  const local = wanted.filter((service) => !external[service]);
  return {
    given,
    external,
    local,
    needMoto: local.includes('s3') || local.includes('dynamodb'),
    needMongo: local.includes('mongodb'),
    credentials: stackCredentials(env, Object.values(external).some(Boolean)),
  };
}

/** Endpoints from the environment where it names a server, else from the local ports (empty when not started). */
export function buildEndpoints(
  env: NodeJS.ProcessEnv,
  dataDir: string,
  ports: { moto?: number; mongodb?: number },
): StackEndpoints {
  const { given, external, credentials } = splitServices(env, []);
  return {
    s3: given.s3 ?? (ports.moto !== undefined ? motoEndpoint(ports.moto) : ''),
    dynamodb: given.dynamodb ?? (ports.moto !== undefined ? motoEndpoint(ports.moto) : ''),
    mongodb: given.mongodb ?? (ports.mongodb !== undefined ? mongoUri(ports.mongodb) : ''),
    ...credentials,
    dataDir,
    external,
  };
}
