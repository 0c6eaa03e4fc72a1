import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { launchChromium, signIn } from '../tests/browser/support/chromium.ts';
import { type RunningSystem, startSystem } from '../tests/browser/support/running-system.ts';

/**
 * How the flow editor copes with a 500-node flow, against a 50-node baseline in the same run:
 * time until every node is drawn, and frame times (requestAnimationFrame deltas) while panning
 * the canvas and while dragging a node. `npm run bench:designer`.
 */
const SIZES = [50, 500] as const;
const LOADS = 3;
const GESTURE_STEPS = 90;
const STEP_PAUSE_MS = 16;
const COLUMNS = 20;
const resultsFile = join(new URL('.', import.meta.url).pathname, 'results', 'designer-canvas.json');

type Point = { x: number; y: number };

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

/** Milliseconds from navigation start until all `size` nodes are in the DOM. */
async function timeToFirstRender(page: Page, baseUrl: string, key: string, size: number) {
  await page.goto(`${baseUrl}/flows/${key}`);
  return page
    .waitForFunction(
      (count) =>
        document.querySelectorAll('.react-flow__node').length >= count ? performance.now() : false,
      size,
      { polling: 'raf', timeout: 120_000 },
    )
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

async function gesture(page: Page, from: Point, by: Point) {
  await page.mouse.move(from.x, from.y);
  await startFrameRecorder(page);
  const started = performance.now();
  await page.mouse.down();
  for (let step = 1; step <= GESTURE_STEPS; step += 1) {
    const share = step / GESTURE_STEPS;
    await page.mouse.move(from.x + by.x * share, from.y + by.y * share);
    await page.waitForTimeout(STEP_PAUSE_MS);
  }
  await page.mouse.up();
  const durationMs = performance.now() - started;
  return { deltas: await stopFrameRecorder(page), durationMs };
}

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

const viewportTransform = (page: Page) =>
  page.locator('.react-flow__viewport').evaluate((element) => getComputedStyle(element).transform);

/** Pans the canvas; fails when the view did not move, so a missed grab cannot pass as smooth. */
async function pan(page: Page) {
  const before = await viewportTransform(page);
  const recorded = await gesture(page, await emptyPanePoint(page), { x: 300, y: 150 });
  if ((await viewportTransform(page)) === before) throw new Error('panning did not move the view');
  return recorded;
}

/**
 * A node wholly in view whose middle is not under a canvas tool (search, minimap): the editor
 * opens at a legible zoom, so many nodes are off screen, and a drag must start on one in view.
 */
async function nodeInView(page: Page): Promise<string | undefined> {
  return page.evaluate(() => {
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
}

/** Drags one node; fails when it did not move. */
async function dragNode(page: Page) {
  const testId = await nodeInView(page);
  if (!testId) throw new Error('no node on screen to drag');
  const before = await nodeCenter(page, testId);
  const recorded = await gesture(page, before, { x: 200, y: 120 });
  const after = await nodeCenter(page, testId);
  if (Math.abs(after.x - before.x) < 20) throw new Error(`dragging ${testId} did not move it`);
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

async function measure(page: Page, system: RunningSystem, size: number) {
  const key = await createFlow(system, size);
  const loads: number[] = [];
  for (let load = 0; load < LOADS; load += 1) {
    loads.push(await timeToFirstRender(page, system.baseUrl, key, size));
  }
  const panning = frameStats(await pan(page));
  const dragging = frameStats(await dragNode(page));
  return {
    nodes: size,
    firstRenderMs: { median: round(median(loads)), runs: loads.map(round) },
    pan: panning,
    drag: dragging,
  };
}

const system = await startSystem();
const browser = await launchChromium();
try {
  const page = await (
    await browser.newContext({ viewport: { width: 1400, height: 900 } })
  ).newPage();
  await signIn(page, system.baseUrl, 'ada', system.demoPassword);
  const [baseline, large] = [
    await measure(page, system, SIZES[0]),
    await measure(page, system, SIZES[1]),
  ];
  const ratio = (a: number, b: number) => round(b / Math.max(a, 0.1));
  const results = {
    measuredAt: new Date().toISOString(),
    machine: { cpus: (await import('node:os')).cpus().length, chromium: browser.version() },
    baseline,
    large,
    ratios: {
      firstRender: ratio(baseline.firstRenderMs.median, large.firstRenderMs.median),
      panP95: ratio(baseline.pan.p95Ms, large.pan.p95Ms),
      panMean: ratio(baseline.pan.meanMs, large.pan.meanMs),
      dragP95: ratio(baseline.drag.p95Ms, large.drag.p95Ms),
      dragMean: ratio(baseline.drag.meanMs, large.drag.meanMs),
    },
  };
  console.log(JSON.stringify(results, null, 2));
  await writeFile(resultsFile, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`written to ${resultsFile}`);
} finally {
  await browser.close();
  await system.stop();
}
