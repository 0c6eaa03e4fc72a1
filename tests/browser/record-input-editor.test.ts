import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FlowDocument } from '../../designer/src/flows/flow-graph.ts';
import { launchChromium, screenshot, signIn } from './support/chromium.ts';
import { type RunningSystem, startSystem } from './support/running-system.ts';

/** The shipped refund policy's refund mail passes its template values as a record input. */
describe('the designer edits a record input field by field', () => {
  let system: RunningSystem;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    [system, browser] = await Promise.all([startSystem(), launchChromium()]);
    page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    await signIn(page, system.baseUrl, 'ada', system.demoPassword);
  });

  afterAll(async () => {
    await browser?.close();
    await system?.stop();
  });

  async function select(nodeId: string): Promise<void> {
    const node = page.locator(`.react-flow__node[data-id="${nodeId}"]`);
    await node.focus();
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.getByTestId('inspector').locator('h3 code').textContent())
      .toBe(nodeId);
  }

  /** The flow the editor holds: what a test run of the unsaved draft sends. */
  async function editorDocument(): Promise<FlowDocument> {
    await page.getByTestId('test-run').click();
    const sent = page.waitForRequest(
      (request) => request.method() === 'POST' && request.url().endsWith('/test-run'),
    );
    await page.getByTestId('test-run-start').click();
    return ((await sent).postDataJSON() as { document: FlowDocument }).document;
  }

  it('shows each value as its own rule, adds one, and refuses a name the activity cannot read', async () => {
    await page.goto(`${system.baseUrl}/flows/marketplace-refund`);
    await page.getByTestId('flow-canvas').waitFor();
    await select('tellRefunded');
    const values = 'inspector-input-values';
    await page.getByTestId(`${values}-record`).waitFor();
    expect(await page.getByTestId(`${values}-field-refundAmount`).inputValue()).toBe(
      '{"var":"refund.amount"}',
    );
    expect(await page.getByTestId('unsaved').count()).toBe(0);

    await page.getByTestId(`${values}-new-field`).fill('1st');
    expect(await page.getByTestId(`${values}-add-field`).isDisabled()).toBe(true);
    await page.getByTestId(`${values}-new-field`).fill('orderTotal');
    await page.getByTestId(`${values}-add-field`).click();
    await page.getByTestId(`${values}-field-orderTotal`).fill('{"var":"refundTotalCents"}');
    await page.getByTestId(`${values}-field-currency-remove`).click();
    await screenshot(page, 'en-record-input');

    const node = (await editorDocument()).nodes.find((entry) => entry.id === 'tellRefunded');
    expect(node && 'inputs' in node ? node.inputs?.values : undefined).toEqual({
      fields: {
        orderId: { var: 'orderId' },
        refundAmount: { var: 'refund.amount' },
        orderTotal: { var: 'refundTotalCents' },
      },
    });
  });
});
