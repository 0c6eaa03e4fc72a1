import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshot, signIn } from './support/chromium.ts';
import { type RunningSystem, startSystem } from './support/running-system.ts';

const suffix = randomUUID().slice(0, 8);
const trigger = `return.photos.${suffix}`;
const flowKey = `photo-returns-${suffix}`;
const QUALITY = "Quality problem: review the buyer's photos";

/** A return flow whose requester form has a list, an amount in cents and buyer data. */
const photoReturns = {
  key: flowKey,
  name: 'Photo returns',
  version: 1,
  inputs: {
    orderId: { type: 'string', required: true, description: 'Amazon order id' },
    reason: { type: 'string', required: true, enum: ['no-reason', 'quality-problem'] },
    refundCents: { type: 'integer', required: true, description: 'What the buyer asks back' },
    buyerEmail: { type: 'string', required: false, pii: true },
  },
  variables: {},
  nodes: [
    { id: 'start', kind: 'start', trigger, position: { x: 0, y: 0 } },
    {
      id: 'why',
      kind: 'decision',
      label: 'Why returned',
      cases: [
        { id: 'quality', label: QUALITY, when: { '==': [{ var: 'reason' }, 'quality-problem'] } },
      ],
      position: { x: 0, y: 120 },
    },
    {
      id: 'photos',
      kind: 'approval',
      title: 'Check the photos',
      assignee: { role: 'reviewer' },
      position: { x: 0, y: 240 },
    },
    { id: 'auto', kind: 'end', outcome: 'auto-approved', position: { x: 200, y: 240 } },
    { id: 'refunded', kind: 'end', outcome: 'refunded', position: { x: 0, y: 360 } },
    { id: 'rejected', kind: 'end', outcome: 'rejected', position: { x: 200, y: 360 } },
  ],
  edges: [
    { id: 'e1', source: 'start', target: 'why' },
    { id: 'e2', source: 'why', target: 'photos', handle: 'quality' },
    { id: 'e3', source: 'why', target: 'auto', handle: 'default' },
    { id: 'e4', source: 'photos', target: 'refunded', handle: 'approved' },
    { id: 'e5', source: 'photos', target: 'rejected', handle: 'rejected' },
  ],
};

/** Words each language must show, so a screen in the wrong language fails the test. */
const WORDS = {
  en: { requests: 'Requests', because: 'Why it is here', done: 'Done by me', approved: 'approved' },
  zh: { requests: '申请', because: '转到人工的原因', done: '我已处理', approved: '已批准' },
} as const;

