import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = new URL('../../../', import.meta.url).pathname;
const run = promisify(execFile);

/** `COPY [--chown=…] src… dest` lines of the image's last stage, without `--from` copies. */
function runtimeCopies(dockerfile: string): { sources: string[]; destination: string }[] {
  const stages = dockerfile.split(/^FROM\s/m);
  const runtime = stages.at(-1) ?? '';
  return runtime
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => /^COPY\s/.test(line) && !/--from=/.test(line))
    .map((line) => {
      const parts = line
        .split(/\s+/)
        .slice(1)
        .filter((part) => !part.startsWith('--'));
      return { sources: parts.slice(0, -1), destination: parts.at(-1) ?? '' };
    });
}

/** The modules an entry file imports, as specifiers importable from the image's root. */
async function importsOf(entry: string): Promise<string[]> {
  const source = await readFile(join(root, entry), 'utf8');
  const specifiers = [...source.matchAll(/^import\s[^;]*?from\s+'([^']+)'/gms)].map(
    (match) => match[1] ?? '',
  );
  return specifiers
    .filter((specifier) => specifier.startsWith('.') || specifier.startsWith('#'))
    .map((specifier) =>
      specifier.startsWith('.') ? `./${join(dirname(entry), specifier)}` : specifier,
    );
}

/**
 * No Docker engine runs here: the image's file set is rebuilt from the Dockerfile's COPY lines
 * in a temporary folder (dependencies linked in), and everything the API's and the worker's
 * entry points import must load from it. A folder the server imports but the image leaves out
 * fails here instead of in the container.
 */
describe('the production image', () => {
  let image: string;

  beforeAll(async () => {
    image = await mkdtemp(join(tmpdir(), 'acorn-image-'));
    const dockerfile = await readFile(join(root, 'Dockerfile'), 'utf8');
    for (const { sources, destination } of runtimeCopies(dockerfile)) {
      for (const source of sources) {
        const target = destination.endsWith('/')
          ? join(image, destination, source)
          : join(image, destination);
        await mkdir(dirname(target), { recursive: true });
        await cp(join(root, source), target, { recursive: true });
      }
    }
    await symlink(join(root, 'node_modules'), join(image, 'node_modules'));
  });
  afterAll(async () => {
    if (image) await rm(image, { recursive: true, force: true });
  });

  it('reads the runtime stage’s copies', () => {
    const copies = runtimeCopies(
      'FROM a AS b\nCOPY x ./x\nFROM c\nCOPY --from=b /y ./y\nCOPY p q ./\n',
    );
    expect(copies).toEqual([{ sources: ['p', 'q'], destination: './' }]);
  });

  it('copies nothing .dockerignore leaves out of the build context, and no key material', async () => {
    const ignored = (await readFile(join(root, '.dockerignore'), 'utf8'))
      .split('\n')
      .filter(Boolean);
    const dockerfile = await readFile(join(root, 'Dockerfile'), 'utf8');
    const sources = runtimeCopies(dockerfile).flatMap(({ sources: copied }) => copied);
    for (const source of sources) expect(ignored, source).not.toContain(source);
    expect(ignored).toEqual(expect.arrayContaining(['data', '.env', '*.pem', '*.key']));
  });

  it('holds everything the API’s and the worker’s entry points import', async () => {
    const modules = [
      ...(await importsOf('server/main.ts')),
      ...(await importsOf('worker/main.ts')),
    ];
    expect(modules).toContain('./policies/shipped-policies.ts');
    const script = join(image, 'import-entry-modules.mjs');
    await writeFile(
      script,
      `for (const module of ${JSON.stringify(modules)}) await import(module);\n`,
    );
    const { stderr } = await run(process.execPath, ['--import', 'tsx', script], {
      cwd: image,
      env: { ...process.env, NODE_ENV: 'production' },
    }).catch((error: { stderr?: string; message: string }) => {
      throw new Error(error.stderr || error.message);
    });
    expect(stderr).not.toMatch(/Error/);
  }, 120_000);
});
