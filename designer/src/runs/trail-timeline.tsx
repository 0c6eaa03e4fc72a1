import { useTranslation } from 'react-i18next';
import type { TrailEventView } from '#api-contract/cases';
import { displayValue, withAmountsInUnits } from '../flows/rule-money.ts';
import { rulePurposeText } from '../flows/rule-purpose-words.ts';
import { i18n } from '../i18n/i18n.ts';
import { formatInstant } from '../session/format.ts';
import { useUserNames } from '../session/user-names.ts';

type Details = Record<string, unknown>;

/** The actor of the lines Amazon's notifications wrote: a party, not a user to look up. */
const AMAZON = 'amazon';

const text = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));

/** A role or group by its name (`reviewer`, `store.nyc-soho`), as the task was assigned. */
function assigneeName(assignee: unknown): string {
  const named = assignee as Details | undefined;
  return text(named?.role ?? named?.group ?? assignee);
}

/** One line saying what happened, in the words an auditor uses. */
export function describeEvent(event: TrailEventView, currency?: string): string {
  const details: Details = event.details ?? {};
  const { t } = i18n;
  switch (event.type) {
    case 'run.started':
      return t('trail.submitted', {
        flow: text(details.flowKey),
        version: text(details.flowVersion),
      });
    case 'rule.evaluated':
      return details.error
        ? t('trail.ruleFailed', {
            purpose: rulePurposeText(text(details.purpose)),
            error: text(details.error),
          })
        : t('trail.ruleGave', {
            purpose: rulePurposeText(text(details.purpose)),
            result: displayValue(text(details.purpose), details.result, currency),
          });
    case 'activity.completed':
      return t('trail.activityDone', { activity: text(details.activity) });
    case 'activity.failed':
      return t('trail.activityFailed', {
        activity: text(details.activity),
        error: text(details.error),
      });
    case 'task.opened':
      return t('trail.taskOpened', {
        assignee: assigneeName(details.assignee),
      });
    case 'task.decided':
      return `${text(details.verdict)}${details.comment ? `: “${text(details.comment)}”` : ''}`;
    case 'task.escalated':
      return t('trail.escalated', { to: text(details.to), reason: text(details.reason) });
    case 'variable.set':
      return `${text(details.name)} = ${displayValue(text(details.name), details.value, currency)}`;
    case 'node.entered':
      return t('trail.entered', { kind: text(details.kind) });
    case 'task.closed':
    case 'task.timed-out':
      return t('trail.taskClosed', { status: text(details.status) });
    case 'node.left':
      return t('trail.left', { handle: text(details.handle) });
    case 'run.completed':
      return t('trail.runCompleted', { outcome: text(details.outcome) });
    case 'run.failed':
    case 'run.cancelled':
      return t(event.type === 'run.failed' ? 'trail.runFailed' : 'trail.runCancelled', {
        reason: text(details.reason),
      });
    case 'amazon.notified':
      return amazonNotice(details);
    default:
      return event.type;
  }
}

/** What Amazon said about the order while the case ran, and whether the run took it. */
function amazonNotice(details: Details): string {
  const { t } = i18n;
  const orderId = text(details.orderId);
  const what =
    details.orderStatus !== undefined
      ? t('trail.amazonOrderStatus', { orderId, status: amazonStatus(details.orderStatus) })
      : details.shipmentStatus !== undefined
        ? t('trail.amazonShipmentStatus', { orderId, status: amazonStatus(details.shipmentStatus) })
        : t('trail.amazonNotified', { orderId, type: text(details.notificationType) });
  return details.superseded ? t('trail.amazonSuperseded', { what }) : what;
}

/** Who wrote a line: a person by name, Amazon (its notifications), or the engine. */
export function whoWrote(actor: string | undefined, nameOf: (userId: string) => string): string {
  if (actor === AMAZON) return i18n.t('trail.amazon');
  return actor ? nameOf(actor) : i18n.t('trail.engine');
}

/** Amazon's status in the reader's words, keeping Amazon's own term to match Seller Central. */
function amazonStatus(status: unknown): string {
  const key = `amazonStatus.${text(status)}`;
  return i18n.exists(key) ? i18n.t(key as never) : text(status);
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
  nameOf: givenNames,
  currency,
}: {
  events: readonly TrailEventView[];
  testId?: string;
  /** Names the page already knows (a task names its people for reviewers, who cannot list users). */
  nameOf?: (userId: string | undefined) => string;
  /** The case's currency, for amounts its events carry without naming one. */
  currency?: string;
}) {
  const directoryName = useUserNames();
  const nameOf = givenNames ?? directoryName;
  const { t } = useTranslation();
  if (events.length === 0) return <p className="muted">{t('trail.nothingYet')}</p>;
  return (
    <ol className="timeline" data-testid={testId}>
      {events.map((event) => (
        <li key={event.sequence} className={`event ${event.type.replace('.', '-')}`}>
          <div className="event-head">
            <span className="event-type">{event.type}</span>
            {event.nodeId && <span className="event-node">{event.nodeId}</span>}
            <span className="event-what">{describeEvent(event, currency)}</span>
            <span className="event-who">{whoWrote(event.actor, nameOf)}</span>
            <time dateTime={event.at}>{formatInstant(event.at)}</time>
          </div>
          {dataOf(event).map(([name, value]) => (
            <details key={name} className="event-data">
              <summary>{name}</summary>
              <pre>{JSON.stringify(withAmountsInUnits(value, currency), null, 2)}</pre>
            </details>
          ))}
        </li>
      ))}
    </ol>
  );
}
