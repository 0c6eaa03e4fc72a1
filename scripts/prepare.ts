import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'vite';
import { ensureFerretDb, ensureTemporalCli } from './embedded/tool-cache.ts';

const log = (line: string) => console.log(`[setup] ${line}`);
const root = new URL('..', import.meta.url).pathname;
const designerDir = join(root, 'designer');
const flowLanguageDir = join(root, 'flow-language');

// Tests always start their own servers; `npm start` needs only those it will run itself.
const forTests = process.argv.includes('--for-tests');
await Promise.all([
  forTests || !process.env.TEMPORAL_ADDRESS ? ensureTemporalCli(log) : undefined,
  forTests || !process.env.MONGODB_URI ? ensureFerretDb(log) : undefined,
]);

if (await designerIsStale()) {
  log('building the designer…');
  await build({ configFile: join(designerDir, 'vite.config.ts'), logLevel: 'warn' });
}

async function designerIsStale(): Promise<boolean> {
  const builtAt = await stat(join(designerDir, 'dist', 'index.html')).then(
    (info) => info.mtimeMs,
    () => 0,
  );
  const newestSource = Math.max(
    await newestMtime(designerDir, ['dist']),
    await newestMtime(flowLanguageDir, []),
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
