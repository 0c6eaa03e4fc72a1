import { z } from 'zod';
import type { PollSettings } from './account-poller.ts';

const HOUR_MS = 3_600_000;

const intakeEnvSchema = z.object({
  /** How often each account's returns reports and financial events are read; 0 turns it off. */
  ACORN_INTAKE_POLL_SECONDS: z.coerce.number().int().nonnegative().default(300),
  /** How far back an account's first poll reads. */
  ACORN_INTAKE_LOOKBACK_DAYS: z.coerce.number().int().positive().max(60).default(7),
  /** Each poll reads again this far before its cursor, for rows and events Amazon lists late. */
  ACORN_INTAKE_OVERLAP_HOURS: z.coerce.number().int().nonnegative().max(240).default(48),
  /** Between two getReport calls while Amazon makes a report. */
  ACORN_INTAKE_REPORT_POLL_SECONDS: z.coerce.number().positive().default(30),
  /** The SQS queue Amazon delivers notifications to; unset: notifications are not taken. */
  ACORN_INTAKE_SQS_QUEUE_URL: z.url().optional(),
});

export interface IntakeConfig {
  /** 0: intake is off. */
  pollIntervalMs: number;
  poll: PollSettings;
  notificationQueueUrl?: string;
}

export function loadIntakeConfig(env: NodeJS.ProcessEnv = process.env): IntakeConfig {
  const parsed = intakeEnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid intake configuration:\n  ${problems.join('\n  ')}`);
  }
  const e = parsed.data;
  return {
    pollIntervalMs: e.ACORN_INTAKE_POLL_SECONDS * 1_000,
    poll: {
      lookbackMs: e.ACORN_INTAKE_LOOKBACK_DAYS * 24 * HOUR_MS,
      overlapMs: e.ACORN_INTAKE_OVERLAP_HOURS * HOUR_MS,
      reportPollMs: e.ACORN_INTAKE_REPORT_POLL_SECONDS * 1_000,
    },
    ...(e.ACORN_INTAKE_SQS_QUEUE_URL && { notificationQueueUrl: e.ACORN_INTAKE_SQS_QUEUE_URL }),
  };
}
