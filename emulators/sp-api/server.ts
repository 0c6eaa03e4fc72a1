import type { AddressInfo } from 'node:net';
import express from 'express';
import { adminRouter } from './admin-routes.ts';
import { EMULATOR_CREDENTIALS, type LwaCredentials, lwaTokenRouter } from './auth.ts';
import { EMULATOR_SELLER_ID } from './client-env.ts';
import { type EmulatorControls, emulatorControls } from './controls.ts';
import { documentsRouter } from './documents-routes.ts';
import { FaultInjector } from './faults.ts';
import { FeedProcessor } from './feed-processor.ts';
import { feedsRouter } from './feeds-routes.ts';
import { financesRouter } from './finances-routes.ts';
import { intakeAdminRouter } from './intake-admin-routes.ts';
import { ordersRouter } from './orders-routes.ts';
import { reportsRouter } from './reports-routes.ts';
import { EmulatorStore } from './state.ts';
import {
  RestrictedDataTokens,
  requireAccessOrRestrictedDataToken,
  tokensRouter,
} from './tokens-routes.ts';
import { vendorOrdersRouter } from './vendor-orders-routes.ts';

export interface SpApiEmulatorOptions {
  port?: number;
  host?: string;
  /** Keeps state in `<dataDir>/sp-api-emulator.json` across restarts; omitted, memory only. */
  dataDir?: string;
  /** How long a feed stays in each processing step (IN_QUEUE, IN_PROGRESS). */
  feedStepMs?: number;
  sellerId?: string;
  credentials?: LwaCredentials;
}

export interface SpApiEmulator {
  /** SP-API endpoint; the LWA token endpoint is `${url}/auth/o2/token`. */
  url: string;
  controls: EmulatorControls;
  close(): Promise<void>;
}

/** A local stand-in for Amazon's SP-API and Login with Amazon, for development and tests. */
export async function startSpApiEmulator(
  options: SpApiEmulatorOptions = {},
): Promise<SpApiEmulator> {
  const store = EmulatorStore.open(options.dataDir);
  const processor = new FeedProcessor(store, {
    stepMs: options.feedStepMs ?? 1_000,
    sellerId: options.sellerId ?? EMULATOR_SELLER_ID,
  });
  const faults = new FaultInjector();
  const controls = emulatorControls(store, faults, processor);
  const restrictedDataTokens = new RestrictedDataTokens();
  let url = '';

  const app = express();
  app.disable('x-powered-by');
  app.use(faults.middleware());
  app.use(lwaTokenRouter(store, options.credentials ?? EMULATOR_CREDENTIALS));
  app.use(documentsRouter(store));
  app.use(adminRouter(controls));
  app.use(intakeAdminRouter(controls));
  app.use(tokensRouter(store, restrictedDataTokens));
  app.use(
    ['/orders', '/feeds', '/finances', '/vendor', '/reports'],
    requireAccessOrRestrictedDataToken(store, restrictedDataTokens),
  );
  app.use(ordersRouter(store));
  app.use(feedsRouter(store, processor, () => url));
  app.use(financesRouter(store));
  app.use(reportsRouter(store, () => url));
  app.use(vendorOrdersRouter(store));

  const host = options.host ?? '127.0.0.1';
  const server = await new Promise<ReturnType<typeof app.listen>>((resolve, reject) => {
    const listening = app.listen(options.port ?? 0, host, (error?: Error) =>
      error ? reject(error) : resolve(listening),
    );
  });
  const { port } = server.address() as AddressInfo;
  url = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`;

  return {
    url,
    controls,
    async close() {
      processor.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
