import type { Page } from 'playwright-core';

export interface Point {
  x: number;
  y: number;
}

export async function centerOf(page: Page, testId: string): Promise<Point> {
  const box = await page.getByTestId(testId).boundingBox();
  if (!box) throw new Error(`${testId} is not on screen`);
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** Press, move in small steps and release, as a hand on a mouse does. */
export async function dragWithMouse(page: Page, from: Point, to: Point): Promise<void> {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x + 8, from.y + 8, { steps: 3 });
  await page.mouse.move(to.x, to.y, { steps: 12 });
  await page.mouse.up();
}

function canvasNodeIds(page: Page): Promise<string[]> {
  return page.$$eval('[data-testid^="node-"][data-kind]', (elements) =>
    elements.map((element) => (element.getAttribute('data-testid') ?? '').slice('node-'.length)),
  );
}

/** Drags a palette item onto the canvas (its top-left lands at `at`) and answers the new node's id. */
export async function dropFromPalette(
  page: Page,
  paletteTestId: string,
  at: Point,
): Promise<string> {
  const before = await canvasNodeIds(page);
  await dragWithMouse(page, await centerOf(page, paletteTestId), at);
  await page.waitForFunction(
    (count) => document.querySelectorAll('[data-testid^="node-"][data-kind]').length > count,
    before.length,
  );
  const added = (await canvasNodeIds(page)).find((id) => !before.includes(id));
  if (!added) throw new Error(`dropping ${paletteTestId} added no node`);
  return added;
}

/** Drags from a node's output port to another node's input handle. */
export async function connectPorts(
  page: Page,
  source: string,
  port: string,
  target: string,
): Promise<void> {
  await dragWithMouse(
    page,
    await centerOf(page, `handle-${source}-${port}`),
    await centerOf(page, `handle-${target}-in`),
  );
}
