import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshot, signIn } from './support/chromium.ts';
import { type RunningSystem, startSystem } from './support/running-system.ts';
import { smallRefundsFlow } from './support/small-refunds-flow.ts';

const POLICY = 'marketplace-refund';
const WIDE = { width: 1500, height: 1000 } as const;
const NARROW = { width: 1280, height: 800 } as const;
type Language = 'en' | 'zh-CN';

const suffix = randomUUID().slice(0, 6);
const SMALL = `first-view-small-${suffix}`;
const TRIGGER = `refund.first-view-${suffix}`;

// Strings, not functions: tsx would wrap named inner functions in a helper the page lacks.
/** Cards sticking out of the canvas on the left or the right, by id. */
const CARDS_OUTSIDE = `(() => {
  const pane = document.querySelector('[data-testid="flow-canvas"] .react-flow').getBoundingClientRect();
  return [...document.querySelectorAll('[data-testid="flow-canvas"] .react-flow__node')]
    .filter((node) => {
      const box = node.getBoundingClientRect();
      return box.left < pane.left - 0.5 || box.right > pane.right + 0.5;
    })
    .map((node) => node.dataset.id);
})()`;

/**
 * What of the backtest result cannot be read whole: anything past the panel's right edge or cut
 * inside its box, columns a few characters wide, labels or figures broken over lines (币/种).
 * A flip's case and outcome may wrap at a space or inside a long id, its explanation anywhere.
 */
const BACKTEST_UNREADABLE = `(() => {
  const panel = document.querySelector('[data-testid="backtest-panel"]');
  const edge = panel.getBoundingClientRect().right;
  const name = (element) => element.tagName + ' "' + (element.textContent ?? '').trim().slice(0, 24) + '"';
  const problems = [];
  if (panel.scrollWidth > panel.clientWidth) problems.push('the panel scrolls sideways');
  for (const element of panel.querySelectorAll('[data-testid="backtest-result"] *')) {
    if (element.getBoundingClientRect().right > edge + 0.5) problems.push('past the edge: ' + name(element));
    if (element.scrollWidth > element.clientWidth + 0.5 && element.clientWidth > 0)
      problems.push('cut: ' + name(element));
  }
  for (const element of panel.querySelectorAll(':is(th, td, dt, dd):not(.backtest-why)')) {
    const fontSize = parseFloat(getComputedStyle(element).fontSize);
    if (element.getBoundingClientRect().width < 4 * fontSize) problems.push('squeezed: ' + name(element));
    if (element.tagName === 'TD') continue;
    const range = document.createRange();
    range.selectNodeContents(element);
    if (range.getBoundingClientRect().height > 1.6 * fontSize) problems.push('wrapped: ' + name(element));
  }
  return problems;
})()`;

/**
 * What a demanding admin sees first in the designer: a large flow's full width, cards that
 * follow a language switch at once, and backtest figures that fit the side panel, in English
 * and Chinese, at the default window and a laptop's.
 */
