import { readFileSync } from 'node:fs';
import type { TLSConfig } from '@temporalio/client';
import type { AcornConfig } from './config.ts';

export type TemporalTlsSettings = Pick<
  AcornConfig,
  'TEMPORAL_TLS_CERT' | 'TEMPORAL_TLS_KEY' | 'TEMPORAL_TLS_CA' | 'TEMPORAL_TLS_SERVER_NAME'
>;

/**
 * The TLS options every Temporal connection (API client, worker, scripts) uses: none when no
 * TEMPORAL_TLS_* variable is set, TLS as soon as one is, mTLS with a certificate and its key.
 */
export function temporalTls(
  settings: TemporalTlsSettings,
  readPem: (path: string) => Uint8Array = readFileSync,
): TLSConfig | undefined {
  const { TEMPORAL_TLS_CERT: cert, TEMPORAL_TLS_KEY: key } = settings;
  const { TEMPORAL_TLS_CA: ca, TEMPORAL_TLS_SERVER_NAME: serverName } = settings;
  if (!cert && !key && !ca && !serverName) return undefined;
  if (Boolean(cert) !== Boolean(key)) {
    throw new Error('TEMPORAL_TLS_CERT and TEMPORAL_TLS_KEY must be set together');
  }
  return {
    ...(cert && key && { clientCertPair: { crt: readPem(cert), key: readPem(key) } }),
    ...(ca && { serverRootCACertificate: readPem(ca) }),
    ...(serverName && { serverNameOverride: serverName }),
  };
}
