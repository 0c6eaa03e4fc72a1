import type { CaseForm, CaseStatus, RunList, SubmittedCaseAnswer } from '#api-contract/cases';
import { api } from '../api/client.ts';

export interface CaseRequest {
  trigger: string;
  input: Record<string, unknown>;
  caseId: string;
  marketplace?: string;
  brand?: string;
  store?: string;
}

export const requestsApi = {
  forms: () => api.get<{ items: CaseForm[] }>('/api/case-forms').then((answer) => answer.items),
  submit: (request: CaseRequest) => api.post<SubmittedCaseAnswer>('/api/cases', request),
  myCases: (page: number, status?: CaseStatus) =>
    api.get<RunList>(`/api/my-cases?page=${page}&pageSize=20${status ? `&status=${status}` : ''}`),
};

/** One id per case the requester means to submit: a double click or retry starts one run. */
export function newCaseId(): string {
  return `req-${crypto.randomUUID().replaceAll('-', '').slice(0, 20)}`;
}
