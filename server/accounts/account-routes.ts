import {
  accountDefinitionSchema,
  accountIdParamsSchema,
  accountListSchema,
  accountSchema,
  DEFAULT_ACCOUNT_ID,
  exchangeRateListSchema,
  exchangeRateSchema,
  groupViewQuerySchema,
  groupViewSchema,
} from '#api-contract/accounts';
import type { ApiServices } from '../api-services.ts';
import { auditActor } from '../audit/audit-log.ts';
import { type ApiRoute, defineRoute } from '../http/api-route.ts';
import { groupView } from '../metrics/group-view.ts';
import { AccountDirectory } from './account-directory.ts';
import { ExchangeRates } from './exchange-rates.ts';

export function accountRoutes(services: ApiServices): ApiRoute[] {
  const accounts = new AccountDirectory(services.database);
  const rates = new ExchangeRates(services.database);
  return [
    defineRoute({
      method: 'get',
      path: '/api/accounts',
      tag: 'Accounts',
      summary: 'The marketplace accounts configured beside the default one; secrets by name only',
      access: ['admin', 'auditor'],
      success: { description: 'The accounts', schema: accountListSchema },
      handle: async () => ({ defaultAccountId: DEFAULT_ACCOUNT_ID, items: await accounts.list() }),
    }),
    defineRoute({
      method: 'put',
      path: '/api/accounts/:accountId',
      tag: 'Accounts',
      summary: 'Create or replace a marketplace account (credentials as references, never values)',
      access: ['admin'],
      params: accountIdParamsSchema,
      body: accountDefinitionSchema,
      success: { description: 'The account as saved', schema: accountSchema },
      handle: async ({ caller, params, body }) => {
        const saved = await accounts.save(params.accountId, body, caller.userId);
        await services.auditLog.record({
          actor: auditActor(caller),
          action: 'account.saved',
          target: { kind: 'account', id: params.accountId },
          details: {
            kind: body.kind,
            region: body.region,
            merchantId: body.merchantId,
            marketplaces: body.marketplaces.map((m) => m.code),
            credentials: body.credentials,
          },
        });
        return saved;
      },
    }),
    defineRoute({
      method: 'delete',
      path: '/api/accounts/:accountId',
      tag: 'Accounts',
      summary: 'Remove a marketplace account; its cases then fall back to the default account',
      access: ['admin'],
      params: accountIdParamsSchema,
      success: { status: 204, description: 'Removed' },
      handle: async ({ caller, params }) => {
        await accounts.remove(params.accountId);
        await services.auditLog.record({
          actor: auditActor(caller),
          action: 'account.removed',
          target: { kind: 'account', id: params.accountId },
          details: {},
        });
        return undefined;
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/exchange-rates',
      tag: 'Accounts',
      summary: 'The dated exchange rates group views convert with',
      access: ['admin', 'auditor'],
      success: { description: 'Every rate, by pair and date', schema: exchangeRateListSchema },
      handle: async () => ({ items: await rates.list() }),
    }),
    defineRoute({
      method: 'put',
      path: '/api/exchange-rates',
      tag: 'Accounts',
      summary: 'Set the rate of a currency pair from a date on (replaces that day’s rate)',
      access: ['admin'],
      body: exchangeRateSchema,
      success: { description: 'The rate as saved', schema: exchangeRateSchema },
      handle: async ({ caller, body }) => {
        const saved = await rates.save(body);
        await services.auditLog.record({
          actor: auditActor(caller),
          action: 'exchange-rate.saved',
          target: { kind: 'exchange-rate', id: `${body.from}-${body.to}-${body.date}` },
          details: { ...body },
        });
        return saved;
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/metrics/group',
      tag: 'Metrics',
      summary:
        'Refunds, A-to-Z claims and chargebacks paid in every account and marketplace, converted to a reporting currency; a scoped caller sees their cases only',
      access: ['admin', 'auditor'],
      query: groupViewQuerySchema,
      success: { description: 'Per account, marketplace and currency', schema: groupViewSchema },
      handle: ({ caller, query }) => groupView(services.database, query, caller.scope),
    }),
  ];
}
