import { z } from 'zod';

const THIRTY_DAYS = 30 * 24 * 60 * 60;

const privacyConfigSchema = z.object({
  /** How long after a case closed its buyer data is erased (its key destroyed). */
  ACORN_PII_RETENTION_SECONDS: z.coerce.number().int().min(0).default(THIRTY_DAYS),
  /** How often the API looks for keys to destroy or re-wrap; 0 turns the job off. */
  ACORN_PII_SWEEP_SECONDS: z.coerce.number().int().min(0).default(300),
});

export interface PrivacyConfig {
  retentionSeconds: number;
  sweepSeconds: number;
}

export function loadPrivacyConfig(env: NodeJS.ProcessEnv = process.env): PrivacyConfig {
  const parsed = privacyConfigSchema.parse(env);
  return {
    retentionSeconds: parsed.ACORN_PII_RETENTION_SECONDS,
    sweepSeconds: parsed.ACORN_PII_SWEEP_SECONDS,
  };
}
