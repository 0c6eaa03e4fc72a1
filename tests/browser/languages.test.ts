import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshot, signIn } from './support/chromium.ts';
import { type RunningSystem, startSystem } from './support/running-system.ts';

/** The screens an admin walks through, each shot in both languages for a person to compare. */
const SCREENS = ['flows', 'runs', 'metrics'] as const;

/** What each screen shows once its data arrived, so the shot is not of an empty panel. */
const LOADED: Record<(typeof SCREENS)[number], string> = {
  flows: '[data-testid^="flow-row-"]',
  runs: '[data-testid="runs"] :is(table, p)',
  metrics: '[data-testid="metrics"] :is(table, p)',
};

describe('the web app in Chinese and English', () => {
  let system: RunningSystem;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    [system, browser] = await Promise.all([startSystem(), launchChromium()]);
    const context = await browser.newContext({
      viewport: { width: 1440, height: 900 },
      locale: 'en-US',
      // The teams work in China: local times must say so, and differ from UTC.
      timezoneId: 'Asia/Shanghai',
    });
    page = await context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await system?.stop();
  });

  async function shootScreens(language: 'en' | 'zh') {
    for (const screen of SCREENS) {
      await page.getByTestId(`nav-${screen}`).click();
      await page.locator(LOADED[screen]).first().waitFor();
      await screenshot(page, `${language}-${screen}`);
    }
    await page.getByTestId('nav-flows').click();
    await page.locator('[data-testid^="flow-row-"] a').first().click();
    await page.getByTestId('problems-panel').waitFor();
    await screenshot(page, `${language}-flow-editor`);
  }

  it('starts in English for an English browser', async () => {
    await signIn(page, system.baseUrl, 'ada', system.demoPassword);
    expect(await page.getByTestId('nav-flows').textContent()).toBe('Flows');
    expect(await page.getByTestId('sign-out').textContent()).toBe('Sign out');
    await shootScreens('en');
  });

  it('switches to Chinese from the top bar and keeps the choice after a reload', async () => {
    await page.getByTestId('language-switch').selectOption('zh-CN');
    await expect.poll(() => page.getByTestId('nav-flows').textContent()).toBe('流程');
    expect(await page.getByTestId('sign-out').textContent()).toBe('退出登录');
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    await page.reload();
    await page.getByTestId('whoami').waitFor();
    expect(await page.getByTestId('nav-flows').textContent()).toBe('流程');
    expect(await page.getByTestId('whoami').textContent()).toContain('管理员');
    await shootScreens('zh');
    expect(await page.getByTestId('problems-panel').textContent()).toMatch(/问题/);
    expect(await page.getByTestId('tab-inspector').textContent()).toBe('属性');
  });

  it('names the time zone of audit times and shows them in UTC on request', async () => {
    await page.goto(`${system.baseUrl}/audit`);
    const firstWhen = page
      .locator('[data-testid="audit-log-table"] tbody tr td:nth-child(2)')
      .first();
    await firstWhen.waitFor();
    expect(await firstWhen.textContent()).toMatch(/GMT\+8/);
    await page.getByTestId('utc-toggle').check();
    await expect.poll(() => firstWhen.textContent()).toMatch(/UTC/);
    await screenshot(page, 'zh-audit-log');
    await page.getByTestId('utc-toggle').uncheck();
    await expect.poll(() => firstWhen.textContent()).toMatch(/GMT\+8/);
  });

  it('switches back to English', async () => {
    await page.getByTestId('language-switch').selectOption('en');
    await expect.poll(() => page.getByTestId('nav-flows').textContent()).toBe('Flows');
    expect(await page.getByTestId('audit-log').locator('h1').textContent()).toBe('Audit log');
  });
});
