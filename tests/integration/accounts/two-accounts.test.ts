import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseModel } from '#platform/cases/case-record';
import { order } from '../../../emulators/sp-api/index.ts';
import { ExchangeRates } from '../../../server/accounts/exchange-rates.ts';
import { submitCase } from '../../../server/cases/case-submission.ts';
import { groupView } from '../../../server/metrics/group-view.ts';
import { MongoLedger } from '../../../worker/activities/finance/index.ts';
import {
  AccountAdapters,
  loadMarketplaceConfig,
  refundIntentModel,
  SecretSource,
  SpApiMarketplaceAdapter,
} from '../../../worker/activities/marketplace/index.ts';
import type { FlowRunResult } from '../../../workflows/flow-run/types.ts';
import {
  type AccountStack,
  DE_CREDENTIALS,
  DE_MARKETPLACE_ID,
  deAccount,
  inGermany,
  openAccountStack,
  US_CREDENTIALS,
  usAccount,
} from './account-stack.ts';

const runId = randomUUID()
  .replace(/[^0-9]/g, '')
  .padEnd(7, '3')
  .slice(0, 7);
let stack: AccountStack;
const results = new Map<string, FlowRunResult>();
const today = new Date().toISOString().slice(0, 10);
const dayBefore = (days: number) =>
  new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);

/** A one-item order fulfilled by Amazon, delivered a day ago: the policy refunds it unattended. */
function fbaReturn(country: 'US' | 'DE', priceCents: number) {
  const orderId = `${country === 'US' ? '111' : '302'}-${runId}-0000001`;
  const orderItemId = `${country === 'US' ? '61' : '62'}${runId}00001`;
  const line = {
    id: orderItemId,
    sku: `ACC-${country}-${runId}`,
    asin: `B0ACC${country}001`,
    title: `Kettle sold in ${country}`,
    quantity: 1,
    price: priceCents / 100,
    tax: Math.round(priceCents * 0.19) / 100,
  };
  const paidCents = priceCents + Math.round(priceCents * 0.19);
  const bought = order(orderId, 3, 'AFN', 'Shipped', [line], new Date());
  const input = {
    orderId,
    orderItemId,
    sku: line.sku,
    quantity: 1,
    returnReason: 'no-reason',
    itemCondition: 'unopened',
    buyerEmail: `buyer-${country.toLowerCase()}-${runId}@example.com`,
    buyerPostcode: country === 'US' ? '94105' : '10115',
  };
  const caseId = `acc-${country}-${runId}`;
  return { order: country === 'US' ? bought : inGermany(bought), input, caseId, paidCents };
}

const usCase = fbaReturn('US', 4_999);
const deCase = fbaReturn('DE', 3_990);

async function run(scripted: typeof usCase, marketplace: string): Promise<FlowRunResult> {
  const submitted = await submitCase(stack, {
    trigger: 'refund.requested',
    input: scripted.input,
    requestedBy: 'ops-olga',
    caseId: scripted.caseId,
    marketplace,
  });
  return stack.temporal.workflow.getHandle(submitted.workflowId).result();
}

beforeAll(async () => {
  stack = await openAccountStack(`two-accounts-${runId}`);
  stack.us.controls.addOrders([usCase.order]);
  stack.de.controls.addOrders([deCase.order]);
  const rates = new ExchangeRates(stack.database);
  // Dated rates: the one in force today is used; an older and a future one are not.
  await rates.save({ from: 'EUR', to: 'USD', date: dayBefore(30), rate: 1.2, source: 'old' });
  await rates.save({ from: 'EUR', to: 'USD', date: dayBefore(2), rate: 1.08, source: 'ECB' });
  await rates.save({ from: 'EUR', to: 'USD', date: dayBefore(-3), rate: 1.5, source: 'future' });
  const [us, de] = await Promise.all([run(usCase, 'US'), run(deCase, 'DE')]);
  results.set('US', us);
  results.set('DE', de);
}, 300_000);
afterAll(async () => {
  await stack?.close();
});

const refundsIn = (emulator: AccountStack['us']) =>
  emulator.controls.adjustments().map((adjustment) => adjustment.merchantAdjustmentItemId);

