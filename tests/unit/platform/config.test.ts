import { describe, expect, it } from 'vitest';
import { loadConfig } from '#platform/config';

describe('loadConfig', () => {
  it('falls back to the embedded defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      TEMPORAL_ADDRESS: '127.0.0.1:7233',
      MONGODB_URI: 'mongodb://127.0.0.1:27018/acorn-flow',
      PORT: 8080,
    });
    expect(config.ACORN_ADMIN_TOKEN).toBeUndefined();
  });

  it('names every bad variable at once', () => {
    expect(() => loadConfig({ PORT: 'eighty', ACORN_ADMIN_TOKEN: 'short' })).toThrow(
      /PORT[\s\S]*ACORN_ADMIN_TOKEN must be at least 24 characters/,
    );
  });
});
