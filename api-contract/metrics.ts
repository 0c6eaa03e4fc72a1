import { z } from 'zod';
import { amountsByCurrencySchema } from './cases.ts';

export const metricsQuerySchema = z.strictObject({
  flowKey: z.string().trim().min(1).max(200).optional(),
  /** Cases submitted on or after this instant. */
  from: z.coerce.date().optional(),
  /** Cases submitted before this instant. */
  to: z.coerce.date().optional(),
});
export type MetricsQuery = z.infer<typeof metricsQuerySchema>;

export const flowMetricsSchema = z.object({
  flowKey: z.string(),
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
});
export type FlowMetrics = z.infer<typeof flowMetricsSchema>;

export const metricsSchema = z.object({
  from: z.iso.datetime().optional(),
  to: z.iso.datetime().optional(),
  flows: z.array(flowMetricsSchema),
});
export type Metrics = z.infer<typeof metricsSchema>;
