import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDatabase } from '#platform/database';
import { RefundIntents } from '../../worker/activities/marketplace/refund-intents.ts';
import { launchChromium, screenshot, signIn } from './support/chromium.ts';
import { type RunningSystem, startSystem } from './support/running-system.ts';

/** A refund whose createFeed answer was lost while two feeds appeared: nobody can tell. */
async function stageRefundInDoubt(mongoUri: string, refundId: string) {
  const database = await connectDatabase(mongoUri);
  try {
    const intents = new RefundIntents(database);
    await intents.createIfAbsent({
      _id: refundId,
      caseId: `case-${refundId}`,
      orderId: '113-4827361-0192837',
      account: 'A3EMULATEDSELLER:ATVPDKIKX0DER',
      currency: 'USD',
      reason: 'CustomerReturn',
      lines: [
        {
          adjustmentItemId: `${refundId}-1`,
          orderItemId: '52840173620911',
          components: { Principal: 2499 },
        },
      ],
      fingerprint: 'staged',
      createdAt: new Date(),
    });
    await intents.move(refundId, 'prepared', 'submitting', 'sending createFeed');
    await intents.move(
      refundId,
      'submitting',
      'needs-review',
      'createFeed answer lost and 2 unattributed feeds exist',
    );
  } finally {
    await database.close();
  }
}

describe('refunds needing a person, in the browser', () => {
  let system: RunningSystem;
  let browser: Browser;
  let page: Page;
  const refundId = `RR-in-doubt-${Date.now()}`;

  beforeAll(async () => {
    [system, browser] = await Promise.all([startSystem(), launchChromium()]);
    await stageRefundInDoubt(system.mongoUri, refundId);
    page = await (await browser.newContext({ viewport: { width: 1280, height: 720 } })).newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await system?.stop();
  });

  it('shows an admin the refund in doubt and records the answer with its reason', async () => {
    await signIn(page, system.baseUrl, 'ada', system.demoPassword);
    await page.getByRole('link', { name: 'Refunds in doubt' }).click();
    const card = page.getByTestId(`refund-${refundId}`);
    await card.waitFor();
    await expect(card.textContent()).resolves.toContain('2 unattributed feeds');
    await expect(card.textContent()).resolves.toContain('$24.99');
    await screenshot(page, 'refunds-needing-a-person');

    await card.getByRole('textbox').fill('Seller Central shows the refund posted on 3 Dec');
    await card.getByRole('button', { name: 'Amazon paid it' }).click();
    await expect
      .poll(async () => (await page.getByTestId('refunds-needing-a-person').textContent()) ?? '')
      .toContain('Nothing waits for a person');

    const log = await fetch(`${system.baseUrl}/api/audit/log?action=refund.resolved`, {
      headers: { authorization: `Bearer ${system.adminToken}` },
    });
    expect(JSON.stringify(await log.json())).toContain(refundId);
  });

  it('lets an auditor read the list but not resolve', async () => {
    const auditor = await (await browser.newContext()).newPage();
    await signIn(auditor, system.baseUrl, 'aud', system.demoPassword);
    await auditor.goto(`${system.baseUrl}/refunds`);
    await auditor.getByTestId('refunds-needing-a-person').waitFor();
    expect(await auditor.getByRole('button', { name: 'Send again' }).count()).toBe(0);
  });
});
