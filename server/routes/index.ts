import { accountRoutes } from '../accounts/account-routes.ts';
import type { ApiServices } from '../api-services.ts';
import type { ApiRoute } from '../http/api-route.ts';
import { auditRoutes } from './audit-routes.ts';
import { authRoutes } from './auth-routes.ts';
import { caseRoutes } from './case-routes.ts';
import { codecRoutes } from './codec-routes.ts';
import { flowRoutes } from './flow-routes.ts';
import { inboxRoutes } from './inbox-routes.ts';
import { metricsRoutes } from './metrics-routes.ts';
import { preferenceRoutes } from './preference-routes.ts';
import { privacyRoutes } from './privacy-routes.ts';
import { refundRoutes } from './refund-routes.ts';
import { requestRoutes } from './request-routes.ts';
import { systemCheckRoutes } from './system-check-routes.ts';
import { userRoutes } from './user-routes.ts';

/** Every API route; the router, the OpenAPI document and the role-matrix test read this list. */
export function apiRoutes(services: ApiServices): ApiRoute[] {
  return [
    ...systemCheckRoutes(services),
    ...caseRoutes(services),
    ...flowRoutes(services),
    ...inboxRoutes(services),
    ...metricsRoutes(services),
    ...refundRoutes(services),
    ...authRoutes(services),
    ...userRoutes(services),
    ...preferenceRoutes(services),
    ...auditRoutes(services),
    ...codecRoutes(services),
    ...privacyRoutes(services),
    ...accountRoutes(services),
    ...requestRoutes(services),
  ];
}
