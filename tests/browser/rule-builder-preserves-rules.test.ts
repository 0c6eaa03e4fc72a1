import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  type ActivityCatalog,
  canonicalJson,
  type FlowNode,
  type JsonValue,
  nodeRules,
  parseFlowDefinition,
} from '#flow-language';
import type { FlowDocument } from '../../designer/src/flows/flow-graph.ts';
import { representExactly } from '../../designer/src/flows/rule-conversion.ts';
import { type RuleField, ruleFields } from '../../designer/src/flows/rule-fields.ts';
import { LEAVE_QUESTION } from '../../designer/src/flows/unsaved-changes-guard.ts';
import { SHIPPED_POLICY_KEYS } from '../../policies/shipped-policies.ts';
import { launchChromium, screenshot, signIn } from './support/chromium.ts';
import { type RunningSystem, startSystem } from './support/running-system.ts';

const VIEWPORT = { width: 1440, height: 900 };

/** The designer lays out flows saved without positions; where a node sits is not what it means. */
function withoutLayout(document: FlowDocument): FlowDocument {
  return { ...document, nodes: document.nodes.map(({ position: _at, ...node }) => node) };
}

function parsed(document: unknown): string {
  const result = parseFlowDefinition(document);
  if (!result.ok) throw new Error(`does not parse: ${JSON.stringify(result.issues)}`);
  return canonicalJson(result.flow);
}

/**
 * Opening a policy and clicking through its nodes is reading, not editing: the rule builder must
 * not redraw a rule it cannot show (the refund policy's `daysSinceDelivery <= returnWindowDays`
 * was dropped that way, and a saved draft then auto-refunded late returns).
 */
