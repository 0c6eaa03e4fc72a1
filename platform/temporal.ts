import { fileURLToPath } from 'node:url';
import { Client, Connection, type TLSConfig } from '@temporalio/client';
import type { DataConverter, PayloadCodec } from '@temporalio/common';
import { type AcornConfig, loadConfig } from './config.ts';
import { parsePayloadKeyring, SealedPayloadCodec } from './payload-codec.ts';
import { temporalTls } from './temporal-tls.ts';

type TemporalTarget = Pick<AcornConfig, 'TEMPORAL_ADDRESS' | 'TEMPORAL_NAMESPACE'>;

type SecuritySettings = Pick<
  AcornConfig,
  | 'TEMPORAL_TLS_CERT'
  | 'TEMPORAL_TLS_KEY'
  | 'TEMPORAL_TLS_CA'
  | 'TEMPORAL_TLS_SERVER_NAME'
  | 'ACORN_PAYLOAD_KEYS'
  | 'ACORN_PAYLOAD_KEY_ID'
  | 'ACORN_ACCEPT_PLAINTEXT_PAYLOADS'
>;

/** How a process talks to Temporal: the transport's TLS and the codec sealing payloads. */
export interface TemporalSecurity {
  tls?: TLSConfig;
  codec: PayloadCodec;
}

/**
 * Every process reads the same variables; a client or worker built without explicit security
 * takes them from the environment, so no caller can forget to seal.
 */
export function temporalSecurity(
  settings: SecuritySettings = loadConfig(),
  use: 'live' | 'replay' = 'live',
): TemporalSecurity {
  return { tls: temporalTls(settings), codec: payloadCodec(settings, use) };
}

/**
 * Live clients and workers refuse clear-text payloads (else a client without the key could
 * write them) and payloads sealed for another workflow; replaying recorded histories takes the
 * clear text recorded before sealing, and archives an auditor reads under their case id.
 */
export function payloadCodec(
  settings: Pick<
    SecuritySettings,
    'ACORN_PAYLOAD_KEYS' | 'ACORN_PAYLOAD_KEY_ID' | 'ACORN_ACCEPT_PLAINTEXT_PAYLOADS'
  >,
  use: 'live' | 'replay' = 'live',
): SealedPayloadCodec {
  if (!settings.ACORN_PAYLOAD_KEYS) {
    throw new Error(
      'ACORN_PAYLOAD_KEYS is not set: Temporal payloads would be stored in clear text.',
    );
  }
  const keyring = parsePayloadKeyring(settings.ACORN_PAYLOAD_KEYS, settings.ACORN_PAYLOAD_KEY_ID);
  return new SealedPayloadCodec(keyring, {
    acceptPlaintext: use === 'replay' || settings.ACORN_ACCEPT_PLAINTEXT_PAYLOADS,
    checkWorkflow: use === 'live',
  });
}

/**
 * The failure converter that moves messages and stack traces under the codec. Every workflow
 * bundle is built with it and every client and worker loads it, or a failure written by one
 * side would be read as "Encoded failure" by the other.
 */
export const failureConverterPath = fileURLToPath(
  new URL('./failure-converter.cjs', import.meta.url),
);

export const sealedDataConverter = (codec: PayloadCodec): DataConverter => ({
  payloadCodecs: [codec],
  failureConverterPath,
});

/**
 * A lazy connection dials on first use and redials after the server comes back, so the API
 * can start (and report itself unhealthy) while Temporal is still down.
 */
export function createTemporalClient(
  config: TemporalTarget,
  security: TemporalSecurity = temporalSecurity(),
): Client {
  const connection = Connection.lazy({
    address: config.TEMPORAL_ADDRESS,
    tls: security.tls,
    connectTimeout: '5s',
  });
  return new Client({
    connection,
    namespace: config.TEMPORAL_NAMESPACE,
    dataConverter: sealedDataConverter(security.codec),
  });
}

/** Succeeds only if the frontend answers and the namespace exists. */
export async function pingTemporal(client: Client, timeoutMs = 3_000): Promise<void> {
  await client.connection.withDeadline(Date.now() + timeoutMs, () =>
    client.workflowService.describeNamespace({ namespace: client.options.namespace }),
  );
}
