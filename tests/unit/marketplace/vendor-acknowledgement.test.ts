import { ApplicationFailure } from '@temporalio/activity';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type SpApiEmulator,
  spApiEmulatorEnv,
  startSpApiEmulator,
} from '../../../emulators/sp-api/index.ts';
import type { PurchaseOrderAcknowledgement } from '../../../worker/activities/marketplace/marketplace-adapter.ts';
import { loadMarketplaceConfig } from '../../../worker/activities/marketplace/marketplace-config.ts';
import { SpApiMarketplaceAdapter } from '../../../worker/activities/marketplace/sp-api-marketplace-adapter.ts';
import { parseAcknowledgementInput } from '../../../worker/activities/marketplace/vendor-acknowledgement.ts';

let emulator: SpApiEmulator;
let adapter: SpApiMarketplaceAdapter;

beforeAll(async () => {
  emulator = await startSpApiEmulator();
  adapter = new SpApiMarketplaceAdapter(loadMarketplaceConfig(spApiEmulatorEnv(emulator.url)));
});
afterAll(async () => {
  await emulator?.close();
});

const purchaseOrder = (code: PurchaseOrderAcknowledgement['code']) =>
  parseAcknowledgementInput(
    {
      purchaseOrderNumber: '2JK3S9VC',
      sellingPartyId: 'ACRNV',
      code,
      rejectionReason: code === 'Rejected' ? 'TemporarilyUnavailable' : '',
      items: [
        { itemSequenceNumber: '1', vendorProductIdentifier: 'ACORN-DRIP-01', orderedQuantity: 24 },
        {
          itemSequenceNumber: '2',
          vendorProductIdentifier: 'ACORN-FILTER-100',
          orderedQuantity: 60,
        },
      ],
    },
    '2026-11-20T09:00:00Z',
  );

describe('vendor purchase-order acknowledgement against the emulator', () => {
  it('sends the published submitAcknowledgement shape and returns the transaction id', async () => {
    const { transactionId } = await adapter.acknowledgePurchaseOrder(purchaseOrder('Accepted'));
    const received = emulator.controls.acknowledgements().at(-1);
    expect(received?.transactionId).toBe(transactionId);
    expect(received?.acknowledgements).toEqual([
      {
        purchaseOrderNumber: '2JK3S9VC',
        sellingParty: { partyId: 'ACRNV' },
        acknowledgementDate: '2026-11-20T09:00:00Z',
        items: [
          expect.objectContaining({
            itemSequenceNumber: '1',
            vendorProductIdentifier: 'ACORN-DRIP-01',
            orderedQuantity: { amount: 24, unitOfMeasure: 'Eaches' },
            itemAcknowledgements: [
              {
                acknowledgementCode: 'Accepted',
                acknowledgedQuantity: { amount: 24, unitOfMeasure: 'Eaches' },
              },
            ],
          }),
          expect.objectContaining({ itemSequenceNumber: '2' }),
        ],
      },
    ]);
    const call = emulator.controls
      .requests()
      .find((request) => request.path === '/vendor/orders/v1/acknowledgements');
    expect(call?.method).toBe('POST');
  });

  it('confirms no units on a rejected order and names the reason', async () => {
    await adapter.acknowledgePurchaseOrder(purchaseOrder('Rejected'));
    const received = emulator.controls.acknowledgements().at(-1)?.acknowledgements[0];
    const [line] = (received as { items: { itemAcknowledgements: unknown[] }[] }).items;
    expect(line?.itemAcknowledgements).toEqual([
      {
        acknowledgementCode: 'Rejected',
        acknowledgedQuantity: { amount: 0, unitOfMeasure: 'Eaches' },
        rejectionReason: 'TemporarilyUnavailable',
      },
    ]);
  });

  it('fails for good on input Amazon would refuse', () => {
    const parse = () =>
      parseAcknowledgementInput(
        { purchaseOrderNumber: 'PO-1', sellingPartyId: 'ACRNV', code: 'Accepted', items: [] },
        '2026-11-20T09:00:00Z',
      );
    expect(parse).toThrow(ApplicationFailure);
    expect(parse).toThrow(/purchaseOrderNumber.*items|items/);
  });

  it('is refused without an access token', async () => {
    const response = await fetch(`${emulator.url}/vendor/orders/v1/acknowledgements`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(response.status).toBe(403);
  });
});