describe('the designer keeps what the admin did not change', () => {
  let system: RunningSystem;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    [system, browser] = await Promise.all([startSystem(), launchChromium()]);
    context = await browser.newContext({ viewport: VIEWPORT });
    await signIn(await context.newPage(), system.baseUrl, 'ada', system.demoPassword);
  });

  afterAll(async () => {
    await browser?.close();
    await system?.stop();
  });

  // A page per test: one left with unsaved changes would ask before the next test could leave it.
  beforeEach(async () => {
    page = await context.newPage();
  });

  afterEach(async () => {
    await page.close();
  });

  async function api<T>(path: string): Promise<T> {
    const response = await fetch(`${system.baseUrl}${path}`, {
      headers: { authorization: `Bearer ${system.adminToken}` },
    });
    if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  }

  async function published(key: string): Promise<unknown> {
    const { versions } = await api<{ versions: { version: number }[] }>(
      `/api/flows/${key}/versions`,
    );
    const latest = versions.at(-1)?.version;
    if (latest === undefined) throw new Error(`${key} is not published`);
    return (await api<{ definition: unknown }>(`/api/flows/${key}/versions/${latest}`)).definition;
  }

  /** Selects a node as a keyboard user does (focus, Enter), wherever it sits on the canvas. */
  async function select(nodeId: string): Promise<void> {
    const node = page.locator(`.react-flow__node[data-id="${nodeId}"]`);
    await node.focus();
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.getByTestId('inspector').locator('h3 code').textContent())
      .toBe(nodeId);
  }

  /** The flow the editor holds, as it would run: what a test run of the unsaved draft sends. */
  async function editorDocument(): Promise<FlowDocument> {
    await page.getByTestId('test-run').click();
    const sent = page.waitForRequest(
      (request) => request.method() === 'POST' && request.url().endsWith('/test-run'),
    );
    await page.getByTestId('test-run-start').click();
    return ((await sent).postDataJSON() as { document: FlowDocument }).document;
  }

  /** The rule editor that shows a node's rule at `field` (a rule location of flow-language). */
  function ruleEditorTestId(field: string): string | undefined {
    if (field === 'condition') return 'inspector-condition';
    const when = /^cases\[(\d+)\]\.when$/.exec(field);
    if (when) return `inspector-case-${when[1]}-rule`;
    const assignment = /^assignments\.(.+)$/.exec(field);
    return assignment ? `inspector-assign-${assignment[1]}` : undefined;
  }

  function ruleEditors(node: FlowDocument['nodes'][number], fields: RuleField[]) {
    return nodeRules(node as FlowNode).flatMap(({ field, rule }) => {
      const testId = ruleEditorTestId(field);
      return testId ? [{ testId, drawn: representExactly(rule as JsonValue, fields) }] : [];
    });
  }

  async function catalog(): Promise<ActivityCatalog> {
    return (await api<{ activities: ActivityCatalog }>('/api/activity-catalog')).activities;
  }

  it.each(SHIPPED_POLICY_KEYS)('selecting every node of %s changes nothing', async (key) => {
    const { document: loaded } = await api<{ document: FlowDocument }>(`/api/flows/${key}/draft`);
    const fields = ruleFields(loaded, await catalog());
    await page.goto(`${system.baseUrl}/flows/${key}`);
    await page.getByTestId('flow-canvas').waitFor();
    for (const node of loaded.nodes) {
      await select(node.id);
      // Each rule is drawn in the builder only when it round-trips exactly, else shown as written.
      for (const { testId, drawn } of ruleEditors(node, fields)) {
        const editor = page.getByTestId(testId);
        const shownAs = drawn.ok
          ? editor.locator('.rule-builder')
          : editor.getByTestId(`${testId}-read-only`);
        await shownAs.waitFor();
        if (!drawn.ok) expect(await shownAs.textContent()).toContain(drawn.reason);
      }
    }

    expect(await page.getByTestId('unsaved').count()).toBe(0);
    expect(await page.getByTestId('undo').isDisabled()).toBe(true);
    expect(canonicalJson(withoutLayout(await editorDocument()))).toBe(
      canonicalJson(withoutLayout(loaded)),
    );
    const { document: saved } = await api<{ document: FlowDocument }>(`/api/flows/${key}/draft`);
    expect(canonicalJson(saved)).toBe(canonicalJson(loaded));
    expect(parsed(saved)).toBe(parsed(await published(key)));
  });

  it('draws the auto-approve case with its field-to-field condition, and shows what it cannot draw read-only', async () => {
    const key = 'marketplace-refund';
    const { document } = await api<{ document: FlowDocument }>(`/api/flows/${key}/draft`);
    const fields = ruleFields(document, await catalog());
    const undrawable = document.nodes.flatMap((node) =>
      ruleEditors(node, fields).flatMap(({ testId, drawn }) =>
        drawn.ok ? [] : [{ nodeId: node.id, testId, reason: drawn.reason }],
      ),
    );
    const [shown] = undrawable;
    if (!shown) throw new Error(`every rule of ${key} is drawable; nothing to show read-only`);

    await page.goto(`${system.baseUrl}/flows/${key}`);
    await page.getByTestId('flow-canvas').waitFor();
    await select(shown.nodeId);
    const readOnly = page.getByTestId(`${shown.testId}-read-only`);
    await expect.poll(() => readOnly.textContent()).toContain(shown.reason);
    await expect.poll(() => readOnly.getByRole('button', { name: 'Edit as JSON' }).count()).toBe(1);
    await screenshot(page, 'rule-builder-read-only');

    // A yes/no field read on its own (`{"var": "facts.delivered"}`) is drawn as "is true".
    const yesNo = document.nodes.find(
      (node) =>
        node.kind === 'decision' &&
        node.condition !== undefined &&
        JSON.stringify(Object.keys(node.condition as object)) === '["var"]' &&
        representExactly(node.condition, fields).ok,
    );
    if (yesNo) {
      await select(yesNo.id);
      const condition = page.getByTestId('inspector-condition');
      expect(await condition.locator('.rule-operators').inputValue()).toBe('isTrue');
      expect(await condition.locator('.rule-value').count()).toBe(0);
      await screenshot(page, 'rule-builder-yes-no');
    }

    await select('policy');
    const autoApprove = page.getByTestId('inspector-case-3-rule');
    await expect.poll(() => autoApprove.locator('.rule').count()).toBe(3);
    const windowRule = autoApprove.locator('.rule').nth(2);
    expect(await windowRule.locator('.rule-fields').inputValue()).toBe('daysSinceDelivery');
    expect(await windowRule.locator('.rule-operators').inputValue()).toBe('<=');
    expect(await windowRule.locator('.rule-valueSource').inputValue()).toBe('field');
    expect(await windowRule.locator('.rule-value').inputValue()).toBe('returnWindowDays');
    await autoApprove.scrollIntoViewIfNeeded();
    await screenshot(page, 'rule-builder-field-to-field');
    expect(await page.getByTestId('unsaved').count()).toBe(0);

    const highValue = page.getByTestId('inspector-case-1-rule');
    const amount = highValue.locator('.rule-amount');
    expect(await amount.inputValue()).toBe('200.00');
    await highValue.scrollIntoViewIfNeeded();
    await screenshot(page, 'rule-builder-amount');
    await amount.fill('250.50');
    await page.getByTestId('unsaved').waitFor();
    await highValue.getByTestId('inspector-case-1-rule-json-tab').click();
    const json = highValue.getByTestId('inspector-case-1-rule-json');
    expect(JSON.parse(await json.inputValue())).toEqual({
      '>=': [{ var: 'refundTotalCents' }, 25050],
    });
    await page.getByTestId('undo').click();
    await page.getByTestId('unsaved').waitFor({ state: 'detached' });
    expect(JSON.parse(await json.inputValue())).toEqual({
      '>=': [{ var: 'refundTotalCents' }, 20000],
    });
    await highValue.getByTestId('inspector-case-1-rule-visual-tab').click();
    expect(await amount.inputValue()).toBe('200.00');
  });

  it('asks before leaving the editor with unsaved changes, and not without', async () => {
    await page.goto(`${system.baseUrl}/flows/vendor-po-acknowledgement`);
    await page.getByTestId('flow-canvas').waitFor();
    const toFlowList = page.getByTestId('flow-editor').getByRole('link', { name: 'Flows' });
    await select('policy');
    await page.getByTestId('inspector-label').fill('Accept at once?');
    await page.getByTestId('unsaved').waitFor();

    const questions: string[] = [];
    page.once('dialog', (dialog) => {
      questions.push(dialog.message());
      void dialog.dismiss();
    });
    await toFlowList.click();
    await expect.poll(() => questions).toEqual([LEAVE_QUESTION]);
    expect(new URL(page.url()).pathname).toBe('/flows/vendor-po-acknowledgement');
    await page.getByTestId('unsaved').waitFor();

    const closing = page.waitForEvent('dialog');
    await page.close({ runBeforeUnload: true });
    const prompt = await closing;
    expect(prompt.type()).toBe('beforeunload');
    await prompt.dismiss();
    expect(page.isClosed()).toBe(false);

    page.once('dialog', (dialog) => void dialog.accept());
    await toFlowList.click();
    await page.waitForURL(`${system.baseUrl}/flows`);
    const { document } = await api<{ document: FlowDocument }>(
      '/api/flows/vendor-po-acknowledgement/draft',
    );
    expect(document.nodes.find((node) => node.id === 'policy')?.label).not.toBe('Accept at once?');

    // Nothing unsaved: leaving asks nothing (an unexpected dialog would be dismissed and stay).
    await page.goto(`${system.baseUrl}/flows/vendor-po-acknowledgement`);
    await page.getByTestId('flow-canvas').waitFor();
    await select('policy');
    await toFlowList.click();
    await page.waitForURL(`${system.baseUrl}/flows`);
  });
});
