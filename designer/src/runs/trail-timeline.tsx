import type { TrailEventView } from '#api-contract/cases';
import { formatInstant } from '../session/format.ts';
import { useUserNames } from '../session/user-names.ts';

type Details = Record<string, unknown>;

const text = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));

/** One line saying what happened, in the words an auditor uses. */
export function describeEvent(event: TrailEventView): string {
  const details: Details = event.details ?? {};
  switch (event.type) {
    case 'run.started':
      return `Case submitted to ${text(details.flowKey)} v${text(details.flowVersion)}`;
    case 'rule.evaluated':
      return details.error
        ? `Rule (${text(details.purpose)}) failed: ${text(details.error)}`
        : `Rule (${text(details.purpose)}) gave ${text(details.result)}`;
    case 'activity.completed':
      return `${text(details.activity)} done`;
    case 'activity.failed':
      return `${text(details.activity)} failed: ${text(details.error)}`;
    case 'task.opened':
      return `Task opened for ${text((details.assignee as Details | undefined)?.role ?? details.assignee)}`;
    case 'task.decided':
      return `${text(details.verdict)}${details.comment ? `: “${text(details.comment)}”` : ''}`;
    case 'task.escalated':
      return `Escalated to ${text(details.to)} (${text(details.reason)})`;
    case 'variable.set':
      return `${text(details.name)} = ${text(details.value)}`;
    case 'node.entered':
      return `entered (${text(details.kind)})`;
    case 'task.closed':
    case 'task.timed-out':
      return `Task ${text(details.status)}`;
    case 'node.left':
      return `left by “${text(details.handle)}”`;
    case 'run.completed':
      return `Run completed: ${text(details.outcome)}`;
    case 'run.failed':
    case 'run.cancelled':
      return `${event.type === 'run.failed' ? 'Run failed' : 'Run cancelled'}: ${text(details.reason)}`;
    default:
      return event.type;
  }
}

/** The inputs and outputs worth showing under an event, by name. */
function dataOf(event: TrailEventView): [string, unknown][] {
  const details: Details = event.details ?? {};
  const shown: Record<string, string[]> = {
    'rule.evaluated': ['rule', 'read'],
    'activity.completed': ['input', 'output'],
    'activity.failed': ['input'],
    'task.decided': ['form'],
  };
  return (shown[event.type] ?? []).flatMap((name) =>
    details[name] === undefined ? [] : [[name, details[name]] as [string, unknown]],
  );
}

export function TrailTimeline({
  events,
  testId = 'timeline',
}: {
  events: readonly TrailEventView[];
  testId?: string;
}) {
  const nameOf = useUserNames();
  if (events.length === 0) return <p className="muted">Nothing recorded yet.</p>;
  return (
    <ol className="timeline" data-testid={testId}>
      {events.map((event) => (
        <li key={event.sequence} className={`event ${event.type.replace('.', '-')}`}>
          <div className="event-head">
            <span className="event-type">{event.type}</span>
            {event.nodeId && <span className="event-node">{event.nodeId}</span>}
            <span className="event-what">{describeEvent(event)}</span>
            <span className="event-who">{event.actor ? nameOf(event.actor) : 'engine'}</span>
            <time dateTime={event.at}>{formatInstant(event.at)}</time>
          </div>
          {dataOf(event).map(([name, value]) => (
            <details key={name} className="event-data">
              <summary>{name}</summary>
              <pre>{JSON.stringify(value, null, 2)}</pre>
            </details>
          ))}
        </li>
      ))}
    </ol>
  );
}
