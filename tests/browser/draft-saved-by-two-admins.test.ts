import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FlowDocument } from '../../designer/src/flows/flow-graph.ts';
import { launchChromium, screenshot, signIn } from './support/chromium.ts';
import { type RunningSystem, startSystem } from './support/running-system.ts';

const KEY = 'vendor-po-acknowledgement';

/**
 * Ada edits a flow in the designer while another admin saves the same draft through the API:
 * her save must not silently overwrite theirs, and she must see who saved and what differs.
 */
describe('a draft saved by another admin meanwhile', () => {
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

  async function draft() {
    const response = await fetch(`${system.baseUrl}/api/flows/${KEY}/draft`, {
      headers: { authorization: `Bearer ${system.adminToken}` },
    });
    return {
      etag: response.headers.get('etag') ?? '',
      ...((await response.json()) as { document: FlowDocument; savedBy: string }),
    };
  }

  it('is named with its changed nodes, and Ada overwrites it only when she chooses to', async () => {
    await page.goto(`${system.baseUrl}/flows/${KEY}`);
    await page.getByTestId('flow-canvas').waitFor();
    await page.getByTestId('auto-layout').click();
    await page.getByTestId('unsaved').waitFor();

    const theirs = await draft();
    const relabelled = {
      ...theirs.document,
      nodes: theirs.document.nodes.map((node) =>
        node.id === 'policy' ? { ...node, label: 'Relabelled by the other admin' } : node,
      ),
    };
    const saved = await fetch(`${system.baseUrl}/api/flows/${KEY}/draft`, {
      method: 'PUT',
      headers: {
        authorization: `Bearer ${system.adminToken}`,
        'content-type': 'application/json',
        'if-match': theirs.etag,
      },
      body: JSON.stringify(relabelled),
    });
    expect(saved.status).toBe(200);

    await page.getByTestId('save').click();
    const conflict = page.getByTestId('draft-conflict');
    await conflict.waitFor();
    expect(await conflict.textContent()).toContain('bootstrap-admin');
    expect(await page.getByTestId('draft-conflict-nodes').textContent()).toContain('policy');
    await screenshot(page, 'draft-changed-by-another-admin');
    expect((await draft()).savedBy).toBe('bootstrap-admin');

    await page.getByTestId('draft-conflict-overwrite').click();
    await conflict.waitFor({ state: 'detached' });
    await page.getByTestId('unsaved').waitFor({ state: 'detached' });
    const mine = await draft();
    expect(mine.savedBy).not.toBe('bootstrap-admin');
    expect(mine.document.nodes.find((node) => node.id === 'policy')?.label).not.toBe(
      'Relabelled by the other admin',
    );
  });
});