describe('a requester’s case reaches a reviewer, in English and Chinese', () => {
  let system: RunningSystem;
  let browser: Browser;

  beforeAll(async () => {
    [system, browser] = await Promise.all([startSystem(), launchChromium()]);
    const admin = await browser.newContext();
    const page = await admin.newPage();
    await signIn(page, system.baseUrl, 'ada', system.demoPassword);
    const created = await page.request.post(`${system.baseUrl}/api/flows`, { data: photoReturns });
    expect(created.status(), await created.text()).toBe(201);
    const published = await page.request.post(`${system.baseUrl}/api/flows/${flowKey}/publish`, {
      data: { note: 'Photo returns for the requester journey' },
    });
    expect(published.status(), await published.text()).toBeLessThan(300);
    await admin.close();
  });
  afterAll(async () => {
    await browser?.close();
    await system?.stop();
  });

  async function personIn(language: 'en' | 'zh', username: string): Promise<Page> {
    const context = await browser.newContext({
      viewport: { width: 1440, height: 900 },
      locale: language === 'zh' ? 'zh-CN' : 'en-US',
      timezoneId: 'Asia/Shanghai',
    });
    const page = await context.newPage();
    await signIn(page, system.baseUrl, username, system.demoPassword);
    return page;
  }

  for (const language of ['en', 'zh'] as const) {
    const words = WORDS[language];
    const orderId = `114-${language}-${suffix}`;
    let caseId = '';

    it(`${language}: Rita submits the case from the generated form and sees it under my cases`, async () => {
      const page = await personIn(language, 'rita');
      await expect.poll(() => page.getByTestId('nav-requests').textContent()).toBe(words.requests);
      await page.getByTestId('nav-requests').click();
      await page.getByTestId('request-trigger').selectOption(`${trigger}/${flowKey}`);
      const form = page.getByTestId(`request-form-${trigger}`);
      await form.getByTestId('request-field-orderId').fill(orderId);
      const reasons = await form
        .getByTestId('request-field-reason')
        .locator('option')
        .allTextContents();
      expect(reasons.slice(1)).toEqual(['no-reason', 'quality-problem']);
      await form.getByTestId('request-field-reason').selectOption('quality-problem');
      await form.getByTestId('request-field-refundCents').fill('150.00');
      await form.getByTestId('request-marketplace').fill('DE');
      await screenshot(page, `${language}-requester-form`);
      await form.getByTestId('request-submit').click();
      const submitted = page.getByTestId('request-submitted');
      await submitted.waitFor();
      caseId = /req-[a-f0-9]+/.exec((await submitted.textContent()) ?? '')?.[0] ?? '';
      expect(caseId).not.toBe('');
      const row = page.getByTestId(`my-case-${caseId}`);
      await row.waitFor();
      expect(await row.textContent()).toContain(orderId);
      await screenshot(page, `${language}-my-cases`);
      await page.context().close();
    });

    it(`${language}: Rob finds it by order in the inbox, the filter kept in the URL`, async () => {
      const page = await personIn(language, 'rob');
      await page.getByTestId('inbox').waitFor();
      // The filtered answer comes late, as from a busy server: until it arrives, the rows the
      // inbox showed before the filter must not pass for matches.
      await page.route(/\/api\/inbox\?.*q=/, async (route) => {
        await new Promise((resolve) => setTimeout(resolve, 800));
        await route.continue();
      });
      await page.getByTestId('inbox-search').fill(orderId);
      await page.getByTestId('inbox-apply').click();
      await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe(orderId);
      const row = page.getByTestId(`inbox-task-${caseId}`);
      await expect
        .poll(
          async () => {
            await page.getByTestId('inbox-refresh').click();
            return row.count();
          },
          { timeout: 60_000 },
        )
        .toBe(1);
      expect(await page.locator('[data-testid^="inbox-task-"]').count()).toBe(1);
      expect(await row.getByTestId('inbox-amount').textContent()).toBe('150.00');
      expect(await row.getByTestId('inbox-order').textContent()).toBe(orderId);
      expect(await row.getByTestId('inbox-age').textContent()).toMatch(/^\d+ (min|分钟)$/);
      await page.reload();
      await row.waitFor();
      expect(await page.getByTestId('inbox-search').inputValue()).toBe(orderId);
      await screenshot(page, `${language}-inbox-filtered`);

      await row.getByRole('link').click();
      await page.getByTestId('task').waitFor();
      const reason = page.getByTestId('task-business-reason');
      expect(await reason.textContent()).toContain(words.because);
      expect(await page.getByTestId('task-business-reason-label').textContent()).toBe(QUALITY);
      expect(await page.getByTestId('task-business-reason-rule').textContent()).toContain(
        'reason = “quality-problem”',
      );
      expect(await page.getByTestId('case-facts').textContent()).toContain('Rita (requester)');
      expect(await page.getByTestId('case-facts').textContent()).toContain('150.00');
      // People by name, also in the trail that sent the case here (reviewers cannot list users).
      expect(await page.getByTestId('task-reasons-timeline').textContent()).toContain(
        'Rita (requester)',
      );
      await screenshot(page, `${language}-task`);

      await page.getByTestId('decision-approve').click();
      await page.getByTestId('decision-recorded').waitFor();
      await page.reload();
      await page.getByTestId('task').waitFor();
      await expect
        .poll(() => page.getByTestId('task-status').textContent(), { timeout: 60_000 })
        .toBe(words.approved);
      expect(await page.getByTestId('decision-approve').count()).toBe(0);
      expect(await page.getByTestId('task-decisions').textContent()).toContain('Rob (reviewer)');
      await screenshot(page, `${language}-task-decided`);

      await page.goto(`${system.baseUrl}/inbox`);
      await page.getByTestId('inbox-view-done').click();
      expect(await page.getByTestId('inbox-view-done').textContent()).toBe(words.done);
      await expect.poll(() => new URL(page.url()).searchParams.get('view')).toBe('done');
      await page.getByTestId(`inbox-task-${caseId}`).waitFor();
      await screenshot(page, `${language}-done-by-me`);
      await page.context().close();
    });
  }
});
