import type { CaseSubmissionRequest } from '#api-contract/cases';
import {
  DEMO_CASE_ORDERS,
  type DemoCaseOrderName,
} from '../../emulators/sp-api/demo-case-orders.ts';

export interface DemoCase {
  caseId: string;
  /** The emulator's order the buyer returns an item of: Amazon's facts decide the path. */
  order: DemoCaseOrderName;
  returnReason: 'no-reason' | 'quality-problem';
  itemCondition: 'unopened' | 'opened';
  buyerPostcode: string;
  withPhotos?: boolean;
}

const plainReturn = (caseId: string, order: DemoCaseOrderName, buyerPostcode: string) =>
  ({ caseId, order, returnReason: 'no-reason', itemCondition: 'unopened', buyerPostcode }) as const;

/**
 * Refund requests of the shipped `marketplace-refund` policy that `npm start` submits once, so
 * a fresh install has past cases to backtest and tasks in the reviewers' inboxes. The first
 * twelve close without anyone: refunded on their own (four of them between 150.00 and 200.00
 * with tax, which a lower high-value threshold would send to two reviewers), late, not
 * delivered yet. The rest wait for people: two reviewers above 200.00, a reviewer for photos
 * or an opened item, a store's staff for a merchant-fulfilled return.
 */
export const DEMO_CASES: readonly DemoCase[] = [
  plainReturn('demo-refund-01', 'milkFrother', '10012'),
  plainReturn('demo-refund-02', 'bambooBoard', '60602'),
  plainReturn('demo-refund-03', 'dutchOven', '75201'),
  plainReturn('demo-refund-04', 'knifeBlock', '90017'),
  plainReturn('demo-refund-05', 'pourOverSet', '94102'),
  plainReturn('demo-refund-06', 'sousVide', '10012'),
  plainReturn('demo-refund-07', 'blackFridayBlender', '60602'),
  plainReturn('demo-refund-08', 'teaKettle', '75201'),
  plainReturn('demo-refund-09', 'espressoMachine', '90017'),
  plainReturn('demo-refund-10', 'linenApron', '94102'),
  plainReturn('demo-refund-11', 'spiceRack', '10012'),
  plainReturn('demo-refund-12', 'saladSpinner', '60602'),
  plainReturn('demo-refund-13', 'copperPans', '75201'),
  plainReturn('demo-refund-14', 'grinderPro', '60602'),
  plainReturn('demo-refund-15', 'standMixer', '90017'),
  {
    caseId: 'demo-refund-16',
    order: 'ceramicTeapot',
    returnReason: 'quality-problem',
    itemCondition: 'opened',
    buyerPostcode: '60602',
    withPhotos: true,
  },
  { ...plainReturn('demo-refund-17', 'waffleIron', '94102'), itemCondition: 'opened' },
  plainReturn('demo-refund-18', 'linenNapkins', '10012'),
];

/** The request a buyer's shop integration would send the API for the demo case. */
export function demoCaseRequest(demo: DemoCase): CaseSubmissionRequest {
  const { orderId, item } = DEMO_CASE_ORDERS[demo.order];
  return {
    trigger: 'refund.requested',
    caseId: demo.caseId,
    input: {
      orderId,
      orderItemId: item.id,
      sku: item.sku,
      quantity: item.quantity,
      returnReason: demo.returnReason,
      itemCondition: demo.itemCondition,
      ...(demo.withPhotos && { photoUrls: [`https://photos.example/${orderId}/1.jpg`] }),
      buyerEmail: `buyer+${demo.caseId}@example.com`,
      buyerPostcode: demo.buyerPostcode,
    },
  };
}
