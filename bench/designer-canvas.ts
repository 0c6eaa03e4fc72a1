import { writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, signIn } from '../tests/browser/support/chromium.ts';
import { type RunningSystem, startSystem } from '../tests/browser/support/running-system.ts';
import {
  buildDesignerAt,
  buildWorkingDesigner,
  type DesignerBuild,
  serveDesignerFrom,
} from './designer-builds.ts';

/**
 * How the flow editor copes with a 500-node flow (and a 50-node one), against a baseline editor
 * built from an earlier commit, measured in the same run in alternating rounds (both editors
 * built here for production, not taken from designer/dist): time until every node is drawn, and
 * frame times (requestAnimationFrame deltas) while panning the canvas, dragging a node within the
 * view, and dragging a node to the canvas edge (React Flow then pans the view under it). The
 * machine is shared, so each figure is given over several rounds (median and range) and the
 * ratios current / baseline are taken round by round.
 * `npm run bench:designer -- [--rounds 3] [--baseline <commit>]`.
 */
const SIZES = [50, 500] as const;
const LOADS = 3;
const GESTURE_STEPS = 90;
const STEP_PAUSE_MS = 16;
const COLUMNS = 20;
/** Further than React Flow's 40 px from the canvas edge, where dragging starts to pan the view. */
const EDGE_MARGIN_PX = 100;
const resultsFile = join(new URL('.', import.meta.url).pathname, 'results', 'designer-canvas.json');

/**
 * The editor before the readable opening (issue 16 holds the 500-node figures to it). Its editor
 * page already imported readable-view.ts, committed only with the canvas change, so that one file
 * is taken from there; the canvas itself is the earlier one (fit view of the whole flow).
 */
const BEFORE_READABLE_OPENING: DesignerBuild = {
  commit: '0a0f24c7d00177ecaf4fc05bd977f113b5654228',
  borrowed: { 'designer/src/flows/readable-view.ts': '230fdc3231de6fa09e748179c7e376d2bb1f5bd8' },
};

const { values: options } = parseArgs({
  options: { rounds: { type: 'string', default: '3' }, baseline: { type: 'string' } },
});
const ROUNDS = Number(options.rounds);
const baselineBuild: DesignerBuild = options.baseline
  ? { commit: options.baseline, borrowed: {} }
  : BEFORE_READABLE_OPENING;

type Point = { x: number; y: number };
type Path = (share: number) => Point;

/** A chain of wait and decision nodes on a grid: start → n-2 steps → end. */
function generatedFlow(key: string, size: number) {
  const at = (i: number) => ({ x: (i % COLUMNS) * 260, y: Math.floor(i / COLUMNS) * 140 });
  const steps = Array.from({ length: size - 2 }, (_, i) =>
    i % 5 === 4
      ? { id: `n${i}`, kind: 'decision', condition: true, position: at(i + 1) }
      : { id: `n${i}`, kind: 'wait', durationSeconds: 60, position: at(i + 1) },
  );
  const ids = ['start', ...steps.map((step) => step.id), 'end'];
  const edges = ids.slice(1).flatMap((target, i) => {
    const source = ids[i] as string;
    const decision = steps[i - 1]?.kind === 'decision';
    const edge = { id: `e${i}`, source, target, ...(decision && { handle: 'true' }) };
    return decision ? [edge, { id: `e${i}f`, source, target: 'end', handle: 'false' }] : [edge];
  });
  return {
    key,
    name: `Benchmark ${size} nodes`,
    version: 1,
    inputs: {},
    variables: {},
    nodes: [
      { id: 'start', kind: 'start', trigger: `bench.${key}`, position: at(0) },
      ...steps,
      { id: 'end', kind: 'end', outcome: 'done', position: at(size - 1) },
    ],
    edges,
  };
}

