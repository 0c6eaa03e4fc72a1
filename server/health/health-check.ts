import type { Client } from '@temporalio/client';
import type { Connection } from 'mongoose';
import { pingDatabase } from '#platform/database';
import { pingTemporal } from '#platform/temporal';

export interface ComponentHealth {
  ok: boolean;
  latencyMs: number;
  error?: string;
}

export interface SystemHealth {
  ok: boolean;
  temporal: ComponentHealth;
  database: ComponentHealth;
}

export async function checkHealth(temporal: Client, database: Connection): Promise<SystemHealth> {
  const [temporalHealth, databaseHealth] = await Promise.all([
    probe(() => pingTemporal(temporal)),
    probe(() => pingDatabase(database)),
  ]);
  return {
    ok: temporalHealth.ok && databaseHealth.ok,
    temporal: temporalHealth,
    database: databaseHealth,
  };
}

const PROBE_TIMEOUT_MS = 3_000;

async function probe(ping: () => Promise<void>): Promise<ComponentHealth> {
  const started = performance.now();
  try {
    await withTimeout(ping(), PROBE_TIMEOUT_MS);
    return { ok: true, latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    return {
      ok: false,
      latencyMs: Math.round(performance.now() - started),
      error: error instanceof Error ? error.message : String(error),
    };
  }
}

/** A down database makes the driver wait for server selection; health must answer sooner. */
async function withTimeout(work: Promise<void>, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
