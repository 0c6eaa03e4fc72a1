import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { centerOf, connectPorts, dragWithMouse, dropFromPalette } from './support/canvas-mouse.ts';
import { launchChromium, screenshot, signIn } from './support/chromium.ts';
import { type RunningSystem, startSystem } from './support/running-system.ts';

const VIEWPORT = { width: 1400, height: 900 };
const suffix = Date.now().toString(36);
const flowKey = `small-refund-${suffix}`;
const trigger = `refund.small-${suffix}`;
const smallCase = `small-${suffix}`;
const largeCase = `large-${suffix}`;
const cancelledCase = `cancelled-${suffix}`;

/**
 * The whole product as people use it, on the system `npm start` runs: an admin draws a refund
 * flow with the mouse and publishes it, a requester's integration submits cases, a reviewer
 * approves one in the inbox, and an auditor reads the run and verifies it by replay.
 */
describe('a refund flow from the first click to the audit', () => {
  let system: RunningSystem;
  let browser: Browser;

  beforeAll(async () => {
    [system, browser] = await Promise.all([startSystem(), launchChromium()]);
  });

  afterAll(async () => {
    await browser?.close();
    await system?.stop();
  });

  async function signedIn(username: string): Promise<Page> {
    const page = await (await browser.newContext({ viewport: VIEWPORT })).newPage();
    await signIn(page, system.baseUrl, username, system.demoPassword);
    return page;
  }

  it('shows an admin the shipped refund policy, published and without problems', async () => {
    const page = await signedIn('ada');
    await page.goto(`${system.baseUrl}/flows/marketplace-refund`);
    await page.getByTestId('flow-canvas').waitFor();
    for (const nodeId of ['policy', 'fourEyesReview', 'refund', 'postLedger', 'issueCoupon']) {
      await page.getByTestId(`node-${nodeId}`).waitFor();
    }
    await expect.poll(() => page.locator('.flow-node-problem').count()).toBe(0);
    await screenshot(page, '00-shipped-refund-policy');
  });

  it('lets an admin build the flow with the mouse and publish it', async () => {
    const page = await (await browser.newContext({ viewport: VIEWPORT })).newPage();
    await page.goto(system.baseUrl);
    await page.getByTestId('login-form').waitFor();
    await screenshot(page, '01-login');
    await signIn(page, system.baseUrl, 'ada', system.demoPassword);
    await page.getByTestId('flow-list').locator('table').waitFor();
    await screenshot(page, '02-flow-list');

    await page.getByTestId('create-flow-key').fill(flowKey);
    await page.getByTestId('create-flow-name').fill('Small refunds');
    await page.getByTestId('create-flow-submit').click();
    await page.getByTestId('flow-canvas').waitFor();

    await page.getByTestId('inspector-input-decl-name').fill('amount');
    await page.getByTestId('inspector-input-decl-add').click();
    await page.getByTestId('inspector-input-decl-amount-type').selectOption('number');
    await page.getByTestId('inspector-input-decl-name').fill('orderId');
    await page.getByTestId('inspector-input-decl-add').click();

    // From scratch: only the start node of the new-flow template stays.
    await page.getByTestId('node-end').click();
    await page.keyboard.press('Delete');
    await page.getByTestId('node-end').waitFor({ state: 'detached' });
    await page.getByTestId('node-start').click();
    await page.getByTestId('inspector-trigger').fill(trigger);

    const canvas = await page.getByTestId('flow-canvas').boundingBox();
    if (!canvas) throw new Error('the canvas is not on screen');
    const middle = canvas.x + canvas.width / 2;
    const top = canvas.y + 40;
    await dragWithMouse(page, await centerOf(page, 'node-start'), { x: middle, y: top + 35 });
    const decision = await dropFromPalette(page, 'palette-decision', {
      x: middle - 100,
      y: top + 130,
    });
    const autoEnd = await dropFromPalette(page, 'palette-end', { x: middle - 330, y: top + 260 });
    const approval = await dropFromPalette(page, 'palette-approval', {
      x: middle + 30,
      y: top + 260,
    });
    const refundedEnd = await dropFromPalette(page, 'palette-end', {
      x: middle - 110,
      y: top + 400,
    });
    const refusedEnd = await dropFromPalette(page, 'palette-end', {
      x: middle + 170,
      y: top + 400,
    });

    await connectPorts(page, 'start', 'next', decision);
    await connectPorts(page, decision, 'true', autoEnd);
    await connectPorts(page, decision, 'false', approval);
    await connectPorts(page, approval, 'approved', refundedEnd);
    await connectPorts(page, approval, 'rejected', refusedEnd);
    await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(5);

    await page.getByTestId(`node-${decision}`).click();
    const rule = page.getByTestId('inspector-condition');
    await rule.locator('.ruleGroup-addRule').first().click();
    await rule.locator('.rule-fields').selectOption('amount');
    await rule.locator('.rule-operators').selectOption('<=');
    await rule.locator('.rule-value').fill('50');
    await screenshot(page, '03-rule-builder');

    for (const [node, outcome] of [
      [autoEnd, 'auto-refunded'],
      [refundedEnd, 'refunded'],
      [refusedEnd, 'refused'],
    ] as const) {
      await page.getByTestId(`node-${node}`).click();
      await page.getByTestId('inspector-outcome').fill(outcome);
    }
    await page.getByTestId(`node-${approval}`).click();
    await page.getByTestId('inspector-approval-title').fill('Approve the refund');
    await page.getByTestId('inspector-approvals-required').fill('2');
    await page.getByTestId('inspector-add-form-field').click();
    await page.getByTestId('inspector-form-0-name').fill('restock');
    await page.getByTestId('inspector-form-0-label').fill('Put the item back in stock');
    await page.getByTestId('inspector-form-0-type').selectOption('boolean');

    await page.getByTestId('save').click();
    await page.getByTestId('unsaved').waitFor({ state: 'detached' });
    await expect
      .poll(() => page.getByTestId('problems-panel').textContent())
      .toContain('No problems');
    await page.getByTestId('publish').click();
    await page.getByTestId('publish-note').fill('First refund policy drawn with the mouse');
    await page.getByTestId('publish-confirm').click();
    await expect
      .poll(() => page.getByTestId('status').textContent())
      .toContain('Published version 1');
    await screenshot(page, '04-published-flow');
  });

  it('takes cases from the requester’s integration and decides small ones by the rule', async () => {
    for (const [caseId, amount] of [
      [smallCase, 20],
      [largeCase, 120],
      [cancelledCase, 200],
    ] as const) {
      const response = await fetch(`${system.baseUrl}/api/cases`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${system.demoToken}`,
        },
        body: JSON.stringify({ trigger, caseId, input: { amount, orderId: `114-${caseId}` } }),
      });
      expect(response.status, await response.clone().text()).toBeLessThan(300);
      expect(await response.json()).toMatchObject({ caseId, flowKey, started: true });
    }
  });

  it('serves the app for a link into it', async () => {
    const response = await fetch(`${system.baseUrl}/inbox/some-task`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
  });

  it('lets two reviewers approve the large case in the inbox, each once', async () => {
    const page = await signedIn('rob');
    await page.getByTestId('inbox').waitFor();
    const row = page.getByTestId(`inbox-task-${largeCase}`);
    await expect
      .poll(
        async () => {
          await page.getByTestId('inbox-refresh').click();
          return row.count();
        },
        { timeout: 60_000 },
      )
      .toBe(1);
    expect(await page.getByTestId(`inbox-task-${smallCase}`).count()).toBe(0);
    await screenshot(page, '05-inbox');

    await row.getByRole('link').click();
    await page.getByTestId('task').waitFor();
    expect(await page.getByTestId('case-order').textContent()).toBe(`114-${largeCase}`);
    await page.getByTestId('decision-reject').click();
    expect(await page.getByTestId('decision-refusal').textContent()).toContain('needs a comment');

    await page.getByTestId('task-claim-button').click();
    await expect.poll(() => page.getByTestId('task-claim').textContent()).toContain('claimed by');
    await page.getByTestId('decision-field-restock').check();
    await page.getByTestId('decision-comment').fill('Photos show a damaged item; refund it.');
    await screenshot(page, '06-task');
    await page.getByTestId('decision-approve').click();
    expect(await page.getByTestId('decision-recorded').textContent()).toContain('1/2 approvals');

    // Back on the task, a reviewer who has decided is not offered a second decision (the engine
    // would refuse it: tests/integration/api/inbox-api.test.ts).
    const taskUrl = page.url();
    await page.reload();
    await page.getByTestId('task-you-decided').waitFor();
    expect(await page.getByTestId('decision-approve').count()).toBe(0);
    expect(await page.getByTestId('task-claim-button').count()).toBe(0);
    await screenshot(page, '07-already-decided');

    const second = await signedIn('rae');
    await second.goto(taskUrl);
    await second.getByTestId('decision-approve').click();
    await second.getByTestId('task-closed').waitFor();
    expect(await second.getByTestId('task-status').textContent()).toBe('approved');
    await screenshot(second, '08-task-decided');
  });

  it('shows an admin a waiting run live and lets them cancel it', async () => {
    const page = await signedIn('ada');
    await page.goto(`${system.baseUrl}/runs/${cancelledCase}`);
    await page.getByTestId('run-live').waitFor();
    expect(await page.getByTestId('run-active-nodes').textContent()).toMatch(/approval/);
    await screenshot(page, '09-run-live');
    await page.getByTestId('run-cancel').click();
    await page.getByTestId('run-cancel-reason').fill('Customer withdrew the request');
    await page.getByTestId('run-cancel-confirm').click();
    await expect
      .poll(() => page.getByTestId('run-status').textContent(), { timeout: 60_000 })
      .toBe('cancelled');
  });

  it('shows an auditor the path, the timeline and a passing replay', async () => {
    const page = await signedIn('aud');
    await page.getByTestId('runs').waitFor();
    await page.getByTestId(`run-row-${largeCase}`).waitFor();
    await screenshot(page, '10-runs');

    await page.getByTestId(`run-row-${largeCase}`).getByRole('link').click();
    await expect
      .poll(() => page.getByTestId('run-outcome').textContent(), { timeout: 60_000 })
      .toBe('refunded');
    await page.getByTestId('case-timeline').waitFor();
    const timeline = await page.getByTestId('case-timeline').textContent();
    expect(timeline).toContain('Rob (reviewer)');
    expect(timeline).toContain('Rae (reviewer, finance)');
    expect(timeline).toContain('Photos show a damaged item; refund it.');
    expect(await page.locator('.flow-diagram .mark-path').count()).toBeGreaterThan(0);

    const download = page.waitForEvent('download');
    await page.getByTestId('export-json').click();
    expect((await download).suggestedFilename()).toContain(largeCase);

    await page.getByTestId('verify-replay').click();
    const verdict = page.getByTestId('replay-verdict');
    await verdict.waitFor({ timeout: 120_000 });
    expect(await verdict.textContent()).toContain('Replay passed');
    await screenshot(page, '11-run-audit');

    const small = await page.request.get(`${system.baseUrl}/api/runs/${smallCase}`);
    expect((await small.json()).case).toMatchObject({
      outcome: 'auto-refunded',
      decidedBy: 'rules',
    });

    await page.getByTestId('nav-audit').click();
    await page.getByTestId('verify-chain').click();
    expect(await page.getByTestId('chain-verdict').textContent()).toContain('Chain intact');
    await screenshot(page, '12-audit-log');

    await page.getByTestId('nav-metrics').click();
    await page.getByTestId(`metrics-${flowKey}`).waitFor();
    await screenshot(page, '13-metrics');
  });
});