async function createFlow(system: RunningSystem, size: number): Promise<string> {
  const key = `bench-canvas-${size}`;
  const response = await fetch(`${system.baseUrl}/api/flows`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${system.adminToken}` },
    body: JSON.stringify(generatedFlow(key, size)),
  });
  if (!response.ok) throw new Error(`creating ${key}: ${response.status} ${await response.text()}`);
  return key;
}

/**
 * Notes the moment `sessionStorage['bench-nodes']` nodes are first in the DOM. A mutation observer
 * sees it in the task that drew them: the editor may cull the off-screen ones again (readable
 * opening) before the next animation frame, which polling on frames then never sees.
 */
const ALL_NODES_WATCH = `(() => {
  const target = Number(sessionStorage.getItem('bench-nodes') || 0);
  if (!target) return;
  const observer = new MutationObserver(() => {
    if (document.querySelectorAll('.react-flow__node').length < target) return;
    window.allNodesDrawnAt = performance.now();
    observer.disconnect();
  });
  observer.observe(document, { childList: true, subtree: true });
})()`;

/** Milliseconds from navigation start until all `size` nodes are in the DOM. */
async function timeToFirstRender(page: Page, baseUrl: string, key: string, size: number) {
  await page.evaluate((count) => sessionStorage.setItem('bench-nodes', String(count)), size);
  await page.goto(`${baseUrl}/flows/${key}`);
  return page
    .waitForFunction(() => (window as { allNodesDrawnAt?: number }).allNodesDrawnAt, undefined, {
      timeout: 120_000,
    })
    .then((handle) => handle.jsonValue() as Promise<number>);
}

// A string, not a function: tsx would wrap named inner functions in a helper the page lacks.
const FRAME_RECORDER = `(() => {
  const recorder = { deltas: [], running: true };
  window.frameRecorder = recorder;
  let last = performance.now();
  const tick = (now) => {
    recorder.deltas.push(now - last);
    last = now;
    if (recorder.running) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})()`;

async function startFrameRecorder(page: Page) {
  await page.evaluate(FRAME_RECORDER);
}

async function stopFrameRecorder(page: Page): Promise<number[]> {
  return page.evaluate(() => {
    const recorder = (
      window as unknown as { frameRecorder: { deltas: number[]; running: boolean } }
    ).frameRecorder;
    recorder.running = false;
    return recorder.deltas.slice(1);
  });
}

/** Presses at path(0), moves along the path in GESTURE_STEPS steps and releases. */
async function gesture(page: Page, path: Path) {
  const from = path(0);
  await page.mouse.move(from.x, from.y);
  await startFrameRecorder(page);
  const started = performance.now();
  await page.mouse.down();
  for (let step = 1; step <= GESTURE_STEPS; step += 1) {
    const at = path(step / GESTURE_STEPS);
    await page.mouse.move(at.x, at.y);
    await page.waitForTimeout(STEP_PAUSE_MS);
  }
  await page.mouse.up();
  const durationMs = performance.now() - started;
  return { deltas: await stopFrameRecorder(page), durationMs };
}

const straight =
  (from: Point, by: Point): Path =>
  (share) => ({ x: from.x + by.x * share, y: from.y + by.y * share });

/** A point on the empty pane (not on a node or edge), to grab for panning. */
async function emptyPanePoint(page: Page): Promise<Point> {
  const point = await page.evaluate(() => {
    const pane = document.querySelector('.react-flow__pane')?.getBoundingClientRect();
    if (!pane) return undefined;
    for (let y = pane.top + 20; y < pane.bottom - 20; y += 15) {
      for (let x = pane.left + 20; x < pane.right - 200; x += 15) {
        if (document.elementFromPoint(x, y)?.classList.contains('react-flow__pane'))
          return { x, y };
      }
    }
    return undefined;
  });
  if (!point) throw new Error('no empty spot on the canvas to pan from');
  return point;
}

async function nodeCenter(page: Page, testId: string): Promise<Point> {
  const box = await page.getByTestId(testId).boundingBox();
  if (!box) throw new Error(`${testId} is not on screen`);
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

async function paneBox(page: Page) {
  const box = await page.locator('.react-flow__pane').boundingBox();
  if (!box) throw new Error('the canvas is not on screen');
  return box;
}

const viewportTransform = (page: Page) =>
  page.locator('.react-flow__viewport').evaluate((element) => getComputedStyle(element).transform);

/** Pans the canvas; fails when the view did not move, so a missed grab cannot pass as smooth. */
async function pan(page: Page) {
  const before = await viewportTransform(page);
  const recorded = await gesture(page, straight(await emptyPanePoint(page), { x: 300, y: 150 }));
  if ((await viewportTransform(page)) === before) throw new Error('panning did not move the view');
  return recorded;
}

/**
 * A node wholly in view whose middle is not under a canvas tool (search, minimap): the editor
 * opens at a legible zoom, so many nodes are off screen, and a drag must start on one in view.
 */
async function nodeInView(page: Page): Promise<string> {
  const testId = await page.evaluate(() => {
    const pane = document.querySelector('.react-flow__pane')?.getBoundingClientRect();
    if (!pane) return undefined;
    const nodes = [...document.querySelectorAll('[data-testid^="node-n"][data-kind]')];
    const grabbable = nodes.find((node) => {
      const box = node.getBoundingClientRect();
      const inside =
        box.left > pane.left &&
        box.right < pane.right &&
        box.top > pane.top &&
        box.bottom < pane.bottom;
      const middle = document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2);
      return inside && middle !== null && node.contains(middle);
    });
    return grabbable?.getAttribute('data-testid') ?? undefined;
  });
  if (!testId) throw new Error('no node on screen to drag');
  return testId;
}

/** Drags a node along `path` from its middle; fails when the node did not move. */
async function dragAlong(page: Page, testId: string, path: (from: Point) => Path) {
  const before = await nodeCenter(page, testId);
  const recorded = await gesture(page, path(before));
  const after = await nodeCenter(page, testId);
  if (Math.hypot(after.x - before.x, after.y - before.y) < 20)
    throw new Error(`dragging ${testId} did not move it`);
  return recorded;
}

/**
 * Drags a node 200×120 px towards the middle of the canvas, so the pointer stays clear of the
 * edges: near an edge React Flow pans the view every frame, which is another gesture (below).
 * Fails when the view moved.
 */
async function dragWithinView(page: Page) {
  const testId = await nodeInView(page);
  const pane = await paneBox(page);
  const middle = { x: pane.x + pane.width / 2, y: pane.y + pane.height / 2 };
  const view = await viewportTransform(page);
  const recorded = await dragAlong(page, testId, (from) => {
    const by = { x: from.x < middle.x ? 200 : -200, y: from.y < middle.y ? 120 : -120 };
    const end = { x: from.x + by.x, y: from.y + by.y };
    const clear = (value: number, low: number, size: number) =>
      value > low + EDGE_MARGIN_PX && value < low + size - EDGE_MARGIN_PX;
    if (!clear(end.x, pane.x, pane.width) || !clear(end.y, pane.y, pane.height))
      throw new Error(`dragging ${testId} would end near the canvas edge`);
    return straight(from, by);
  });
  if ((await viewportTransform(page)) !== view) throw new Error('the drag panned the view');
  return recorded;
}

/**
 * Drags a node to 20 px inside the canvas's right edge (a third of the steps) and along it
 * (the rest), so React Flow pans the view under the pointer; fails when the view did not move.
 */
async function dragToEdge(page: Page) {
  const testId = await nodeInView(page);
  const pane = await paneBox(page);
  const view = await viewportTransform(page);
  const recorded = await dragAlong(page, testId, (from) => {
    const edge = { x: pane.x + pane.width - 20, y: from.y };
    const down = Math.min(120, pane.y + pane.height - EDGE_MARGIN_PX - from.y);
    return (share) =>
      share <= 1 / 3
        ? straight(from, { x: edge.x - from.x, y: 0 })(share * 3)
        : { x: edge.x, y: edge.y + down * ((share - 1 / 3) * 1.5) };
  });
  if ((await viewportTransform(page)) === view) throw new Error('the drag to the edge did not pan');
  return recorded;
}

function frameStats({ deltas, durationMs }: { deltas: number[]; durationMs: number }) {
  const sorted = [...deltas].sort((a, b) => a - b);
  const at = (share: number) =>
    sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))] ?? 0;
  const mean = deltas.reduce((sum, delta) => sum + delta, 0) / Math.max(1, deltas.length);
  return {
    gestureMs: round(durationMs),
    frames: deltas.length,
    meanMs: round(mean),
    p50Ms: round(at(0.5)),
    p95Ms: round(at(0.95)),
    maxMs: round(sorted.at(-1) ?? 0),
    over50Ms: deltas.filter((delta) => delta > 50).length,
  };
}

const round = (value: number) => Math.round(value * 10) / 10;
const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

async function measure(page: Page, baseUrl: string, key: string, size: number) {
  const loads: number[] = [];
  for (let load = 0; load < LOADS; load += 1) {
    loads.push(await timeToFirstRender(page, baseUrl, key, size));
  }
  return {
    firstRenderMs: round(median(loads)),
    firstRenderRunsMs: loads.map(round),
    pan: frameStats(await pan(page)),
    drag: frameStats(await dragWithinView(page)),
    dragToEdge: frameStats(await dragToEdge(page)),
  };
}

type Measured = Awaited<ReturnType<typeof measure>>;
type Editor = 'current' | 'baseline';
const EDITORS: readonly Editor[] = ['current', 'baseline'];

/** The figures compared: each a number read off one measurement. */
const FIGURES = {
  firstRenderMs: (m: Measured) => m.firstRenderMs,
  panMeanMs: (m: Measured) => m.pan.meanMs,
  panP95Ms: (m: Measured) => m.pan.p95Ms,
  dragMeanMs: (m: Measured) => m.drag.meanMs,
  dragP95Ms: (m: Measured) => m.drag.p95Ms,
  dragToEdgeMeanMs: (m: Measured) => m.dragToEdge.meanMs,
  dragToEdgeP95Ms: (m: Measured) => m.dragToEdge.p95Ms,
} as const;

const spread = (values: number[]) => ({
  median: round(median(values)),
  min: round(Math.min(...values)),
  max: round(Math.max(...values)),
});
const ratio = (current: number, baseline: number) =>
  Math.round((current / Math.max(baseline, 0.1)) * 100) / 100;

function summarise(rounds: Record<Editor, Measured>[]) {
  return Object.fromEntries(
    Object.entries(FIGURES).map(([figure, read]) => [
      figure,
      {
        current: spread(rounds.map((round) => read(round.current))),
        baseline: spread(rounds.map((round) => read(round.baseline))),
        ratio: spread(rounds.map((round) => ratio(read(round.current), read(round.baseline)))),
      },
    ]),
  );
}

function printSummary(size: number, summary: ReturnType<typeof summarise>) {
  const cell = ({ median, min, max }: { median: number; min: number; max: number }) =>
    `${median} [${min}–${max}]`.padEnd(22);
  console.log(`\n${size} nodes, ${ROUNDS} rounds: median [min–max]`);
  console.log(
    `${'figure'.padEnd(18)}${'current'.padEnd(22)}${'baseline'.padEnd(22)}current/baseline`,
  );
  for (const [figure, { current, baseline, ratio: r }] of Object.entries(summary)) {
    console.log(`${figure.padEnd(18)}${cell(current)}${cell(baseline)}${cell(r)}`);
  }
}

async function signedInPage(browser: Browser, system: RunningSystem, designerDir: string) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  await serveDesignerFrom(context, system.baseUrl, designerDir);
  await context.addInitScript(ALL_NODES_WATCH);
  const page = await context.newPage();
  // The drags leave the draft unsaved, and leaving an unsaved draft asks first.
  page.on('dialog', (dialog) => void dialog.accept());
  await signIn(page, system.baseUrl, 'ada', system.demoPassword);
  return page;
}

const currentDir = await buildWorkingDesigner();
const baselineDir = await buildDesignerAt(baselineBuild);
const system = await startSystem();
const browser = await launchChromium();
try {
  const pages: Record<Editor, Page> = {
    current: await signedInPage(browser, system, currentDir),
    baseline: await signedInPage(browser, system, baselineDir),
  };
  const keys = await Promise.all(SIZES.map((size) => createFlow(system, size)));
  const loadBefore = loadavg();
  const bySize = SIZES.map(() => [] as Record<Editor, Measured>[]);
  for (let round = 0; round < ROUNDS; round += 1) {
    // Alternating which editor goes first, so neither always meets the machine warmer.
    const order = round % 2 === 0 ? EDITORS : [...EDITORS].reverse();
    for (const [index, size] of SIZES.entries()) {
      const measured: Partial<Record<Editor, Measured>> = {};
      for (const editor of order) {
        measured[editor] = await measure(
          pages[editor],
          system.baseUrl,
          keys[index] as string,
          size,
        );
      }
      bySize[index]?.push(measured as Record<Editor, Measured>);
      console.log(`round ${round + 1}/${ROUNDS}, ${size} nodes measured`);
    }
  }
  const sizes = SIZES.map((size, index) => {
    const rounds = bySize[index] ?? [];
    return { nodes: size, summary: summarise(rounds), rounds };
  });
  const results = {
    measuredAt: new Date().toISOString(),
    machine: {
      cpus: cpus().length,
      loadAverage: { before: loadBefore.map(round), after: loadavg().map(round) },
      chromium: browser.version(),
    },
    baseline: baselineBuild,
    rounds: ROUNDS,
    sizes,
  };
  await writeFile(resultsFile, `${JSON.stringify(results, null, 2)}\n`);
  for (const { nodes, summary } of sizes) printSummary(nodes, summary);
  console.log(
    `\nload average ${results.machine.loadAverage.before.join(' ')} → ${results.machine.loadAverage.after.join(' ')}`,
  );
  console.log(`written to ${resultsFile}`);
} finally {
  await browser.close();
  await system.stop();
}
