import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'vite';
import { ensureFerretDb, ensureTemporalCli } from './embedded/tool-cache.ts';

const log = (line: string) => console.log(`[setup] ${line}`);
const CHROMIUM = '/usr/bin/chromium';
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

if (forTests) ensureChromium();

if (await designerIsStale()) {
  log('building the designer…');
  await build({ configFile: join(designerDir, 'vite.config.ts'), logLevel: 'warn' });
}

/** The browser tests drive Debian's Chromium; Playwright's own browser downloads are not used. */
function ensureChromium(): void {
  if (existsSync(CHROMIUM)) return;
  const fix = `apt-get update && apt-get install -y chromium (as root) so ${CHROMIUM} exists`;
  if (process.getuid?.() !== 0) throw new Error(`The browser tests need Chromium: run ${fix}.`);
  log('installing Chromium for the browser tests (apt-get install -y chromium)…');
  for (const args of [['update'], ['install', '-y', 'chromium']]) {
    const run = spawnSync('apt-get', args, { stdio: 'inherit' });
    if (run.status !== 0) throw new Error(`apt-get ${args.join(' ')} failed; run ${fix}.`);
  }
  if (!existsSync(CHROMIUM)) throw new Error(`apt-get installed no ${CHROMIUM}; run ${fix}.`);
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
