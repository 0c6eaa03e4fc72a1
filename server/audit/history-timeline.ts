import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import type { TimelineItem } from '#api-contract/audit';
import { eventTime, type HistoryEvent, protoNumber, type RunHistory } from './run-history.ts';

type Payloads = { payloads?: Parameters<typeof defaultPayloadConverter.fromPayload>[0][] | null };
type Failure =
  | {
      message?: string | null;
      cause?: Failure | null;
      encodedAttributes?: Payload | null;
    }
  | null
  | undefined;

/** Workflow-task bookkeeping says nothing an auditor needs; everything else is kept. */
const QUIET_EVENTS = new Set([
  'WorkflowTaskScheduled',
  'WorkflowTaskStarted',
  'WorkflowTaskCompleted',
  'ActivityTaskStarted',
]);

const SYSTEM = 'system';

/** Temporal's events of one run as timeline lines: who, when, what, decoded inputs and outputs. */
export function historyTimeline(run: RunHistory): TimelineItem[] {
  const events = run.history.events ?? [];
  const activityTypes = new Map<number, string>();
  const items: TimelineItem[] = [];
  for (const event of events) {
    const what = eventName(event);
    const ref = protoNumber(event.eventId);
    const scheduled = event.activityTaskScheduledEventAttributes;
    if (scheduled?.activityType?.name) activityTypes.set(ref, scheduled.activityType.name);
    if (QUIET_EVENTS.has(what)) continue;
    items.push({
      at: (eventTime(event) ?? new Date(0)).toISOString(),
      source: 'history',
      runId: run.runId,
      ref,
      what,
      ...describeEvent(event, activityTypes),
    });
  }
  return items;
}

type EventFacts = Pick<TimelineItem, 'who' | 'activityType' | 'inputs' | 'outputs' | 'failure'>;

function describeEvent(event: HistoryEvent, activityTypes: Map<number, string>): EventFacts {
  const started = event.workflowExecutionStartedEventAttributes;
  if (started) {
    const inputs = decode(started.input);
    return { who: requesterOf(inputs) ?? started.identity ?? SYSTEM, inputs };
  }
  const scheduled = event.activityTaskScheduledEventAttributes;
  if (scheduled) {
    return {
      who: SYSTEM,
      activityType: scheduled.activityType?.name ?? undefined,
      inputs: decode(scheduled.input),
    };
  }
  const activityOutcome =
    event.activityTaskCompletedEventAttributes ??
    event.activityTaskFailedEventAttributes ??
    event.activityTaskTimedOutEventAttributes ??
    event.activityTaskCanceledEventAttributes;
  if (activityOutcome) {
    const attributes = activityOutcome as {
      scheduledEventId?: unknown;
      result?: Payloads | null;
      failure?: Failure;
    };
    return withFailure(
      {
        who: SYSTEM,
        activityType: activityTypes.get(protoNumber(attributes.scheduledEventId)),
        outputs: decode(attributes.result),
      },
      attributes.failure,
    );
  }
  const accepted = event.workflowExecutionUpdateAcceptedEventAttributes;
  if (accepted) {
    const request = accepted.acceptedRequest;
    const inputs = decode(request?.input?.args);
    return {
      who: deciderOf(inputs) ?? request?.meta?.identity ?? SYSTEM,
      activityType: request?.input?.name ?? undefined,
      inputs,
    };
  }
  const completed = event.workflowExecutionUpdateCompletedEventAttributes;
  if (completed) {
    return withFailure(
      { who: SYSTEM, outputs: decode(completed.outcome?.success) },
      completed.outcome?.failure,
    );
  }
  return describeRunEvent(event);
}

