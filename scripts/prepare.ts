import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'vite';
import { ensureFerretDb, ensureTemporalCli } from './embedded/tool-cache.ts';

const log = (line: string) => console.log(`[setup] ${line}`);
const CHROMIUM = '/usr/bin/chromium';
const CJK_FONT = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';
const root = new URL('..', import.meta.url).pathname;
const designerDir = join(root, 'designer');
const flowLanguageDir = join(root, 'flow-language');
const apiContractDir = join(root, 'api-contract');

// Tests always start their own servers; `npm start` needs only those it will run itself.
const forTests = process.argv.includes('--for-tests');
await Promise.all([
  forTests || !process.env.TEMPORAL_ADDRESS ? ensureTemporalCli(log) : undefined,
  forTests || !process.env.MONGODB_URI ? ensureFerretDb(log) : undefined,
]);

if (forTests) {
  ensureChromium();
  ensureCjkFont();
}

if (await designerIsStale()) {
  log('building the designer…');
  // Always React's production build: run from the test suite, NODE_ENV is `test`, and Vite
  // would bundle the development build that `npm start` then keeps serving.
  process.env.NODE_ENV = 'production';
  await build({
    configFile: join(designerDir, 'vite.config.ts'),
    mode: 'production',
    logLevel: 'warn',
  });
}

/** The browser tests drive Debian's Chromium; Playwright's own browser downloads are not used. */
function ensureChromium(): void {
  ensureDebianPackage('chromium', CHROMIUM, 'The browser tests need Chromium');
}

/** Without a CJK font Chromium draws the Chinese screens (and their screenshots) as empty boxes. */
function ensureCjkFont(): void {
  ensureDebianPackage('fonts-noto-cjk', CJK_FONT, 'The browser tests need a Chinese font');
}

function ensureDebianPackage(name: string, installs: string, why: string): void {
  if (existsSync(installs)) return;
  const fix = `apt-get update && apt-get install -y ${name} (as root) so ${installs} exists`;
  if (process.getuid?.() !== 0) throw new Error(`${why}: run ${fix}.`);
  log(`installing ${name} for the browser tests (apt-get install -y ${name})…`);
  for (const args of [['update'], ['install', '-y', name]]) {
    const run = spawnSync('apt-get', args, { stdio: 'inherit' });
    if (run.status !== 0) throw new Error(`apt-get ${args.join(' ')} failed; run ${fix}.`);
  }
  if (!existsSync(installs)) throw new Error(`apt-get installed no ${installs}; run ${fix}.`);
}

async function designerIsStale(): Promise<boolean> {
  const builtAt = await stat(join(designerDir, 'dist', 'index.html')).then(
    (info) => info.mtimeMs,
    () => 0,
  );
  const newestSource = Math.max(
    await newestMtime(designerDir, ['dist']),
    await newestMtime(flowLanguageDir, []),
    await newestMtime(apiContractDir, []),
  );
  return newestSource > builtAt;
}

async function newestMtime(dir: string, skip: string[]): Promise<number> {
  let newest = 0;
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    if (skip.includes(entry.name)) continue;
    const path = join(dir, entry.name);
    const mtime = entry.isDirectory() ? await newestMtime(path, []) : (await stat(path)).mtimeMs;
    newest = Math.max(newest, mtime);
  }
  return newest;
}
