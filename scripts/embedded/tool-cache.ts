import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const TEMPORAL_CLI_VERSION = 'v1.5.1';
export const FERRETDB_VERSION = 'v1.24.2';
const FERRETDB_COMMIT = 'cda72d440810406a208c4670aa7047f5bc8d528f';
/** Names the build: a binary built without FERRETDB_ID_INDEX_FIX is not reused. */
const FERRETDB_BUILD = `${FERRETDB_VERSION}-id-index`;
const MINIMUM_GO = [1, 25] as const;

/** Outside the repo, so every clone on this machine shares one build of each tool. */
export function toolCacheDir(): string {
  const base = process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache');
  return process.env.ACORN_TOOL_CACHE ?? join(base, 'acorn-flow', 'tools');
}

export const temporalCliPath = () =>
  join(toolCacheDir(), `temporal-${TEMPORAL_CLI_VERSION}`, 'temporal');
export const ferretDbPath = () => join(toolCacheDir(), `ferretdb-${FERRETDB_BUILD}`, 'ferretdb');

/**
 * FerretDB v1's SQLite backend filters an exact `_id` as `_ferretdb_sjson->'$._id' = ?`, while
 * the unique `_id` index is on `_ferretdb_sjson->"_id"`: the same value, but SQLite matches
 * index expressions by their text, so every find, update and delete by `_id` scanned the whole
 * table (bench:ferretdb-id). Writing the filter as the index is written lets SQLite use it.
 */
const FERRETDB_ID_INDEX_FIX = {
  file: join('internal', 'backends', 'sqlite', 'metadata', 'metadata.go'),
  from: `IDColumn = DefaultColumn + "->'$._id'"`,
  to: `IDColumn = DefaultColumn + "->'_id'"`,
};

export async function ensureTemporalCli(log: (line: string) => void): Promise<string> {
  const target = temporalCliPath();
  if (await exists(target)) return target;
  log(`building Temporal CLI ${TEMPORAL_CLI_VERSION} with Go (once per machine, a few minutes)…`);
  await requireGo();
  await buildInto(target, async (outDir) => {
    await run(
      'go',
      [
        'install',
        '-trimpath',
        '-ldflags',
        `-X github.com/temporalio/cli/temporalcli.Version=${TEMPORAL_CLI_VERSION.slice(1)}`,
        `github.com/temporalio/cli/cmd/temporal@${TEMPORAL_CLI_VERSION}`,
      ],
      { env: goEnv({ GOBIN: outDir }), maxBuffer: 64 * 1024 * 1024 },
    );
  });
  return target;
}

/**
 * `go install …/ferretdb@v1.24.2` fails here twice over: the proxy refuses the module's version
 * list (needed for the deprecation check) and the module zip lacks the generated
 * build/version/version.txt that FerretDB panics without. So: download the exact version, add
 * the version file a release build would have, and build it.
 */
export async function ensureFerretDb(log: (line: string) => void): Promise<string> {
  const target = ferretDbPath();
  if (await exists(target)) return target;
  log(`building FerretDB ${FERRETDB_VERSION} with Go (once per machine, a minute or two)…`);
  await requireGo();
  await buildInto(target, async (outDir) => {
    const module = `github.com/FerretDB/FerretDB@${FERRETDB_VERSION}`;
    const { stdout } = await run('go', ['mod', 'download', '-json', module], { env: goEnv({}) });
    const source = join(outDir, 'src');
    await cp(JSON.parse(stdout).Dir as string, source, { recursive: true });
    await run('chmod', ['-R', 'u+w', source]);
    const versionDir = join(source, 'build', 'version');
    await writeFile(join(versionDir, 'version.txt'), `${FERRETDB_VERSION}\n`);
    await writeFile(join(versionDir, 'commit.txt'), `${FERRETDB_COMMIT}\n`);
    await patchSource(source, FERRETDB_ID_INDEX_FIX);
    await run('go', ['build', '-trimpath', '-o', join(outDir, 'ferretdb'), './cmd/ferretdb'], {
      cwd: source,
      env: goEnv({}),
      maxBuffer: 64 * 1024 * 1024,
    });
  });
  return target;
}

async function patchSource(
  source: string,
  fix: { file: string; from: string; to: string },
): Promise<void> {
  const path = join(source, fix.file);
  const text = await readFile(path, 'utf8');
  if (!text.includes(fix.from)) throw new Error(`${fix.file} no longer has ${fix.from}`);
  await writeFile(path, text.replace(fix.from, fix.to));
}

async function buildInto(target: string, build: (outDir: string) => Promise<void>): Promise<void> {
  const binaryName = target.split('/').at(-1) as string;
  const targetDir = join(target, '..');
  const outDir = await mkdtemp(join(tmpdir(), 'acorn-tool-'));
  try {
    await build(outDir);
    await mkdir(targetDir, { recursive: true });
    // rename is atomic, so a concurrent start or test run sees either no binary or a whole one.
    await cp(join(outDir, binaryName), `${target}.partial`);
    await rename(`${target}.partial`, target);
  } finally {
    await rm(outDir, { recursive: true, force: true });
  }
}

function goEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  return { ...process.env, CGO_ENABLED: '0', GOFLAGS: '-buildvcs=false', ...extra };
}

async function requireGo(): Promise<void> {
  const fix =
    'Install Go 1.25 or newer (Debian: `apt-get install golang-go` from a release that ships ' +
    '≥1.25, or the tarball from go.dev/dl) so it is on PATH, then run the command again. ' +
    'Go is needed once per machine to build the Temporal CLI and FerretDB into ' +
    `${toolCacheDir()}. Or set TEMPORAL_ADDRESS and MONGODB_URI to use servers you already run.`;
  let version: string;
  try {
    version = (await run('go', ['env', 'GOVERSION'])).stdout.trim();
  } catch {
    throw new Error(`Go was not found on PATH. ${fix}`);
  }
  const [major = 0, minor = 0] = version.replace(/^go/, '').split('.').map(Number);
  if (major < MINIMUM_GO[0] || (major === MINIMUM_GO[0] && minor < MINIMUM_GO[1])) {
    throw new Error(
      `Found ${version}, but the Temporal CLI ${TEMPORAL_CLI_VERSION} needs Go ≥1.25. ${fix}`,
    );
  }
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}
