import { describe, expect, it } from 'vitest';
import { loadConfig } from '#platform/config';
import { temporalTls } from '#platform/temporal-tls';

const pem = (path: string) => new TextEncoder().encode(`pem of ${path}`);

describe('temporalTls', () => {
  it('stays plain when no TEMPORAL_TLS_* variable is set', () => {
    expect(temporalTls(loadConfig({}), pem)).toBeUndefined();
  });

  it('turns the variables into mTLS options: client pair, CA and server name', () => {
    const config = loadConfig({
      TEMPORAL_TLS_CERT: '/tls/worker.pem',
      TEMPORAL_TLS_KEY: '/tls/worker.key',
      TEMPORAL_TLS_CA: '/tls/ca.pem',
      TEMPORAL_TLS_SERVER_NAME: 'temporal.internal',
    });
    expect(temporalTls(config, pem)).toEqual({
      clientCertPair: { crt: pem('/tls/worker.pem'), key: pem('/tls/worker.key') },
      serverRootCACertificate: pem('/tls/ca.pem'),
      serverNameOverride: 'temporal.internal',
    });
  });

  it('uses server-only TLS with just a CA', () => {
    const config = loadConfig({ TEMPORAL_TLS_CA: '/tls/ca.pem' });
    expect(temporalTls(config, pem)).toEqual({ serverRootCACertificate: pem('/tls/ca.pem') });
  });

  it('refuses a certificate without its key', () => {
    const config = loadConfig({ TEMPORAL_TLS_CERT: '/tls/worker.pem' });
    expect(() => temporalTls(config, pem)).toThrow(/must be set together/);
  });
});