describe('two accounts in two regions, side by side through the shipped refund policy', () => {
  it('refunds each case', () => {
    expect(results.get('US')?.outcome).toBe('refunded');
    expect(results.get('DE')?.outcome).toBe('refunded');
  });

  it("sends each refund to its own account's Amazon, and nothing to the default account", () => {
    expect(refundsIn(stack.us)).toEqual([`RR-${usCase.caseId}-1`]);
    expect(refundsIn(stack.de)).toEqual([`RR-${deCase.caseId}-1`]);
    expect(stack.fallback.controls.requests()).toEqual([]);
    const [deFeed] = stack.de.controls.feeds();
    expect(deFeed?.marketplaceIds).toEqual([DE_MARKETPLACE_ID]);
  });

  it('records the account on each case, refund and ledger entry, amounts in their currency', async () => {
    const intents = refundIntentModel(stack.database);
    const usIntent = await intents.findById(`RR-${usCase.caseId}`).lean();
    const deIntent = await intents.findById(`RR-${deCase.caseId}`).lean();
    expect(usIntent).toMatchObject({
      accountId: 'us-main',
      currency: 'USD',
      account: 'A1USACORN:ATVPDKIKX0DER',
    });
    expect(deIntent).toMatchObject({
      accountId: 'eu-main',
      currency: 'EUR',
      account: `A1DEACORN:${DE_MARKETPLACE_ID}`,
    });

    const cases = caseModel(stack.database);
    expect((await cases.findById(usCase.caseId).lean())?.account).toBe('us-main');
    expect((await cases.findById(deCase.caseId).lean())?.account).toBe('eu-main');

    const ledger = new MongoLedger(stack.database);
    const usEntry = await ledger.find(`refund:RR-${usCase.caseId}`);
    const deEntry = await ledger.find(`refund:RR-${deCase.caseId}`);
    expect(usEntry).toMatchObject({
      account: 'us-main',
      marketplace: 'ATVPDKIKX0DER',
      currency: 'USD',
    });
    expect(deEntry).toMatchObject({
      account: 'eu-main',
      marketplace: DE_MARKETPLACE_ID,
      currency: 'EUR',
    });
  });

  it('shows both in one group view, converted with the dated rate in force, and says which', async () => {
    const view = await groupView(stack.database, { currency: 'USD' });
    const usPaid = usCase.paidCents;
    const dePaid = deCase.paidCents;
    expect(view.lines).toEqual([
      expect.objectContaining({
        accountId: 'eu-main',
        marketplace: DE_MARKETPLACE_ID,
        currency: 'EUR',
        refunds: 1,
        refundedMinor: dePaid,
        convertedMinor: Math.round(dePaid * 1.08),
        ratesUsed: [{ date: dayBefore(2), rate: 1.08, source: 'ECB' }],
        missingRateDays: [],
      }),
      expect.objectContaining({
        accountId: 'us-main',
        currency: 'USD',
        refundedMinor: usPaid,
        convertedMinor: usPaid,
        ratesUsed: [],
      }),
    ]);
    expect(view.totalMinor).toBe(usPaid + Math.round(dePaid * 1.08));
    expect(view.complete).toBe(true);
  });

  it('leaves out and names what no rate covers instead of guessing', async () => {
    const view = await groupView(stack.database, { currency: 'GBP' });
    expect(view.complete).toBe(false);
    expect(view.totalMinor).toBe(0);
    for (const line of view.lines) {
      expect(line.convertedMinor).toBeNull();
      expect(line.missingRateDays).toEqual([today]);
    }
  });

  it("refuses one account's credentials at the other account's Amazon", async () => {
    await stack.directory.save(
      'eu-crossed',
      {
        ...deAccount(stack.de.url),
        marketplaces: [{ code: 'DE-crossed', marketplaceId: DE_MARKETPLACE_ID, currency: 'EUR' }],
        credentials: {
          clientId: { from: 'env', name: 'US_LWA_CLIENT_ID' },
          clientSecret: { from: 'env', name: 'US_LWA_CLIENT_SECRET' },
          refreshToken: { from: 'env', name: 'US_LWA_REFRESH_TOKEN' },
        },
      },
      'test-admin',
    );
    const env = {
      US_LWA_CLIENT_ID: US_CREDENTIALS.clientId,
      US_LWA_CLIENT_SECRET: US_CREDENTIALS.clientSecret,
      US_LWA_REFRESH_TOKEN: US_CREDENTIALS.refreshToken,
    };
    const config = loadMarketplaceConfig({
      LWA_CLIENT_ID: 'unused',
      LWA_CLIENT_SECRET: 'unused',
      LWA_REFRESH_TOKEN: 'unused',
      SP_API_SELLER_ID: 'A1UNUSED',
    });
    const accounts = new AccountAdapters({
      database: stack.database,
      defaultConfig: config,
      defaultAdapter: new SpApiMarketplaceAdapter(config),
      secrets: new SecretSource(env),
    });
    const crossed = await accounts.adapterFor({ account: 'eu-crossed' });
    await expect(crossed.getOrder(deCase.input.orderId)).rejects.toThrow(
      /LWA token request failed \(401\)/,
    );
    expect(DE_CREDENTIALS.clientId).not.toBe(US_CREDENTIALS.clientId);
  });

  it('never guesses between two accounts selling in one marketplace', async () => {
    await stack.directory.save('us-second', usAccount(stack.us.url), 'test-admin');
    const config = loadMarketplaceConfig({
      LWA_CLIENT_ID: 'unused',
      LWA_CLIENT_SECRET: 'unused',
      LWA_REFRESH_TOKEN: 'unused',
      SP_API_SELLER_ID: 'A1UNUSED',
    });
    const accounts = new AccountAdapters({
      database: stack.database,
      defaultConfig: config,
      defaultAdapter: new SpApiMarketplaceAdapter(config),
      secrets: new SecretSource({}),
    });
    await expect(accounts.resolve({ marketplace: 'US' })).rejects.toThrow(
      /us-main, us-second all sell in US: the case must name its account/,
    );
    await expect(accounts.resolve({ account: 'nowhere' })).rejects.toThrow(
      /No marketplace account "nowhere"/,
    );
    expect((await accounts.resolve({ marketplace: 'JP' })).accountId).toBe('default');
    await expect(accounts.resolve({ account: 'us-second' })).rejects.toThrow(
      /environment variable US_LWA_CLIENT_ID is not set/,
    );
  });
});
