import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FlowDocument } from '../../designer/src/flows/flow-graph.ts';
import { LEGIBLE_ZOOM } from '../../designer/src/flows/readable-view.ts';
import { launchChromium, screenshot, signIn } from './support/chromium.ts';
import { type RunningSystem, startSystem } from './support/running-system.ts';

const POLICY = 'marketplace-refund';
const VIEWPORTS = [
  { width: 1280, height: 720 },
  { width: 1440, height: 900 },
] as const;
const LANGUAGES = ['en', 'zh-CN'] as const;

type Box = { x: number; y: number; width: number; height: number };

/** Everything the checks read off the canvas, measured in one go. */
interface CanvasLayout {
  zoom: number;
  pane: Box;
  start: Box | undefined;
  cards: { id: string; box: Box; handles: Box[]; labels: Box[] }[];
  minimapRects: number;
  minimapFills: string[];
}

const overlaps = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

function overlappingPairs(boxes: readonly Box[]): [number, number][] {
  return boxes.flatMap((a, i) =>
    boxes
      .slice(i + 1)
      .flatMap((b, j): [number, number][] => (overlaps(a, b) ? [[i, i + 1 + j]] : [])),
  );
}

// A string, not a function: tsx would wrap named inner functions in a helper the page lacks.
const MEASURE = `(() => {
  const box = (element) => {
    const r = element.getBoundingClientRect();
    return { x: r.x, y: r.y, width: r.width, height: r.height };
  };
  const canvas = document.querySelector('[data-testid="flow-canvas"] .react-flow');
  const viewport = canvas.querySelector('.react-flow__viewport');
  const zoom = Number(/scale\\(([\\d.]+)\\)/.exec(viewport.style.transform)?.[1] ?? 'NaN');
  const start = canvas.querySelector('.react-flow__node[data-id="start"]');
  const cards = [...canvas.querySelectorAll('.react-flow__node')].map((node) => ({
    id: node.dataset.id,
    box: box(node),
    handles: [...node.querySelectorAll('.react-flow__handle.source')].map(box),
    labels: [...node.querySelectorAll('.port-label')].map(box),
  }));
  const minimap = [...canvas.querySelectorAll('.react-flow__minimap-node')];
  return {
    zoom,
    pane: box(canvas),
    start: start ? box(start) : undefined,
    cards,
    minimapRects: minimap.length,
    minimapFills: [...new Set(minimap.map((rect) => getComputedStyle(rect).fill))],
  };
})()`;

