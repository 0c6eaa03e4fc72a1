import { readFileSync } from 'node:fs';
import { defaultPayloadConverter } from '@temporalio/common';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { describe, expect, it } from 'vitest';
import { historyTimeline } from '../../../server/audit/history-timeline.ts';
import {
  chainHash,
  closingEvent,
  historyDigest,
  nextRunId,
  type RunHistory,
} from '../../../server/audit/run-history.ts';

const fixture = (name: string): RunHistory => {
  const json = readFileSync(
    new URL(`../../fixtures/histories/${name}.json`, import.meta.url),
    'utf8',
  );
  return {
    runId: name,
    status: 'closed',
    source: 'archive',
    history: historyFromJSON(JSON.parse(json)),
    sha256: historyDigest(json),
  };
};

describe('a recorded history as timeline lines', () => {
  const run = fixture('replay-refund-four-eyes-escalated');
  const items = historyTimeline(run);

  it('names who decided through the Update, with the decision as input', () => {
    const decisions = items.filter((item) => item.what === 'WorkflowExecutionUpdateAccepted');
    expect(decisions.map((item) => item.who)).toEqual(['ann', 'sam']);
    expect(decisions[0]).toMatchObject({
      activityType: 'decideApprovalTask',
      inputs: { verdict: 'approve', form: { reason: 'photos show a defect' } },
    });
    expect(items).toContainEqual(
      expect.objectContaining({
        what: 'WorkflowExecutionUpdateCompleted',
        outputs: expect.anything(),
      }),
    );
  });

  it('pairs each activity result with its activity type and keeps history order', () => {
    const completed = items.filter((item) => item.what === 'ActivityTaskCompleted');
    expect(completed.length).toBeGreaterThan(0);
    for (const item of completed) expect(item.activityType).toEqual(expect.any(String));
    // Event ids, not times, order a history: Temporal stamps buffered events when they happened.
    const ids = items.map((item) => item.ref);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(items[0]).toMatchObject({ what: 'WorkflowExecutionStarted', who: 'requester-rita' });
    expect(items.some((item) => item.what.startsWith('WorkflowTask'))).toBe(false);
  });
});

describe('a continued-as-new chain', () => {
  const first = fixture('replay-polling-loop-continued-as-new');
  const resumed = fixture('replay-polling-loop-continued-as-new~resumed');

  it('ends the first run with a link to the next; the last run closes the chain', () => {
    expect(
      closingEvent(first.history)?.workflowExecutionContinuedAsNewEventAttributes,
    ).toBeTruthy();
    expect(nextRunId(first.history)).toEqual(expect.any(String));
    expect(closingEvent(resumed.history)).toBeDefined();
  });

  it('hashes the chain so that altering any run changes it', () => {
    const hash = chainHash([first, resumed]);
    expect(chainHash([first, { ...resumed, sha256: 'f'.repeat(64) }])).not.toBe(hash);
    expect(chainHash([resumed, first])).not.toBe(hash);
  });
});

describe('failures', () => {
  const run = fixture('replay-return-parallel-subflow-error-edge');
  const failedLines = (history: RunHistory) =>
    historyTimeline(history).filter((item) => item.what === 'ActivityTaskFailed');

  it('show the message recorded in clear before failures were sealed', () => {
    expect(failedLines(run)[0]?.failure).toMatch(/failed on purpose/);
  });

  it('show the message from the opened encoded attributes, not "Encoded failure"', () => {
    const sealedStyle = structuredClone(run);
    const failed = sealedStyle.history.events?.find(
      (event) => event.activityTaskFailedEventAttributes,
    )?.activityTaskFailedEventAttributes?.failure;
    if (!failed) throw new Error('the fixture has no failed activity');
    failed.message = 'Encoded failure';
    failed.stackTrace = '';
    failed.encodedAttributes = defaultPayloadConverter.toPayload({
      message: 'postcode 12345 is not served',
      stack_trace: 'at route()',
    });
    expect(failedLines(sealedStyle)[0]?.failure).toBe('postcode 12345 is not served');
  });
});
