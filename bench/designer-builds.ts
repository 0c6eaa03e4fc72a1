import { execFileSync } from 'node:child_process';
import { existsSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { build } from 'vite';

const root = new URL('..', import.meta.url).pathname;

/** A designer as built from some commit, to measure against the working tree's in the same run. */
export interface DesignerBuild {
  commit: string;
  /** Files taken from another commit so this one builds: path → commit. */
  borrowed: Record<string, string>;
}

const git = (args: string[], cwd = root) =>
  execFileSync('git', args, { cwd, encoding: 'utf8' }).trim();

/**
 * A production bundle of the designer in `sourceDir`, into `outDir`. Always production: a bundle
 * built under NODE_ENV=test (as the browser tests' setup leaves designer/dist) carries React's
 * development build, several times slower; and designer/dist is rebuilt by other runs meanwhile.
 */
async function buildDesigner(sourceDir: string, outDir: string): Promise<void> {
  process.env.NODE_ENV = 'production';
  await build({
    configFile: join(sourceDir, 'designer', 'vite.config.ts'),
    mode: 'production',
    build: { outDir, emptyOutDir: true },
    logLevel: 'warn',
  });
}

/** The working tree's designer, built for this run only. */
export async function buildWorkingDesigner(): Promise<string> {
  const outDir = await mkdtemp(join(tmpdir(), 'acorn-designer-working-'));
  await buildDesigner(root, outDir);
  return outDir;
}

/**
 * Builds the designer of `commit` in a throw-away worktree into a directory kept between runs
 * (the same commit builds the same bundle), and answers that directory.
 */
export async function buildDesignerAt({ commit, borrowed }: DesignerBuild): Promise<string> {
  const sha = git(['rev-parse', commit]);
  const outDir = join(tmpdir(), `acorn-designer-${sha.slice(0, 12)}`);
  if (existsSync(join(outDir, 'index.html'))) return outDir;
  const worktree = join(tmpdir(), `acorn-designer-src-${sha.slice(0, 12)}`);
  git(['worktree', 'add', '--detach', '--force', worktree, sha]);
  try {
    symlinkSync(join(root, 'node_modules'), join(worktree, 'node_modules'));
    for (const [path, from] of Object.entries(borrowed)) {
      writeFileSync(join(worktree, path), git(['show', `${from}:${path}`]));
    }
    await buildDesigner(worktree, outDir);
  } finally {
    git(['worktree', 'remove', '--force', worktree]);
  }
  return outDir;
}

/** Makes `context` load the designer from `distDir` while the API stays the running system's. */
export async function serveDesignerFrom(context: BrowserContext, baseUrl: string, distDir: string) {
  await context.route(`${baseUrl}/**`, (route) => {
    const { pathname } = new URL(route.request().url());
    if (pathname.startsWith('/api/') || pathname.startsWith('/health')) return route.continue();
    const file = join(distDir, pathname);
    const asset = existsSync(file) && statSync(file).isFile();
    return route.fulfill({ path: asset ? file : join(distDir, 'index.html') });
  });
}
