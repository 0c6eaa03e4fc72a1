import { z } from 'zod';

/**
 * Every setting the API server and the worker read, parsed once from the environment.
 * Unset TEMPORAL_ADDRESS / MONGODB_URI mean "use the embedded servers that scripts/start.sh runs".
 */
const configSchema = z.object({
  TEMPORAL_ADDRESS: z.string().min(1).default('127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default('acorn-flow'),
  /** mTLS to Temporal: PEM files of this process's certificate and key, and the CA to trust. */
  TEMPORAL_TLS_CERT: z.string().min(1).optional(),
  TEMPORAL_TLS_KEY: z.string().min(1).optional(),
  TEMPORAL_TLS_CA: z.string().min(1).optional(),
  /** The name the Temporal frontend's certificate is checked against, when not the host. */
  TEMPORAL_TLS_SERVER_NAME: z.string().min(1).optional(),
  /** `id:base64key,…` (32-byte AES keys) sealing every Temporal payload; `npm start` generates one. */
  ACORN_PAYLOAD_KEYS: z.string().min(1).optional(),
  /** The key new payloads are sealed with; unset, the last one listed in ACORN_PAYLOAD_KEYS. */
  ACORN_PAYLOAD_KEY_ID: z.string().min(1).optional(),
  /**
   * Lets live workers and clients take payloads that are not sealed: only for draining runs
   * started before sealing was turned on, since any client without a key could then write too.
   */
  ACORN_ACCEPT_PLAINTEXT_PAYLOADS: z.stringbool().default(false),
  /** `id:base64key,…` (32-byte AES keys) wrapping each case's buyer-data key; `npm start` generates one. */
  ACORN_PII_MASTER_KEYS: z.string().min(1).optional(),
  /** The master key new case keys are wrapped with; unset, the last one listed. */
  ACORN_PII_MASTER_KEY_ID: z.string().min(1).optional(),
  /** How long after a case closed its buyer data is erased (its key destroyed): 30 days. */
  ACORN_PII_RETENTION_SECONDS: z.coerce
    .number()
    .int()
    .min(0)
    .default(30 * 24 * 60 * 60),
  /** How often the API erases expired buyer data and re-wraps case keys; 0 turns it off. */
  ACORN_PII_SWEEP_SECONDS: z.coerce.number().int().min(0).default(300),
  /** Web origins (comma-separated) of Temporal UIs allowed to call the API's codec endpoint. */
  ACORN_CODEC_CORS_ORIGINS: z.string().default(''),
  MONGODB_URI: z.string().min(1).default('mongodb://127.0.0.1:27018/acorn-flow'),
  PORT: z.coerce.number().int().min(1).max(65535).default(8080),
  HOST: z.string().min(1).default('127.0.0.1'),
  ACORN_ADMIN_TOKEN: z
    .string()
    .min(24, 'ACORN_ADMIN_TOKEN must be at least 24 characters')
    .optional(),
  /** Signs the session cookie; `npm start` generates one into data/session-secret. */
  ACORN_SESSION_SECRET: z
    .string()
    .min(32, 'ACORN_SESSION_SECRET must be at least 32 characters')
    .optional(),
  /** Reverse proxies in front of the API (X-Forwarded-For hops to trust for the client address). */
  ACORN_TRUST_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  /** True when the API is reached over HTTPS (directly or through a proxy): cookies go out `Secure`. */
  ACORN_SECURE_COOKIES: z.stringbool().default(false),
  /** The demo users' password when ACORN_SEED_DEMO_DATA is on; `npm start` generates one. */
  ACORN_DEMO_PASSWORD: z
    .string()
    .min(12, 'ACORN_DEMO_PASSWORD must be at least 12 characters')
    .optional(),
  /** The secret of the demo requester's integration token (starts with `acorn_`). */
  ACORN_DEMO_TOKEN: z.string().startsWith('acorn_').min(32).optional(),
  /** A pre-built workflow bundle (production images); unset, the worker bundles workflows/ at start. */
  ACORN_WORKFLOW_BUNDLE: z.string().min(1).optional(),
  /** How often the API archives closed runs' Temporal histories to MongoDB; 0 turns the sweep off. */
  ACORN_HISTORY_SWEEP_SECONDS: z.coerce.number().int().min(0).default(300),
  /** How often the API packs closed cases' past-case records into buckets; 0 turns it off. */
  ACORN_PAST_CASE_COMPACTION_SECONDS: z.coerce.number().int().min(0).default(300),
  /**
   * Signs each audit-log entry (HMAC-SHA256): `keyId:secret` or a bare secret, comma-separated,
   * the first signing, all verifying; `npm start` generates one into data/audit-key.
   */
  ACORN_AUDIT_KEY: z.string().min(32, 'ACORN_AUDIT_KEY must be at least 32 characters').optional(),
  /** How often the API publishes the audit log's head outside the database; 0 turns it off. */
  ACORN_AUDIT_HEAD_SECONDS: z.coerce.number().int().min(0).default(60),
  /** The append-only file the audit log's heads are published to. */
  ACORN_AUDIT_HEADS_FILE: z.string().min(1).default('data/audit-heads.jsonl'),
  /** An RFC 3161 timestamping authority that stamps each published head (optional). */
  ACORN_AUDIT_TSA_URL: z.url().optional(),
  /** PEM file with the root certificate(s) the authority's tokens must chain to. */
  ACORN_AUDIT_TSA_CA_FILE: z.string().min(1).optional(),
  /** Set by `npm start` on its embedded defaults: demo stores and stock, demo users and a token. */
  ACORN_SEED_DEMO_DATA: z.stringbool().default(false),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type AcornConfig = z.infer<typeof configSchema>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AcornConfig {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${issue.path.join('.')}: ${issue.message}`,
    );
    throw new Error(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  return parsed.data;
}

/** The variable names the code reads; the compose test checks docker-compose.yml against them. */
export const configVariables = Object.keys(configSchema.shape) as (keyof AcornConfig)[];