function describeRunEvent(event: HistoryEvent): EventFacts {
  const completed = event.workflowExecutionCompletedEventAttributes;
  if (completed) return { who: SYSTEM, outputs: decode(completed.result) };
  const failed =
    event.workflowExecutionFailedEventAttributes ?? event.workflowTaskFailedEventAttributes;
  if (failed) return withFailure({ who: SYSTEM }, failed.failure);
  const continued = event.workflowExecutionContinuedAsNewEventAttributes;
  if (continued) {
    return { who: SYSTEM, outputs: { newRunId: continued.newExecutionRunId } };
  }
  const byClient =
    event.workflowExecutionCancelRequestedEventAttributes ??
    event.workflowExecutionTerminatedEventAttributes ??
    event.workflowExecutionSignaledEventAttributes;
  if (byClient) {
    const attributes = byClient as {
      identity?: string | null;
      cause?: string | null;
      reason?: string | null;
    };
    const reason = attributes.reason ?? attributes.cause;
    return { who: attributes.identity || SYSTEM, ...(reason && { inputs: { reason } }) };
  }
  return { who: SYSTEM };
}

function withFailure(facts: EventFacts, failure: Failure): EventFacts {
  const message = failureMessage(failure);
  return message ? { ...facts, failure: message } : facts;
}

function failureMessage(failure: Failure): string | undefined {
  if (!failure) return undefined;
  const cause = failureMessage(failure.cause);
  const message = encodedMessage(failure.encodedAttributes) ?? failure.message ?? '';
  return cause ? `${message}: ${cause}` : message || undefined;
}

/**
 * Failures carry their message in sealed attributes (the history shows only "Encoded failure");
 * the opened history holds them as a plain payload.
 */
function encodedMessage(attributes: Payload | null | undefined): string | undefined {
  if (!attributes) return undefined;
  try {
    const { message } = defaultPayloadConverter.fromPayload<{ message?: unknown }>(attributes);
    return typeof message === 'string' ? message : undefined;
  } catch {
    return '[undecodable failure]';
  }
}

/** Decodes with the default converter; a payload it cannot read is shown as such, not dropped. */
function decode(payloads: Payloads | null | undefined): unknown {
  const values = (payloads?.payloads ?? []).map((payload) => {
    try {
      return defaultPayloadConverter.fromPayload(payload);
    } catch {
      return '[undecodable payload]';
    }
  });
  if (values.length === 0) return undefined;
  return values.length === 1 ? values[0] : values;
}

/** `activityTaskScheduledEventAttributes` → `ActivityTaskScheduled`. */
function eventName(event: HistoryEvent): string {
  const key = Object.keys(event).find(
    (name) => name.endsWith('EventAttributes') && event[name as keyof HistoryEvent] != null,
  );
  if (!key) return 'Unknown';
  const name = key.slice(0, -'EventAttributes'.length);
  return name.charAt(0).toUpperCase() + name.slice(1);
}

type CaseContext = {
  requestedBy?: unknown;
  brand?: unknown;
  marketplace?: unknown;
  store?: unknown;
};

const caseContextOf = (input: unknown) =>
  (input as { caseContext?: CaseContext } | undefined)?.caseContext;

/** The brand, marketplace and store the chain's first run was started for. */
export function caseScopeOf(chain: RunHistory[]): {
  brand?: string;
  marketplace?: string;
  store?: string;
} {
  const started = chain[0]?.history.events?.[0]?.workflowExecutionStartedEventAttributes;
  const context = caseContextOf(decode(started?.input));
  const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
  return {
    brand: text(context?.brand),
    marketplace: text(context?.marketplace),
    store: text(context?.store),
  };
}

function requesterOf(input: unknown): string | undefined {
  const requestedBy = (input as { caseContext?: { requestedBy?: unknown } } | undefined)
    ?.caseContext?.requestedBy;
  return typeof requestedBy === 'string' ? requestedBy : undefined;
}

function deciderOf(input: unknown): string | undefined {
  const userId = (input as { actor?: { userId?: unknown } } | undefined)?.actor?.userId;
  return typeof userId === 'string' ? userId : undefined;
}
