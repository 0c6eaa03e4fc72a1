import type { RunDetail, RunList } from '#api-contract/cases';
import type { FlowVersionAnswer } from '#api-contract/flows';
import { api } from '../api/client.ts';
import type { FlowDocument } from '../flows/index.ts';

export interface RunFilters {
  flowKey?: string;
  status?: string;
  outcome?: string;
  from?: string;
  to?: string;
  orderId?: string;
}

const enc = encodeURIComponent;

export function runListQuery(filters: RunFilters, page: number): string {
  const query = new URLSearchParams({ page: String(page), pageSize: '20' });
  for (const [name, value] of Object.entries(filters)) if (value) query.set(name, value);
  return query.toString();
}

export const runsApi = {
  list: (filters: RunFilters, page: number) =>
    api.get<RunList>(`/api/runs?${runListQuery(filters, page)}`),
  detail: (caseId: string) => api.get<RunDetail>(`/api/runs/${enc(caseId)}`),
  cancel: (caseId: string, reason: string) =>
    api.post(`/api/runs/${enc(caseId)}/cancel`, { reason }),
  async flow(flowKey: string, version: number): Promise<FlowDocument> {
    const answer = await api.get<FlowVersionAnswer>(
      `/api/flows/${enc(flowKey)}/versions/${version}`,
    );
    return answer.definition as unknown as FlowDocument;
  },
};
