import type { Connection } from 'mongoose';
import { StoreError, type StoreSystem } from '../store-system.ts';
import type {
  GradingRequest,
  RmaRequest,
  StockField,
  Store,
  TransferRequest,
} from '../store-types.ts';
import { accountLedger } from './account-ledger.ts';
import { movementLedger } from './movements.ts';
import { rmaOperations } from './rma-operations.ts';
import { stockOperations } from './stock-operations.ts';
import { type StoreRecord, storeModel } from './store-records.ts';

/**
 * The built-in store system on MongoDB (FerretDB by default). Stock and RMA progress are
 * append-only ledgers; see account-ledger.ts and movements.ts for why and how.
 */
export class MongoStoreSystem implements StoreSystem {
  private readonly stores;
  private readonly movements;
  private readonly rmas;
  private readonly stock;

  constructor(connection: Connection) {
    this.stores = storeModel(connection);
    const ledger = accountLedger(connection);
    this.movements = movementLedger(connection, ledger);
    const findStore = (storeId: string) => this.findStore(storeId);
    this.rmas = rmaOperations({ connection, ledger, movements: this.movements, findStore });
    const findRma = (rmaId: string) => this.rmas.existing(rmaId);
    this.stock = stockOperations({ ledger, movements: this.movements, findStore, findRma });
  }

  /** Waits for the ledger's indexes (mongoose builds them in the background); writes wait too. */
  async ready(): Promise<this> {
    await this.movements.ready();
    return this;
  }

  private async afterIndexes<T>(write: () => Promise<T>): Promise<T> {
    await this.movements.ready();
    return write();
  }

  async listStores(): Promise<Store[]> {
    return (await this.stores.find().sort({ _id: 1 }).lean()).map(toStore);
  }

  async findStore(storeId: string): Promise<Store> {
    const record = await this.stores.findById(storeId).lean();
    if (!record) throw new StoreError('not-found', `store ${storeId} does not exist`);
    return toStore(record);
  }

  /** Master data, written by seeding or an admin; a whole-document replace is idempotent. */
  async saveStore(store: Store): Promise<void> {
    const { storeId, ...fields } = store;
    await this.stores.replaceOne({ _id: storeId }, fields, { upsert: true });
  }

  addStock(
    seedId: string,
    storeId: string,
    sku: string,
    counts: Partial<Record<StockField, number>>,
  ) {
    return this.afterIndexes(() => this.stock.addStock(seedId, storeId, sku, counts));
  }

  /** For a periodic sweep: finishes movements whose activity gave up or crashed mid-way. */
  resumePendingMovements(olderThan: Date): Promise<number> {
    return this.movements.resumePending(olderThan);
  }

  createRma = (request: RmaRequest) => this.afterIndexes(() => this.rmas.createRma(request));
  getRma = (rmaId: string) => this.rmas.view(rmaId);
  assignRoute = (rmaId: string, route: { storeId: string; distanceKm: number }) =>
    this.rmas.assignRoute(rmaId, route);
  receiveRma = (rmaId: string, receipt: { storeId: string; receivedBy: string }) =>
    this.rmas.receiveRma(rmaId, receipt);
  gradeItem = (request: GradingRequest) => this.afterIndexes(() => this.stock.gradeItem(request));
  shipTransfer = (request: TransferRequest) =>
    this.afterIndexes(() => this.stock.shipTransfer(request));
  receiveTransfer = (transferId: string, receivedBy: string) =>
    this.afterIndexes(() => this.stock.receiveTransfer(transferId, receivedBy));
  getStock = (storeId: string, sku: string) => this.stock.getStock(storeId, sku);
}

function toStore({ _id, name, address, location, capabilities }: StoreRecord): Store {
  return {
    storeId: _id,
    name,
    address,
    location: { latitude: location.latitude, longitude: location.longitude },
    capabilities,
  };
}