describe('the flow designer at first sight', () => {
  let system: RunningSystem;
  let browser: Browser;
  let policyNodes: number;

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

  /** The backtest reads closed cases only. */
  async function closed(caseId: string) {
    for (;;) {
      const run = await call('get', `/api/runs/${caseId}`);
      if (run.body.case?.status === 'completed') return;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  beforeAll(async () => {
    [system, browser] = await Promise.all([startSystem(), launchChromium()]);
    policyNodes = (await call('get', `/api/flows/${POLICY}/draft`)).body.document.nodes.length;
    expect(
      (
        await call(
          'post',
          '/api/flows',
          smallRefundsFlow({ key: SMALL, trigger: TRIGGER, threshold: 100, currency: true }),
        )
      ).status,
    ).toBe(201);
    expect((await call('post', `/api/flows/${SMALL}/publish`, { note: 'First' })).status).toBe(200);
    const caseIds = [20, 70, 150].map((amount) => `${SMALL}-case-${amount}`);
    for (const caseId of caseIds) {
      const input = { amount: Number(caseId.split('-').at(-1)), orderId: `114-${caseId}` };
      const submitted = await call(
        'post',
        '/api/cases',
        { trigger: TRIGGER, caseId, input: { ...input, currency: 'EUR' } },
        system.demoToken,
      );
      expect(submitted.status).toBeLessThan(300);
    }
    for (const caseId of caseIds) await closed(caseId);
    // The 70.00 refund, paid by the rule, would now be reviewed: one flip to explain.
    expect(
      (
        await call(
          'put',
          `/api/flows/${SMALL}/draft`,
          smallRefundsFlow({ key: SMALL, trigger: TRIGGER, threshold: 50, currency: true }),
        )
      ).status,
    ).toBe(200);
  });

  afterAll(async () => {
    await browser?.close();
    await system?.stop();
  });

  /** Chosen with the switch and kept on the account, which the next page load adopts. */
  async function chooseLanguage(page: Page, language: Language) {
    const languageSwitch = page.getByTestId('language-switch');
    if ((await languageSwitch.inputValue()) === language) return;
    const kept = page.waitForResponse(
      (response) =>
        response.request().method() === 'PUT' && response.url().endsWith('/preferences'),
    );
    await languageSwitch.selectOption(language);
    await kept;
  }

  async function openAs(context: BrowserContext, language: Language, flowKey: string) {
    const page = await context.newPage();
    await signIn(page, system.baseUrl, 'ada', system.demoPassword);
    await chooseLanguage(page, language);
    await page.goto(`${system.baseUrl}/flows/${flowKey}`);
    await page.getByTestId('flow-canvas').waitFor();
    return page;
  }

  /** Every node measured (the minimap draws only those) and the opening view settled. */
  async function opened(page: Page) {
    await expect
      .poll(() => page.locator('.react-flow__minimap-node').count(), { timeout: 30_000 })
      .toBe(policyNodes);
    let last = '';
    await expect
      .poll(async () => {
        const now = await page.locator('.react-flow__viewport').getAttribute('style');
        const settled = now === last;
        last = now ?? '';
        return settled;
      })
      .toBe(true);
  }

  const FIRST_VIEWS = [
    { viewport: WIDE, language: 'en' },
    { viewport: NARROW, language: 'zh-CN' },
  ] as const;
  for (const { viewport, language } of FIRST_VIEWS) {
    const size = `${viewport.width}x${viewport.height}`;
    it(`opens the refund policy with its full width in view at ${size} in ${language}`, async () => {
      const context = await browser.newContext({ viewport });
      try {
        const page = await openAs(context, language, POLICY);
        await opened(page);
        expect(await page.evaluate(CARDS_OUTSIDE)).toEqual([]);
        await screenshot(page, `first-view-${language}-${size}`);

        // Zoomed in past the edges, "Fit view" brings the whole width back.
        await page.locator('.react-flow__controls-zoomin').click();
        await page.locator('.react-flow__controls-zoomin').click();
        await expect.poll(() => page.evaluate(CARDS_OUTSIDE)).not.toEqual([]);
        await page.getByTestId('fit-view').click();
        await expect.poll(() => page.evaluate(CARDS_OUTSIDE)).toEqual([]);
      } finally {
        await context.close();
      }
    });
  }

  it('names each card’s kind and exits in the language just chosen', async () => {
    const context = await browser.newContext({ viewport: WIDE });
    try {
      const page = await openAs(context, 'en', POLICY);
      await opened(page);
      const decision = page.locator('[data-testid="node-delivered"]');
      const kind = decision.locator('.flow-node-kind');
      const trueExit = page.getByTestId('handle-delivered-true');
      expect(await kind.textContent()).toBe('Decision');
      expect(await trueExit.textContent()).toBe('true');

      await page.getByTestId('language-switch').selectOption('zh-CN');
      await expect.poll(() => page.getByTestId('nav-flows').textContent()).toBe('流程');
      // At once: no pan, click or edit in between.
      expect(await kind.textContent()).toBe('判断');
      expect(await trueExit.textContent()).toBe('是');
      expect(await trueExit.getAttribute('aria-label')).toBe('delivered 的出口：是');
      expect(await decision.locator('.flow-node-detail').textContent()).toBe('是 / 否');
      const kinds = await page.locator('.flow-node-kind').allTextContents();
      expect(kinds.filter((word) => /[A-Za-z]/.test(word))).toEqual([]);
      // React Flow's own buttons too (it ships them in English only).
      const zoomIn = page.locator('.react-flow__controls-zoomin');
      expect(await zoomIn.getAttribute('title')).toBe('放大');
      expect(await page.locator('.react-flow__minimap-svg title').textContent()).toBe('全局缩略图');
      await screenshot(page, 'first-view-cards-switched-to-zh-CN');

      await page.getByTestId('language-switch').selectOption('en');
      await expect.poll(() => kind.textContent()).toBe('Decision');
      expect(await trueExit.textContent()).toBe('true');
      expect(await zoomIn.getAttribute('title')).toBe('Zoom in');
    } finally {
      await context.close();
    }
  });

  for (const viewport of [WIDE, NARROW]) {
    const size = `${viewport.width}x${viewport.height}`;
    it(`shows the backtest figures and flipped cases whole in the side panel at ${size}`, async () => {
      const context = await browser.newContext({ viewport });
      try {
        const page = await openAs(context, 'en', SMALL);
        await page.getByTestId('tab-backtest').click();
        await page.getByTestId('backtest-start').click();
        const panel = page.getByTestId('backtest-panel');
        await panel.getByTestId('backtest-summary').waitFor({ timeout: 120_000 });
        const flip = panel.getByTestId(`backtest-flip-${SMALL}-case-70`);
        await flip.waitFor();
        // What the rule read, as the admin names it, not as JSON.
        expect(await flip.textContent()).toContain('read amount = 70)');
        expect(await panel.getByTestId('backtest-currency-EUR').textContent()).toContain('3');
        expect(await page.evaluate(BACKTEST_UNREADABLE)).toEqual([]);
        await screenshot(page, `first-view-backtest-en-${size}`);

        await chooseLanguage(page, 'zh-CN');
        await expect
          .poll(() => panel.getByTestId('backtest-summary').textContent())
          .toMatch(/案件/);
        // Where it parted and what the rule was for, in Chinese: ports and purposes translated.
        expect(await flip.textContent()).toContain('是 → 否 · 条件');
        expect(await page.evaluate(BACKTEST_UNREADABLE)).toEqual([]);
        await screenshot(page, `first-view-backtest-zh-CN-${size}`);
      } finally {
        await context.close();
      }
    });
  }
});
