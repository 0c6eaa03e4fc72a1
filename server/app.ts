import express, { type Express, type RequestHandler } from 'express';
import type { ApiServices } from './api-services.ts';
import type { Authenticate } from './auth/identity.ts';
import { apiRouter } from './http/api-router.ts';
import { csrfGuard } from './http/csrf-guard.ts';
import { designerStatic } from './http/designer-static.ts';
import { errorHandler, notFound } from './http/errors.ts';
import { openApiRoutes } from './http/openapi.ts';
import { codecCors } from './routes/codec-routes.ts';
import { healthRoutes } from './routes/health.ts';
import { apiRoutes } from './routes/index.ts';

export interface AppOptions {
  services: ApiServices;
  authenticate: Authenticate;
  /** Cookie sessions (`sessionMiddleware`); without them only bearer tokens authenticate. */
  sessions?: RequestHandler;
  designerDist?: string;
  /**
   * How many reverse proxies stand in front of the API: the client's address is taken that many
   * hops back in X-Forwarded-For (0: the connection's own address, the header is ignored).
   */
  trustProxyHops?: number;
}

export function createApp({
  services,
  authenticate,
  sessions,
  designerDist,
  trustProxyHops = 0,
}: AppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  // A number, never `true`: trusting every hop would let a client pick its own address.
  app.set('trust proxy', trustProxyHops);
  app.use(csrfGuard);
  app.use(codecCors(services.codecCorsOrigins ?? []));
  app.use(express.json({ limit: '1mb' }));
  app.use(healthRoutes(services.temporal, services.database));
  const routes = apiRoutes(services);
  app.use(openApiRoutes(routes));
  if (sessions) app.use('/api', sessions);
  app.use(apiRouter(routes, authenticate, services.logger));
  if (designerDist) app.use(designerStatic(designerDist));
  app.use(notFound);
  app.use(errorHandler(services.logger));
  return app;
}
