import type { z } from 'zod';
import type { FlowVersionAnswer } from '#api-contract/flows';
import type { decisionTallySchema, InboxPage, TaskDetail } from '#api-contract/inbox';
import type { FormField } from '#flow-language';
import { api } from '../api/client.ts';
import { type InboxFilters, inboxQuery } from './inbox-filters.ts';

export type DecisionTally = z.infer<typeof decisionTallySchema>;

export interface Decision {
  verdict: 'approve' | 'reject';
  comment?: string;
  form?: Record<string, unknown>;
  requestId: string;
}

const path = (taskId: string, action = '') =>
  `/api/tasks/${encodeURIComponent(taskId)}${action && `/${action}`}`;

export const inboxApi = {
  list: (filters: InboxFilters) => api.get<InboxPage>(`/api/inbox?${inboxQuery(filters)}`),
  task: (taskId: string) => api.get<TaskDetail>(path(taskId)),
  claim: (taskId: string) => api.post(path(taskId, 'claim')),
  unclaim: (taskId: string) => api.post(path(taskId, 'unclaim')),
  decide: (taskId: string, decision: Decision) =>
    api.post<DecisionTally>(path(taskId, 'decide'), decision),
  /** The approval node's form, read from the frozen flow version the case runs. */
  async formOf(flowKey: string, version: number, nodeId: string): Promise<FormField[]> {
    const answer = await api.get<FlowVersionAnswer>(
      `/api/flows/${encodeURIComponent(flowKey)}/versions/${version}`,
    );
    const nodes = (answer.definition as { nodes?: { id: string; form?: FormField[] }[] }).nodes;
    return nodes?.find((node) => node.id === nodeId)?.form ?? [];
  },
};

/** One id per decision the reviewer means, so a double click or retry is counted once. */
export function newRequestId(): string {
  return crypto.randomUUID().replaceAll('-', '');
}
