import express, { type NextFunction, type Request, type Response } from 'express';
import { StoreError, type StoreSystem } from '../../../worker/activities/store/store-system.ts';
import {
  GradingRequestSchema,
  RmaRequestSchema,
  TransferRequestSchema,
} from '../../../worker/activities/store/store-types.ts';

const STATUS_BY_CODE: Record<string, number> = {
  'not-found': 404,
  conflict: 409,
  'insufficient-stock': 409,
  'insufficient-quantity': 409,
  'not-eligible': 422,
  invalid: 422,
};

export interface PosServerControls {
  /** Statuses to answer with, one per request, before serving normally again. */
  failNext: number[];
  authorizations: (string | undefined)[];
}

/**
 * A tiny POS implementing the contract in pos-contract.ts over any StoreSystem (the tests use
 * the MongoDB one), so the HTTP adapter is checked against the same behaviour end to end.
 */
export function posContractApp(system: StoreSystem, controls: PosServerControls) {
  const app = express();
  app.use(express.json());
  app.use((request, response, next) => {
    controls.authorizations.push(request.header('authorization'));
    const status = controls.failNext.shift();
    if (status === undefined) return next();
    response.status(status).json({ error: { code: 'invalid', message: `injected ${status}` } });
  });
  const route =
    (handler: (request: Request) => Promise<unknown>) =>
    async (request: Request, response: Response, next: NextFunction) => {
      try {
        response.json(await handler(request));
      } catch (error) {
        next(error);
      }
    };
  const id = (request: Request, name: string) => String(request.params[name]);

  app.get(
    '/stores',
    route(async () => ({ stores: await system.listStores() })),
  );
  app.put(
    '/rmas/:rmaId',
    route((r) => system.createRma(RmaRequestSchema.parse({ ...r.body, rmaId: id(r, 'rmaId') }))),
  );
  app.get(
    '/rmas/:rmaId',
    route(
      async (r) =>
        (await system.getRma(id(r, 'rmaId'))) ??
        Promise.reject(new StoreError('not-found', 'no such RMA')),
    ),
  );
  app.put(
    '/rmas/:rmaId/route',
    route((r) => system.assignRoute(id(r, 'rmaId'), r.body)),
  );
  app.put(
    '/rmas/:rmaId/receipt',
    route((r) => system.receiveRma(id(r, 'rmaId'), r.body)),
  );
  app.put(
    '/gradings/:gradingId',
    route((r) =>
      system.gradeItem(GradingRequestSchema.parse({ ...r.body, gradingId: id(r, 'gradingId') })),
    ),
  );
  app.put(
    '/transfers/:transferId',
    route((r) =>
      system.shipTransfer(
        TransferRequestSchema.parse({ ...r.body, transferId: id(r, 'transferId') }),
      ),
    ),
  );
  app.put(
    '/transfers/:transferId/receipt',
    route((r) => system.receiveTransfer(id(r, 'transferId'), r.body.receivedBy)),
  );
  app.get(
    '/stores/:storeId/stock/:sku',
    route((r) => system.getStock(id(r, 'storeId'), id(r, 'sku'))),
  );

  app.use((error: unknown, _request: Request, response: Response, _next: NextFunction) => {
    if (error instanceof StoreError) {
      response
        .status(STATUS_BY_CODE[error.code] ?? 422)
        .json({ error: { code: error.code, message: error.message } });
      return;
    }
    response.status(500).json({ error: { code: 'invalid', message: String(error) } });
  });
  return app;
}
