import { z } from 'zod';

/** Buyer data (PII): reveal with a reason, legal holds, and the data-protection report. */

export const PII_MASKED = '•••';
export const PII_ERASED = 'erased under retention';

export const revealRequestSchema = z.object({
  /** Why an auditor needs the clear value; kept in the audit log. */
  reason: z.string().trim().min(10).max(1000),
});

export const revealedCaseSchema = z.object({
  caseId: z.string(),
  /** The case input with its buyer data in clear, or "erased under retention". */
  input: z.record(z.string(), z.unknown()),
});

export const legalHoldRequestSchema = z.object({ reason: z.string().trim().min(1).max(1000) });

export const casePrivacySchema = z.object({
  caseId: z.string(),
  /** present: the case key exists; erased: destroyed under retention; none: no buyer data. */
  key: z.enum(['present', 'erased', 'none']),
  legalHold: z
    .object({ heldBy: z.string(), reason: z.string(), since: z.iso.datetime() })
    .optional(),
  closedAt: z.iso.datetime().optional(),
  /** When the retention job may destroy the key (absent while running or on hold). */
  eraseAfter: z.iso.datetime().optional(),
  erasedAt: z.iso.datetime().optional(),
});
export type CasePrivacy = z.infer<typeof casePrivacySchema>;

export const privacyReportQuerySchema = z.strictObject({
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
});
export type PrivacyReportQuery = z.infer<typeof privacyReportQuerySchema>;

export const privacyReportSchema = z.object({
  from: z.iso.datetime().optional(),
  to: z.iso.datetime().optional(),
  retentionSeconds: z.number().int(),
  /** Cases whose buyer data was first sealed in the period. */
  casesWithPii: z.number().int(),
  erased: z.array(z.object({ caseId: z.string(), erasedAt: z.iso.datetime() })),
  onHold: z.array(
    z.object({
      caseId: z.string(),
      heldBy: z.string(),
      reason: z.string(),
      since: z.iso.datetime(),
    }),
  ),
  keysRotated: z.array(
    z.object({
      caseId: z.string(),
      fromKeyId: z.string(),
      toKeyId: z.string(),
      at: z.iso.datetime(),
    }),
  ),
  /** Who saw buyer data in clear: each view and each reveal (with its reason). */
  viewers: z.array(
    z.object({
      userId: z.string(),
      views: z.number().int(),
      reveals: z.number().int(),
      caseIds: z.array(z.string()),
      reasons: z.array(z.string()),
    }),
  ),
});
export type PrivacyReport = z.infer<typeof privacyReportSchema>;
