import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { packageDir } from './paths';
import { runCommand } from './runCommand';
import { MONGO_JAVA_SERVER_VERSION } from './versions';

const MARKER = '.edgecv-installed';
const javaDir = path.join(packageDir, 'java');
const pomFile = path.join(javaDir, 'pom.xml');
const launcherSource = path.join(javaDir, 'src', 'main', 'java', 'edgecv', 'localstack', 'Launcher.java');

/** How to run the installed mongo-java-server through our launcher. */
export interface MongoInstallation {
  dir: string;
  java: string;
  classpath: string;
  mainClass: string;
}

/** The folder name carries a hash of the pom and launcher, so editing either rebuilds. */
export async function mongoInstallation(cacheDir: string, env: NodeJS.ProcessEnv = process.env): Promise<MongoInstallation> {
  const hash = createHash('sha256');
  hash.update(await fs.readFile(pomFile));
  hash.update(await fs.readFile(launcherSource));
  const dir = path.join(cacheDir, `mongo-java-server-${MONGO_JAVA_SERVER_VERSION}-${hash.digest('hex').slice(0, 10)}`);
  return {
    dir,
    java: env.JAVA_HOME ? path.join(env.JAVA_HOME, 'bin', 'java') : 'java',
    classpath: [path.join(dir, 'classes'), path.join(dir, 'lib', '*')].join(path.delimiter),
    mainClass: 'edgecv.localstack.Launcher',
  };
}

export async function isMongoInstalled(cacheDir: string, env?: NodeJS.ProcessEnv): Promise<boolean> {
  const { dir } = await mongoInstallation(cacheDir, env);
  try {
    await fs.access(path.join(dir, MARKER));
    return true;
  } catch {
    return false;
  }
}

/** Resolves the jars from Maven Central and compiles the launcher. Call under the install lock. */
export async function installMongo(cacheDir: string, log: (line: string) => void, env: NodeJS.ProcessEnv): Promise<void> {
  if (await isMongoInstalled(cacheDir, env)) return;
  const { dir } = await mongoInstallation(cacheDir, env);
  await fs.rm(dir, { recursive: true, force: true });
  await fs.mkdir(dir, { recursive: true });
  log(`installing mongo-java-server ${MONGO_JAVA_SERVER_VERSION} into ${dir} (maven, javac)`);
  const mvn = env.EDGECV_MVN || 'mvn';
  await runCommand(
    mvn,
    [
      '-q',
      '-B',
      '-f',
      pomFile,
      'dependency:copy-dependencies',
      `-DoutputDirectory=${path.join(dir, 'lib')}`,
      '-DincludeScope=runtime',
    ],
    { env },
  );
  const javac = env.JAVA_HOME ? path.join(env.JAVA_HOME, 'bin', 'javac') : 'javac';
  await runCommand(
    javac,
    ['--release', '17', '-nowarn', '-cp', path.join(dir, 'lib', '*'), '-d', path.join(dir, 'classes'), launcherSource],
    { env },
  );
  await fs.writeFile(path.join(dir, MARKER), JSON.stringify({ mongoJavaServer: MONGO_JAVA_SERVER_VERSION, at: new Date().toISOString() }));
  log(`mongo-java-server ${MONGO_JAVA_SERVER_VERSION} installed`);
}
