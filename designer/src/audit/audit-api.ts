import type { z } from 'zod';
import type {
  auditLogPageSchema,
  CaseTimeline,
  chainVerdictSchema,
  ReplayVerdict,
} from '#api-contract/audit';
import { api } from '../api/client.ts';
import { currentLanguage } from '../i18n/i18n.ts';
import type { LogFilters } from './audit-log-filters.tsx';

export type AuditLogPage = z.infer<typeof auditLogPageSchema>;
export type ChainVerdict = z.infer<typeof chainVerdictSchema>;

const enc = encodeURIComponent;

export const auditApi = {
  timeline: (caseId: string) => api.get<CaseTimeline>(`/api/audit/cases/${enc(caseId)}/timeline`),
  /** The CSV's headers come in the reader's language. */
  exportUrl: (caseId: string, format: 'json' | 'csv') =>
    `/api/audit/cases/${enc(caseId)}/export?format=${format}&lang=${currentLanguage()}`,
  verifyReplay: (caseId: string) =>
    api.post<ReplayVerdict>(`/api/audit/cases/${enc(caseId)}/verify-replay`),
  log: (page: number, filters: LogFilters) => {
    const query = new URLSearchParams({ page: String(page), pageSize: '50' });
    for (const [name, value] of Object.entries(filters)) if (value) query.set(name, value);
    return api.get<AuditLogPage>(`/api/audit/log?${query}`);
  },
  verifyChain: () => api.post<ChainVerdict>('/api/audit/log/verify'),
};
