import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshot, signIn } from './support/chromium.ts';
import { type RunningSystem, startSystem } from './support/running-system.ts';
import { smallRefundsFlow } from './support/small-refunds-flow.ts';

const suffix = randomUUID().slice(0, 6);
const KEY = `small-refunds-${suffix}`;
const RIVAL = `small-refunds-copy-${suffix}`;
const TRIGGER = `refund.small-${suffix}`;

/**
 * Publishing safely in the designer: the Backtest tab over a flow's past cases, the publish
 * dialog (changes in words, the backtest gate, the required note), the note in the Versions
 * panel and restore as draft, a second flow for the same cases refused by name, and archiving
 * asked first with the cases a day. Shots in English and Chinese.
 */
describe('publishing a flow that has past cases', () => {
  let system: RunningSystem;
  let browser: Browser;
  let page: Page;
  const caseIds = [20, 70, 150].map((amount) => ({ amount, caseId: `sp-${suffix}-${amount}` }));
  const flipped = `sp-${suffix}-70`;

  async function call(method: string, path: string, body?: unknown, token = system.adminToken) {
    const response = await fetch(`${system.baseUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body !== undefined && { 'content-type': 'application/json' }),
      },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: await response.json() };
  }

  beforeAll(async () => {
    [system, browser] = await Promise.all([startSystem(), launchChromium()]);
    expect(
      (
        await call(
          'post',
          '/api/flows',
          smallRefundsFlow({ key: KEY, trigger: TRIGGER, threshold: 100 }),
        )
      ).status,
    ).toBe(201);
    const first = await call('post', `/api/flows/${KEY}/publish`, { note: 'First version' });
    expect(first.status).toBe(200);
    for (const { amount, caseId } of caseIds) {
      const input = { amount, orderId: `114-${caseId}` };
      const submitted = await call(
        'post',
        '/api/cases',
        { trigger: TRIGGER, caseId, input },
        system.demoToken,
      );
      expect(submitted.status).toBeLessThan(300);
    }
    for (const { caseId } of caseIds) await closed(caseId);
    // The draft lowers the threshold: the 70.00 refund, paid by the rule, would now be reviewed.
    expect(
      (
        await call(
          'put',
          `/api/flows/${KEY}/draft`,
          smallRefundsFlow({ key: KEY, trigger: TRIGGER, threshold: 50 }),
        )
      ).status,
    ).toBe(200);
    page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    await signIn(page, system.baseUrl, 'ada', system.demoPassword);
  });

  /** Waits for the run to end: the backtest reads closed cases only. */
  async function closed(caseId: string) {
    for (;;) {
      const run = await call('get', `/api/runs/${caseId}`);
      if (run.body.case?.status === 'completed') return;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  afterAll(async () => {
    await browser?.close();
    await system?.stop();
  });

  async function openEditor(key: string) {
    await page.goto(`${system.baseUrl}/flows/${key}`);
    await page.getByTestId('flow-canvas').waitFor();
  }

  async function backtestIn(scope: ReturnType<Page['getByTestId']>) {
    await scope.getByTestId('backtest-summary').waitFor({ timeout: 120_000 });
    expect(await scope.getByTestId('backtest-summary').textContent()).toContain('1 flipped');
  }

  it('backtests the draft in the Backtest tab, the flipped case linking to its run', async () => {
    await openEditor(KEY);
    await page.getByTestId('tab-backtest').click();
    await page.getByTestId('backtest-start').click();
    const panel = page.getByTestId('backtest-panel');
    await backtestIn(panel);
    const flip = panel.getByTestId(`backtest-flip-${flipped}`);
    expect(await flip.textContent()).toContain('paid → to-review');
    expect(await flip.getByRole('link').getAttribute('href')).toBe(`/runs/${flipped}`);
    expect(await panel.getByTestId('backtest-flips').locator('tbody tr').count()).toBe(1);
    await screenshot(page, 'safe-publishing-en-backtest-panel');
  });

  it('publishes through the dialog: changes in words, the backtest first, a required note', async () => {
    await page.getByTestId('publish').click();
    const dialog = page.getByTestId('publish-dialog');
    await dialog.getByTestId('publish-changes').waitFor();
    expect(await dialog.getByTestId('publish-changes-in-words').textContent()).toContain(
      'small threshold 100 → 50',
    );
    expect(await dialog.getByTestId('publish-changed').textContent()).toContain('small');
    expect(await dialog.getByTestId('publish-gate').textContent()).toContain('3 past cases');
    const confirm = dialog.getByTestId('publish-confirm');
    await dialog.getByTestId('publish-note').fill('Review refunds from 50.00: too many paid blind');
    expect(await confirm.isDisabled()).toBe(true);

    await dialog.getByTestId('publish-run-backtest').click();
    await backtestIn(dialog);
    expect(await dialog.getByTestId(`backtest-flip-${flipped}`).count()).toBe(1);
    await screenshot(page, 'safe-publishing-en-publish-dialog');
    expect(await confirm.isEnabled()).toBe(true);
    await confirm.click();
    await expect
      .poll(() => page.getByTestId('status').textContent())
      .toContain('Published version 2');
    const audit = await call('get', '/api/audit/log?action=flow.published&pageSize=200');
    const entry = audit.body.items.find(
      (e: { target: { id: string }; details?: { version?: number } }) =>
        e.target.id === KEY && e.details?.version === 2,
    );
    expect(entry?.details).toMatchObject({
      note: 'Review refunds from 50.00: too many paid blind',
    });
    expect(entry?.details.backtestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('shows each version’s note and restores a version as draft', async () => {
    await page.getByTestId('tab-versions').click();
    expect(await page.getByTestId('version-note-1').textContent()).toBe('First version');
    expect(await page.getByTestId('version-note-2').textContent()).toContain('from 50.00');
    await page.getByTestId('restore-1').click();
    await expect.poll(() => page.getByTestId('status').textContent()).toContain('Version 1');
    await screenshot(page, 'safe-publishing-en-versions');
    const draft = await call('get', `/api/flows/${KEY}/draft`);
    const small = draft.body.document.nodes.find((node: { id: string }) => node.id === 'small');
    expect(small.condition).toEqual({ '<': [{ var: 'amount' }, 100] });
  });

  it('refuses a second flow for the same trigger and scope, naming the first', async () => {
    expect(
      (
        await call(
          'post',
          '/api/flows',
          smallRefundsFlow({ key: RIVAL, trigger: TRIGGER, threshold: 80 }),
        )
      ).status,
    ).toBe(201);
    await openEditor(RIVAL);
    await page.getByTestId('publish').click();
    const conflict = page.getByTestId('publish-conflict');
    await conflict.waitFor();
    expect(await conflict.textContent()).toContain(KEY);
    await page.getByTestId('publish-note').fill('A copy');
    expect(await page.getByTestId('publish-confirm').isDisabled()).toBe(true);
    await screenshot(page, 'safe-publishing-en-duplicate-trigger');
    await page.getByTestId('publish-cancel').click();
  });

  it('asks before archiving, with the cases the flow takes a day', async () => {
    await page.goto(`${system.baseUrl}/flows`);
    await page.getByTestId(`archive-${KEY}`).click();
    const question = page.getByTestId('archive-confirmation');
    await expect.poll(() => question.textContent()).toContain('3 cases in the last 30 days');
    expect(await question.textContent()).toContain('about 0.1 a day');
    await screenshot(page, 'safe-publishing-en-archive');
    await page.getByTestId('archive-cancel').click();
    expect((await call('get', `/api/flows/${KEY}/draft`)).body.archived).toBe(false);
  });

  it('says all of it in Chinese', async () => {
    await page.getByTestId('language-switch').selectOption('zh-CN');
    await expect.poll(() => page.getByTestId('nav-flows').textContent()).toBe('流程');

    await openEditor(KEY);
    await page.getByTestId('tab-backtest').click();
    await page.getByTestId('backtest-start').click();
    await backtestInChinese(page.getByTestId('backtest-panel'));
    await screenshot(page, 'safe-publishing-zh-backtest-panel');

    // The restored v1 differs from the live v2: the gate asks again.
    await page.getByTestId('publish').click();
    const dialog = page.getByTestId('publish-dialog');
    await dialog.getByTestId('publish-gate').waitFor();
    expect(await dialog.getByTestId('publish-gate').textContent()).toContain('3 个历史案件');
    expect(await dialog.getByTestId('publish-changes-in-words').textContent()).toContain(
      'small 阈值 50 → 100',
    );
    await dialog.getByTestId('publish-run-backtest').click();
    await backtestInChinese(dialog);
    await dialog.getByTestId('publish-note').fill('恢复 100.00 的阈值');
    await screenshot(page, 'safe-publishing-zh-publish-dialog');
    await dialog.getByTestId('publish-cancel').click();

    await page.getByTestId('tab-versions').click();
    expect(await page.getByTestId('restore-1').textContent()).toBe('恢复为草稿');
    await screenshot(page, 'safe-publishing-zh-versions');

    await openEditor(RIVAL);
    await page.getByTestId('publish').click();
    expect(await page.getByTestId('publish-conflict').textContent()).toContain('已在相同范围内');
    await screenshot(page, 'safe-publishing-zh-duplicate-trigger');
    await page.getByTestId('publish-cancel').click();

    await page.goto(`${system.baseUrl}/flows`);
    await page.getByTestId(`archive-${KEY}`).click();
    const question = page.getByTestId('archive-confirmation');
    await expect.poll(() => question.textContent()).toContain('处理了 3 个案件');
    await screenshot(page, 'safe-publishing-zh-archive');
    await page.getByTestId('archive-confirm').click();
    await page.getByTestId(`flow-row-${KEY}`).waitFor({ state: 'detached' });
    expect((await call('get', `/api/flows/${KEY}/draft`)).body.archived).toBe(true);
  });

  /** The restored v1 is what those cases ran under: nothing flips. */
  async function backtestInChinese(scope: ReturnType<Page['getByTestId']>) {
    await scope.getByTestId('backtest-summary').waitFor({ timeout: 120_000 });
    expect(await scope.getByTestId('backtest-summary').textContent()).toContain('3');
    // Said in words, not as an empty table's headings.
    expect(await scope.getByTestId('backtest-no-flips').textContent()).toBe(
      '在草稿下，没有任何过去的案件结果不同。',
    );
    expect(await scope.getByTestId('backtest-flips').count()).toBe(0);
  }
});
