import type { RefundNeedingAPerson, RefundResolutionRequest } from '#api-contract/refunds';
import { apiRequest } from '../api/client.ts';

export const refundsApi = {
  needingAPerson: () =>
    apiRequest<{ refunds: RefundNeedingAPerson[] }>('GET', '/api/refunds/needing-a-person'),
  resolve: (refundId: string, resolution: RefundResolutionRequest) =>
    apiRequest<RefundNeedingAPerson>(
      'POST',
      `/api/refunds/${encodeURIComponent(refundId)}/resolution`,
      resolution,
    ),
};
