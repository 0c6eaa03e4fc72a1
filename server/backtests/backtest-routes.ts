import {
  type BacktestAnswer,
  backtestParamsSchema,
  backtestRequestSchema,
  backtestSchema,
  flowKeyParamsSchema,
} from '#api-contract/flows';
import type { ApiServices } from '../api-services.ts';
import { ApiError } from '../http/api-errors.ts';
import { type ApiRoute, defineRoute } from '../http/api-route.ts';
import type { BacktestRecord } from './backtest-records.ts';
import { BacktestNotFound, FlowBacktests } from './flow-backtests.ts';

const ADMINS = ['admin'] as const;
const TAG = 'Flows';

/** The backtests of each API process's database: one job runner per connection. */
const runners = new WeakMap<object, FlowBacktests>();

export function backtestsOf(services: ApiServices): FlowBacktests {
  const known = runners.get(services.database);
  if (known) return known;
  const created = new FlowBacktests(services.database, services.flows, services.logger);
  runners.set(services.database, created);
  return created;
}

export function backtestRoutes(services: ApiServices): ApiRoute[] {
  const backtests = backtestsOf(services);
  return [
    defineRoute({
      method: 'post',
      path: '/api/flows/:flowKey/backtests',
      tag: TAG,
      summary:
        "Backtest the draft (or a version) over the flow's past cases (default: the last 90 days); runs in the background",
      access: ADMINS,
      params: flowKeyParamsSchema,
      body: backtestRequestSchema,
      success: { status: 202, description: 'The backtest, running', schema: backtestSchema },
      handle: async ({ params, body, caller }) =>
        answer(
          await backtests.start(
            params.flowKey,
            { ...body, ...(caller.scope && { scope: caller.scope }) },
            caller.userId,
          ),
        ),
    }),
    defineRoute({
      method: 'get',
      path: '/api/flows/:flowKey/backtests/:backtestId',
      tag: TAG,
      summary:
        'A backtest: its progress while it runs, then flips, money, reviewers, unknowns and engine faults',
      access: ADMINS,
      params: backtestParamsSchema,
      success: { description: 'The backtest', schema: backtestSchema },
      handle: async ({ params, caller }) => {
        try {
          return answer(await backtests.get(params.flowKey, params.backtestId, caller.scope ?? {}));
        } catch (error) {
          if (error instanceof BacktestNotFound)
            throw new ApiError(404, 'not_found', error.message);
          throw error;
        }
      },
    }),
  ];
}

function answer(record: BacktestRecord): BacktestAnswer {
  const { _id, range, requestedAt, finishedAt, result, ...rest } = record;
  return {
    ...rest,
    backtestId: _id,
    range: { ...(range.from && { from: range.from.toISOString() }), to: range.to.toISOString() },
    requestedAt: requestedAt.toISOString(),
    ...(finishedAt && { finishedAt: finishedAt.toISOString() }),
    // Written by runBacktest as a BacktestResult, which the schema describes.
    ...(result && { result: result as BacktestAnswer['result'] }),
  };
}