describe('a large flow opens readable', () => {
  let system: RunningSystem;
  let browser: Browser;
  let policy: FlowDocument;

  beforeAll(async () => {
    [system, browser] = await Promise.all([startSystem(), launchChromium()]);
    const response = await fetch(`${system.baseUrl}/api/flows/${POLICY}/draft`, {
      headers: { authorization: `Bearer ${system.adminToken}` },
    });
    policy = ((await response.json()) as { document: FlowDocument }).document;
  });

  afterAll(async () => {
    await browser?.close();
    await system?.stop();
  });

  async function openPolicy(context: BrowserContext): Promise<Page> {
    const page = await context.newPage();
    await signIn(page, system.baseUrl, 'ada', system.demoPassword);
    await page.goto(`${system.baseUrl}/flows/${POLICY}`);
    await page.getByTestId('flow-canvas').waitFor();
    // Every node measured (the minimap draws only those) and the opening view set.
    await expect
      .poll(() => page.locator('.react-flow__minimap-node').count(), { timeout: 30_000 })
      .toBe(policy.nodes.length);
    return page;
  }

  async function layoutOf(page: Page): Promise<CanvasLayout> {
    // The opening view is set once every node is measured; wait for the zoom to settle.
    let last = Number.NaN;
    await expect
      .poll(async () => {
        const { zoom } = (await page.evaluate(MEASURE)) as CanvasLayout;
        const settled = zoom === last;
        last = zoom;
        return settled;
      })
      .toBe(true);
    return (await page.evaluate(MEASURE)) as CanvasLayout;
  }

  for (const viewport of VIEWPORTS) {
    for (const language of LANGUAGES) {
      const size = `${viewport.width}x${viewport.height}`;
      it(`shows the shipped refund policy legibly at ${size} in ${language}`, async () => {
        const context = await browser.newContext({ viewport, locale: language });
        try {
          const page = await openPolicy(context);
          const layout = await layoutOf(page);

          expect(layout.zoom).toBeGreaterThanOrEqual(LEGIBLE_ZOOM);
          // The start is where reading begins: in view, with the flow's full width across the
          // canvas (designer-first-view.test.ts checks every card).
          const start = layout.start;
          if (!start) throw new Error('the start node is not drawn');
          expect(overlaps(start, layout.pane)).toBe(true);
          expect(start.y).toBeGreaterThanOrEqual(layout.pane.y);
          expect(start.x).toBeGreaterThanOrEqual(layout.pane.x);
          expect(start.x + start.width).toBeLessThanOrEqual(layout.pane.x + layout.pane.width);

          // No exit sits on another, no exit label runs into another, no card covers another.
          for (const card of layout.cards) {
            expect({ card: card.id, pairs: overlappingPairs(card.handles) }).toEqual({
              card: card.id,
              pairs: [],
            });
            expect({ card: card.id, pairs: overlappingPairs(card.labels) }).toEqual({
              card: card.id,
              pairs: [],
            });
          }
          const cardPairs = overlappingPairs(layout.cards.map((card) => card.box));
          expect(cardPairs.map(([a, b]) => [layout.cards[a]?.id, layout.cards[b]?.id])).toEqual([]);

          // The minimap shows every node, coloured by kind rather than a faint grey.
          expect(layout.minimapRects).toBe(policy.nodes.length);
          expect(layout.minimapFills.length).toBeGreaterThan(1);

          // Usable at laptop size: most of the screen is canvas, the toolbar fits, hints show.
          expect(layout.pane.width).toBeGreaterThanOrEqual(viewport.width * 0.55);
          expect(layout.pane.height).toBeGreaterThanOrEqual(viewport.height * 0.5);
          const publish = await page.getByTestId('publish').boundingBox();
          expect(
            (publish?.x ?? Number.POSITIVE_INFINITY) + (publish?.width ?? 0),
          ).toBeLessThanOrEqual(viewport.width);
          expect(await page.getByTestId('shortcut-hints').isVisible()).toBe(true);
          // The canvas tools at the top leave the start readable.
          for (const tool of ['node-search-input', 'shortcut-hints']) {
            const covering = await page.getByTestId(tool).boundingBox();
            expect({ tool, covers: covering !== null && overlaps(covering, start) }).toEqual({
              tool,
              covers: false,
            });
          }
          await screenshot(page, `large-flow-${language}-${size}`);
        } finally {
          await context.close();
        }
      });
    }
  }

  /** The flow the editor holds: what a test run of the unsaved draft sends. */
  async function editorDocument(page: Page): Promise<FlowDocument> {
    await page.getByTestId('test-run').click();
    const sent = page.waitForRequest(
      (request) => request.method() === 'POST' && request.url().endsWith('/test-run'),
    );
    await page.getByTestId('test-run-start').click();
    return ((await sent).postDataJSON() as { document: FlowDocument }).document;
  }

  it('finds a node by name, selects it and brings it into view', async () => {
    const context = await browser.newContext({ viewport: VIEWPORTS[0], locale: 'en' });
    try {
      const page = await openPolicy(context);
      await page.keyboard.press('Control+f');
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid')))
        .toBe('node-search-input');
      await page.keyboard.type("buyer's photos");
      await page.getByTestId('node-search-item-photoReview').waitFor();
      await screenshot(page, 'large-flow-node-search');
      await page.keyboard.press('Enter');
      await expect
        .poll(() => page.getByTestId('inspector').locator('h3 code').textContent())
        .toBe('photoReview');
      // The approval's side-by-side fields (role, escalation role) stay inside the inspector.
      const overflowing = await page.evaluate(`(() => {
        const inspector = document.querySelector('[data-testid="inspector"]').getBoundingClientRect();
        return [...document.querySelectorAll('[data-testid="inspector"] .grid-2 :is(input, select)')]
          .filter((field) => field.getBoundingClientRect().right > inspector.right + 0.5)
          .map((field) => field.dataset.testid ?? field.tagName);
      })()`);
      expect(overflowing).toEqual([]);
      const node = page.locator('.react-flow__node[data-id="photoReview"]');
      await expect.poll(() => node.getAttribute('class')).toContain('selected');
      const pane = await page.locator('[data-testid="flow-canvas"] .react-flow').boundingBox();
      await expect
        .poll(async () => {
          const box = await node.boundingBox();
          return box !== null && pane !== null && overlaps(box, pane);
        })
        .toBe(true);
    } finally {
      await context.close();
    }
  });

  it('adds a node with Tab, then one wired to the selected node, undone in one step', async () => {
    const context = await browser.newContext({ viewport: VIEWPORTS[0], locale: 'en' });
    try {
      const page = await openPolicy(context);
      const pane = await page
        .locator('[data-testid="flow-canvas"] .react-flow__pane')
        .boundingBox();
      if (!pane) throw new Error('no canvas pane');
      // An empty spot: the left edge of the canvas, under the search box.
      await page.mouse.click(pane.x + 40, pane.y + pane.height / 2);
      await page.keyboard.press('Tab');
      await page.getByTestId('quick-add-input').waitFor();
      await page.keyboard.type('approval');
      await page.getByTestId('quick-add-item-kind:approval').waitFor();
      await screenshot(page, 'large-flow-quick-add');
      await page.keyboard.press('Enter');
      await page.getByTestId('quick-add').waitFor({ state: 'detached' });
      await page.locator('.react-flow__node[data-id="approval-1"]').waitFor();

      // The new approval is selected: Tab again hangs a node from its first free exit.
      await page.keyboard.press('Tab');
      await page.keyboard.type('set variables');
      await page.getByTestId('quick-add-item-kind:set').waitFor();
      await page.keyboard.press('Enter');
      await page.locator('.react-flow__node[data-id="set-1"]').waitFor();

      const added = await editorDocument(page);
      expect(added.nodes.length).toBe(policy.nodes.length + 2);
      expect(added.edges).toContainEqual(
        expect.objectContaining({ source: 'approval-1', target: 'set-1', handle: 'approved' }),
      );
      const approval = added.nodes.find((n) => n.id === 'approval-1')?.position;
      const set = added.nodes.find((n) => n.id === 'set-1')?.position;
      expect(set?.y).toBeGreaterThan(approval?.y ?? Number.POSITIVE_INFINITY);

      await page.getByTestId('undo').click();
      const undone = await editorDocument(page);
      expect(undone.nodes.map((n) => n.id)).not.toContain('set-1');
      expect((undone.edges ?? []).filter((e) => e.source === 'approval-1')).toEqual([]);
      expect(undone.nodes.map((n) => n.id)).toContain('approval-1');
    } finally {
      await context.close();
    }
  });

  it('offers the quick-add menu in Chinese, found by the Chinese name of a kind', async () => {
    const context = await browser.newContext({ viewport: VIEWPORTS[1], locale: 'zh-CN' });
    try {
      const page = await openPolicy(context);
      const pane = await page
        .locator('[data-testid="flow-canvas"] .react-flow__pane')
        .boundingBox();
      if (!pane) throw new Error('no canvas pane');
      await page.mouse.click(pane.x + 40, pane.y + pane.height / 2);
      await page.keyboard.press('Tab');
      await page.getByTestId('quick-add-input').waitFor();
      await page.keyboard.type('审批');
      await page.getByTestId('quick-add-item-kind:approval').waitFor();
      expect(await page.getByTestId('shortcut-hints').textContent()).toContain('添加节点');
      await screenshot(page, 'large-flow-quick-add-zh-CN');
    } finally {
      await context.close();
    }
  });
});
