import type { RunDetail, RunList } from '#api-contract/cases';
import type { FlowVersionAnswer } from '#api-contract/flows';
import { api } from '../api/client.ts';
import type { FlowDocument } from '../flows/index.ts';

export interface RunFilters {
  caseId?: string;
  orderId?: string;
  flowKey?: string;
  flowVersion?: string;
  status?: string;
  outcome?: string;
  from?: string;
  to?: string;
}

const FILTER_NAMES: readonly (keyof RunFilters)[] = [
  'caseId',
  'orderId',
  'flowKey',
  'flowVersion',
  'status',
  'outcome',
  'from',
  'to',
];

/** Filters live in the page's address, so a search can be shared and metrics rows link to runs. */
export function runFiltersFrom(params: URLSearchParams): RunFilters {
  const filters: RunFilters = {};
  for (const name of FILTER_NAMES) {
    const value = params.get(name)?.trim();
    if (value) filters[name] = value;
  }
  return filters;
}

export function runFilterParams(filters: RunFilters): URLSearchParams {
  const params = new URLSearchParams();
  for (const name of FILTER_NAMES) if (filters[name]) params.set(name, filters[name] as string);
  return params;
}

/** The runs page's address for these filters: what metrics rows link to. */
export const runsLink = (filters: RunFilters): string => `/runs?${runFilterParams(filters)}`;

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
