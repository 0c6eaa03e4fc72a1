import { describe, expect, it } from 'vitest';
import { loadIntakeConfig } from '../../../worker/intake/intake-config.ts';

describe('intake settings', () => {
  it('polls every five minutes by default, re-reading two days, notifications off', () => {
    expect(loadIntakeConfig({})).toEqual({
      pollIntervalMs: 300_000,
      poll: { lookbackMs: 7 * 86_400_000, overlapMs: 48 * 3_600_000, reportPollMs: 30_000 },
    });
  });

  it('turns polling off with 0 and takes notifications from the SQS queue named', () => {
    const queue = 'https://sqs.us-east-1.amazonaws.com/123456789012/sp-api';
    expect(
      loadIntakeConfig({ ACORN_INTAKE_POLL_SECONDS: '0', ACORN_INTAKE_SQS_QUEUE_URL: queue }),
    ).toMatchObject({ pollIntervalMs: 0, notificationQueueUrl: queue });
  });

  it('refuses a look-back beyond what a returns report can hold', () => {
    expect(() => loadIntakeConfig({ ACORN_INTAKE_LOOKBACK_DAYS: '90' })).toThrow(
      /ACORN_INTAKE_LOOKBACK_DAYS/,
    );
  });
});
