import { z } from 'zod';
import { amountsByCurrencySchema } from './cases.ts';

export const metricsQuerySchema = z.strictObject({
  flowKey: z.string().trim().min(1).max(200).optional(),
  /** Cases submitted on or after this instant (a date means its midnight UTC). */
  from: z.coerce.date().optional(),
  /** Cases submitted before this instant. */
  to: z.coerce.date().optional(),
});
export type MetricsQuery = z.infer<typeof metricsQuerySchema>;

/** Work still waiting among the period's cases, as of now. */
export const backlogSchema = z.object({
  openTasks: z.number().int(),
  overdueTasks: z.number().int(),
  /** When the longest-waiting open task opened; absent with none open. */
  oldestOpenSince: z.iso.datetime().optional(),
});
export type Backlog = z.infer<typeof backlogSchema>;

const figures = {
  cases: z.number().int(),
  running: z.number().int(),
  closed: z.number().int(),
  /** Share of completed cases no person decided (0..1); null with none completed. */
  autoDecidedShare: z.number().nullable(),
  /** Submission to completion in seconds (nearest rank); null with none completed. */
  timeToDecisionSeconds: z.object({ p50: z.number().nullable(), p95: z.number().nullable() }),
  slaBreaches: z.number().int(),
  refunded: amountsByCurrencySchema,
  outcomes: z.record(z.string(), z.number().int()),
  backlog: backlogSchema,
};

export const flowVersionMetricsSchema = z.object({ flowVersion: z.number().int(), ...figures });
export type FlowVersionMetrics = z.infer<typeof flowVersionMetricsSchema>;

export const flowMetricsSchema = z.object({
  flowKey: z.string(),
  ...figures,
  /** The same figures for each published version that took cases, newest first. */
  versions: z.array(flowVersionMetricsSchema),
});
export type FlowMetrics = z.infer<typeof flowMetricsSchema>;

/** One reviewer's share of the period's cases: what they decided, and how fast. */
export const reviewerWorkloadSchema = z.object({
  userId: z.string(),
  decisions: z.number().int(),
  approved: z.number().int(),
  rejected: z.number().int(),
  /** From the task opening to this reviewer's decision, in seconds (nearest rank). */
  decisionSeconds: z.object({ p50: z.number().nullable() }),
});
export type ReviewerWorkload = z.infer<typeof reviewerWorkloadSchema>;

export const metricsSchema = z.object({
  from: z.iso.datetime().optional(),
  to: z.iso.datetime().optional(),
  flows: z.array(flowMetricsSchema),
  /** Most decisions first. */
  reviewers: z.array(reviewerWorkloadSchema),
});
export type Metrics = z.infer<typeof metricsSchema>;
