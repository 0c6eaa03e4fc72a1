import { Client, Connection } from '@temporalio/client';
import type { AcornConfig } from './config.ts';

type TemporalTarget = Pick<AcornConfig, 'TEMPORAL_ADDRESS' | 'TEMPORAL_NAMESPACE'>;

/**
 * A lazy connection dials on first use and redials after the server comes back, so the API
 * can start (and report itself unhealthy) while Temporal is still down.
 */
export function createTemporalClient(config: TemporalTarget): Client {
  const connection = Connection.lazy({ address: config.TEMPORAL_ADDRESS, connectTimeout: '5s' });
  return new Client({ connection, namespace: config.TEMPORAL_NAMESPACE });
}

/** Succeeds only if the frontend answers and the namespace exists. */
export async function pingTemporal(client: Client, timeoutMs = 3_000): Promise<void> {
  await client.connection.withDeadline(Date.now() + timeoutMs, () =>
    client.workflowService.describeNamespace({ namespace: client.options.namespace }),
  );
}
