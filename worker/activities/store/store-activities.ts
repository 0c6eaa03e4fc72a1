import { activityKey, businessId } from '../activity-key.ts';
import type { CatalogActivity } from '../catalog-activity.ts';
import { buyerLocation, storeActivity } from './activity-support.ts';
import { dispositionFor } from './grading.ts';
import { marketplacePostcodes, type PostcodeDirectory } from './postcode-areas.ts';
import { nearestEligibleStore, storesIn } from './routing.ts';
import {
  CreateRmaInput,
  GetStockInput,
  GradeReturnInput,
  ReceiveReturnInput,
  ReceiveTransferInput,
  RouteReturnInput,
  TransferStockInput,
} from './store-activity-inputs.ts';
import { StoreError, type StoreSystem } from './store-system.ts';
import type { Rma } from './store-types.ts';

export interface StoreActivityDeps {
  system: StoreSystem;
  postcodes?: PostcodeDirectory;
}

const needsInspection = (rma: Rma) => rma.items.some((item) => item.needsInspection);

/**
 * The store catalog's implementations over one store system (MongoDB or the POS). Ids the
 * store system keys its writes by (RMA, grading, transfer) derive from the activity key.
 */
export function createStoreActivities({
  system,
  postcodes = marketplacePostcodes,
}: StoreActivityDeps): CatalogActivity[] {
  async function existingRma(rmaId: string): Promise<Rma> {
    const rma = await system.getRma(rmaId);
    if (!rma) throw new StoreError('not-found', `RMA ${rmaId} does not exist`);
    return rma;
  }

  return [
    storeActivity('store.createRma', CreateRmaInput, async ({ requestId, ...request }) => {
      const rmaId = businessId('RMA', activityKey(requestId));
      const rma = await system.createRma({ ...request, rmaId });
      return { rmaId: rma.rmaId, status: rma.status, needsInspection: needsInspection(rma) };
    }),

    storeActivity('store.routeReturn', RouteReturnInput, async (input) => {
      const rma = await existingRma(input.rmaId);
      const stores = await system.listStores();
      const buyer = buyerLocation(input, postcodes);
      // A return crosses no border: a buyer in Germany is routed to a store in Germany.
      const inCountry = input.country ? storesIn(stores, input.country) : stores;
      const choice = nearestEligibleStore(inCountry, buyer, needsInspection(rma));
      if (!choice) throw new StoreError('not-eligible', 'no store can take this return');
      const { storeId } = choice.store;
      const routed = await system.assignRoute(rma.rmaId, {
        storeId,
        distanceKm: choice.distanceKm,
      });
      // A retry reports the route recorded first, even if the stores changed in between.
      const route = routed.route ?? { storeId, distanceKm: choice.distanceKm };
      const store = stores.find((candidate) => candidate.storeId === route.storeId) ?? choice.store;
      const { name: storeName, address } = store;
      return {
        storeId: route.storeId,
        storeName,
        city: address.city,
        distanceKm: route.distanceKm,
      };
    }),

    storeActivity('store.receiveReturn', ReceiveReturnInput, async (input) => {
      const storeId = input.storeId ?? (await existingRma(input.rmaId)).route?.storeId;
      if (!storeId)
        throw new StoreError('invalid', `RMA ${input.rmaId} has no route; name a store`);
      const rma = await system.receiveRma(input.rmaId, { storeId, receivedBy: input.receivedBy });
      return { rmaId: rma.rmaId, storeId, status: rma.status, receivedAt: rma.receipt?.at };
    }),

    storeActivity('store.gradeReturn', GradeReturnInput, async ({ requestId, ...input }) => {
      // Graded where it was received: the units are physically there.
      const storeId = (await existingRma(input.rmaId)).receipt?.storeId;
      if (!storeId) throw new StoreError('conflict', `RMA ${input.rmaId} was not received yet`);
      const gradingId = businessId('GRD', activityKey(requestId));
      const disposition = dispositionFor(input.grade);
      const decision = await system.gradeItem({ ...input, gradingId, storeId, disposition });
      return { gradingId, disposition, storeId, remainingToGrade: decision.remainingToGrade };
    }),

    storeActivity('store.transferStock', TransferStockInput, async ({ requestId, ...request }) => {
      const transferId = businessId('TRF', activityKey(requestId));
      const transfer = await system.shipTransfer({ ...request, transferId });
      return { transferId: transfer.transferId, status: transfer.status };
    }),

    storeActivity('store.receiveTransfer', ReceiveTransferInput, async (input) => {
      const { transferId, toStoreId, status } = await system.receiveTransfer(
        input.transferId,
        input.receivedBy,
      );
      return { transferId, toStoreId, status };
    }),

    storeActivity('store.getStock', GetStockInput, async ({ storeId, sku }) => {
      const { storeId: _storeId, sku: _sku, ...counts } = await system.getStock(storeId, sku);
      return counts;
    }),
  ];
}
