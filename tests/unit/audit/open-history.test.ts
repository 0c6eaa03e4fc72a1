import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import { describe, expect, it } from 'vitest';
import {
  generatePayloadKey,
  isSealedPayload,
  parsePayloadKeyring,
  SealedPayloadCodec,
} from '#platform/payload-codec';
import { historyTimeline } from '../../../server/audit/history-timeline.ts';
import { openChain } from '../../../server/audit/open-history.ts';
import type { History, RunHistory } from '../../../server/audit/run-history.ts';

const codecWith = (keys: string) =>
  new SealedPayloadCodec(parsePayloadKeyring(keys), {
    acceptPlaintext: true,
    checkWorkflow: false,
  });
const key = generatePayloadKey('k1');
const input = { caseContext: { requestedBy: 'requester-rita', marketplace: 'DE' } };

async function sealedRun(): Promise<RunHistory> {
  const [sealed] = await codecWith(key).encode(
    [defaultPayloadConverter.toPayload(input) as Payload],
    { type: 'workflow', namespace: 'default', workflowId: 'case-1' },
  );
  const history = {
    events: [
      {
        eventId: 1,
        eventTime: { seconds: 1_800_000_000, nanos: 0 },
        workflowExecutionStartedEventAttributes: {
          input: { payloads: [sealed] },
          identity: 'api@host',
        },
      },
    ],
  } as unknown as History;
  return { runId: 'run-1', status: 'running', source: 'temporal', history, sha256: 'x' };
}

const startedInput = (run: RunHistory) =>
  run.history.events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads?.[0] as Payload;

describe('openChain', () => {
  it('opens sealed payloads for reading and leaves the recorded history sealed', async () => {
    const run = await sealedRun();
    const [opened] = await openChain([run], codecWith(key));
    if (!opened) throw new Error('no run');
    expect(historyTimeline(opened)[0]).toMatchObject({ who: 'requester-rita', inputs: input });
    // Hashes, archives and replay keep using the sealed bytes.
    expect(isSealedPayload(startedInput(run))).toBe(true);
    expect(isSealedPayload(startedInput(opened))).toBe(false);
  });

  it('shows a payload no known key opens as undecodable, without failing the timeline', async () => {
    const [opened] = await openChain([await sealedRun()], codecWith(generatePayloadKey('k2')));
    if (!opened) throw new Error('no run');
    expect(historyTimeline(opened)[0]).toMatchObject({
      who: 'api@host',
      inputs: '[undecodable payload]',
    });
  });
});
