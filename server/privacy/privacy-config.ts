import { loadConfig } from '#platform/config';

export interface PrivacyConfig {
  /** How long after a case closed its buyer data is erased (its key destroyed). */
  retentionSeconds: number;
  /** How often the API looks for keys to destroy or re-wrap; 0 turns the job off. */
  sweepSeconds: number;
}

export function loadPrivacyConfig(env: NodeJS.ProcessEnv = process.env): PrivacyConfig {
  const config = loadConfig(env);
  return {
    retentionSeconds: config.ACORN_PII_RETENTION_SECONDS,
    sweepSeconds: config.ACORN_PII_SWEEP_SECONDS,
  };
}
