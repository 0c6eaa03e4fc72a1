import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshot, signIn } from './support/chromium.ts';
import { type RunningSystem, startSystem } from './support/running-system.ts';

const suffix = randomUUID().slice(0, 8);
const trigger = `return.audit.${suffix}`;
const flowKey = `audited-returns-${suffix}`;

/** Quality problems go to a reviewer; every other return is approved by the rule. */
const auditedReturns = {
  key: flowKey,
  name: 'Audited returns',
  version: 1,
  inputs: {
    orderId: { type: 'string', required: true },
    reason: { type: 'string', required: true, enum: ['no-reason', 'quality-problem'] },
  },
  variables: {},
  nodes: [
    { id: 'start', kind: 'start', trigger, position: { x: 0, y: 0 } },
    {
      id: 'why',
      kind: 'decision',
      label: 'Why returned',
      cases: [{ id: 'quality', when: { '==': [{ var: 'reason' }, 'quality-problem'] } }],
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

const cases = [
  { caseId: `kettle-${suffix}`, orderId: `303-4455667-${suffix}`, reason: 'quality-problem' },
  { caseId: `toaster-${suffix}`, orderId: `303-9988776-${suffix}`, reason: 'quality-problem' },
  { caseId: `lamp-${suffix}`, orderId: `028-1212121-${suffix}`, reason: 'no-reason' },
];

/** Words each language must show, so a screen in the wrong language fails the test. */
const WORDS = {
  en: { caseId: 'Case id (or part)', workload: 'Reviewer workload', period: 'Show' },
  zh: { caseId: '案件 ID（可输入部分）', workload: '审核人工作量', period: '显示' },
} as const;

/** Today where the auditors are: the audit log's days are the reader's own. */
const shanghaiToday = () =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
/** Today in UTC: metrics and runs take a day as its midnight UTC, as the API does. */
const utcToday = () => new Date().toISOString().slice(0, 10);

describe('auditors search runs, filter the audit log and read metrics, in English and Chinese', () => {
  let system: RunningSystem;
  let browser: Browser;

  beforeAll(async () => {
    [system, browser] = await Promise.all([startSystem(), launchChromium()]);
    const admin = await (await browser.newContext()).newPage();
    await signIn(admin, system.baseUrl, 'ada', system.demoPassword);
    const created = await admin.request.post(`${system.baseUrl}/api/flows`, {
      data: auditedReturns,
    });
    expect(created.status(), await created.text()).toBe(201);
    const published = await admin.request.post(`${system.baseUrl}/api/flows/${flowKey}/publish`, {
      data: { note: 'Returns for the auditor screens' },
    });
    expect(published.status(), await published.text()).toBeLessThan(300);
    for (const { caseId, orderId, reason } of cases) {
      const submitted = await admin.request.post(`${system.baseUrl}/api/cases`, {
        headers: { authorization: `Bearer ${system.demoToken}` },
        data: { trigger, caseId, input: { orderId, reason } },
      });
      expect(submitted.status(), await submitted.text()).toBe(201);
    }
    await admin.context().close();
    await robApprovesTheKettle();
  });
  afterAll(async () => {
    await browser?.close();
    await system?.stop();
  });

  async function robApprovesTheKettle() {
    const rob = await (await browser.newContext()).newPage();
    await signIn(rob, system.baseUrl, 'rob', system.demoPassword);
    // The run opens the task a moment after the submission answered.
    let taskId = '';
    for (let attempt = 0; attempt < 240 && !taskId; attempt += 1) {
      const inbox = await (await rob.request.get(`${system.baseUrl}/api/inbox?view=roles`)).json();
      taskId =
        inbox.items?.find((task: { caseId: string }) => task.caseId === cases[0]?.caseId)?.id ?? '';
      if (!taskId) await rob.waitForTimeout(250);
    }
    expect(taskId).not.toBe('');
    const decided = await rob.request.post(`${system.baseUrl}/api/tasks/${taskId}/decide`, {
      data: { verdict: 'approve', requestId: randomUUID() },
    });
    expect(decided.status(), await decided.text()).toBe(200);
    await rob.context().close();
  }

  async function auditorIn(language: 'en' | 'zh'): Promise<Page> {
    const context = await browser.newContext({
      viewport: { width: 1440, height: 900 },
      locale: language === 'zh' ? 'zh-CN' : 'en-US',
      timezoneId: 'Asia/Shanghai',
    });
    const page = await context.newPage();
    await signIn(page, system.baseUrl, 'aud', system.demoPassword);
    return page;
  }

  for (const language of ['en', 'zh'] as const) {
    const words = WORDS[language];

    it(`${language}: finds runs by part of the order id and of the case id`, async () => {
      const page = await auditorIn(language);
      await page.getByTestId('nav-runs').click();
      expect(await page.getByTestId('runs-filter-caseId').getAttribute('placeholder')).toBe(
        words.caseId,
      );
      await page.getByTestId('runs-filter-orderId').fill(`303-`);
      await page.getByTestId('runs-filter-flowKey').fill(flowKey);
      await page.getByTestId('runs-filter-apply').click();
      const rows = page.locator('[data-testid^="run-row-"]');
      await expect.poll(() => rows.count()).toBe(2);
      expect(page.url()).toContain('orderId=303-');
      await screenshot(page, `${language}-auditor-runs-by-order`);

      await clearRunFilters(page);
      await page.getByTestId('runs-filter-caseId').fill(`LAMP-${suffix}`);
      await page.getByTestId('runs-filter-apply').click();
      await expect.poll(() => rows.count()).toBe(1);
      await page.getByTestId(`run-row-${cases[2]?.caseId}`).waitFor();
      // Typed text is taken literally: a pattern finds nothing rather than everything.
      await clearRunFilters(page);
      await page.getByTestId('runs-filter-orderId').fill('.*');
      await page.getByTestId('runs-filter-apply').click();
      await page.locator('[data-testid="runs"] p.muted').waitFor();
      expect(await rows.count()).toBe(0);
      await page.context().close();
    });

    it(`${language}: filters the audit log by action, person and day`, async () => {
      const page = await auditorIn(language);
      await page.getByTestId('nav-audit').click();
      await page.getByTestId('audit-log-table').waitFor();
      await page.getByTestId('audit-filter-action').selectOption('task.decided');
      await page.getByTestId('audit-filter-person').fill('ro');
      await page.getByTestId('audit-filter-from').fill(shanghaiToday());
      await page.getByTestId('audit-filter-to').fill(shanghaiToday());
      await page.getByTestId('audit-filter-apply').click();
      const rows = page.locator('[data-testid="audit-log-table"] tbody tr');
      await expect.poll(() => rows.count()).toBe(1);
      expect(await rows.first().textContent()).toContain('task.decided');
      await screenshot(page, `${language}-auditor-audit-filtered`);
      // Nobody called Rita decided a task.
      await page.getByTestId('audit-filter-person').fill('rita');
      await page.getByTestId('audit-filter-apply').click();
      await expect.poll(() => rows.count()).toBe(0);
      await page.context().close();
    });

    it(`${language}: reads metrics over a period, per version, with backlog and workload`, async () => {
      const page = await auditorIn(language);
      await page.getByTestId('nav-metrics').click();
      await page.getByTestId('metrics-from').fill(utcToday());
      expect(await page.getByTestId('metrics-apply').textContent()).toBe(words.period);
      await page.getByTestId('metrics-apply').click();
      const flowRow = page.getByTestId(`metrics-${flowKey}`);
      await flowRow.waitFor();
      expect(await page.getByTestId(`metrics-${flowKey}-backlog`).textContent()).toMatch(/^1/);
      await page.getByTestId(`metrics-${flowKey}-v1`).waitFor();
      expect(await page.getByTestId('workload-title').textContent()).toBe(words.workload);
      expect(await page.getByTestId('reviewer-workload').textContent()).toContain('1');
      await screenshot(page, `${language}-auditor-metrics`);
      // A period that ended before today holds none of these cases.
      await page.getByTestId('metrics-from').fill('2020-01-01');
      await page.getByTestId('metrics-to').fill('2020-01-02');
      await page.getByTestId('metrics-apply').click();
      await expect.poll(() => flowRow.count()).toBe(0);
      // The version row links to the runs it counts.
      await page.getByTestId('metrics-from').fill(utcToday());
      await page.getByTestId('metrics-to').fill('');
      await page.getByTestId('metrics-apply').click();
      await page.getByTestId(`metrics-${flowKey}-v1-runs`).click();
      await page.getByTestId('runs-table').waitFor();
      expect(page.url()).toContain(`flowKey=${flowKey}&flowVersion=1`);
      await expect.poll(() => page.locator('[data-testid^="run-row-"]').count()).toBe(3);
      await page.context().close();
    });
  }
});

/**
 * Clearing re-creates the filter bar once the address has no filters; typing before that would
 * go into the bar being replaced.
 */
async function clearRunFilters(page: Page): Promise<void> {
  await page.getByTestId('runs-filter-clear').click();
  await expect.poll(() => new URL(page.url()).search).toBe('');
}
