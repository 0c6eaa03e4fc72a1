import type { Connection } from 'mongoose';
import { z } from 'zod';
import { MongoStoreSystem } from './mongo/mongo-store-system.ts';
import { PosHttpStoreSystem } from './pos/pos-http-store-system.ts';
import type { StoreSystem } from './store-system.ts';

// An empty variable means "not set", as docker-compose and .env files tend to pass them.
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

const storeEnvSchema = z.object({
  /** Set: the chain's POS (pos-contract.ts) is the store system. Unset: the built-in one. */
  STORE_POS_BASE_URL: optional(z.url()),
  /** Sent as a bearer token to the POS; from the environment only. */
  STORE_POS_TOKEN: optional(z.string()),
  STORE_POS_TIMEOUT_MS: optional(z.coerce.number().int().positive()),
});

export const storeConfigVariables = Object.keys(storeEnvSchema.shape);

export function storeSystemFromEnv(
  database: Connection,
  env: NodeJS.ProcessEnv = process.env,
): StoreSystem {
  const config = storeEnvSchema.parse(env);
  if (!config.STORE_POS_BASE_URL) return new MongoStoreSystem(database);
  return new PosHttpStoreSystem({
    baseUrl: config.STORE_POS_BASE_URL,
    token: config.STORE_POS_TOKEN,
    timeoutMs: config.STORE_POS_TIMEOUT_MS,
  });
}
