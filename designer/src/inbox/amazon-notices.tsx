import { useTranslation } from 'react-i18next';
import type { TaskDetail } from '#api-contract/inbox';
import { describeEvent } from '../runs/trail-timeline.tsx';
import { formatInstant } from '../session/format.ts';

/**
 * What Amazon's notifications told the case (a cancelled order, say), next to the decision: at
 * the end of a long trail a reviewer would decide without seeing it. Notices older than what the
 * run knew were not applied and stay in the trail only.
 */
export function AmazonNotices({ reasons }: { reasons: TaskDetail['reasons'] }) {
  const { t } = useTranslation();
  const applied = reasons.filter(
    (event) => event.type === 'amazon.notified' && !event.details?.superseded,
  );
  if (applied.length === 0) return null;
  return (
    <section className="panel amazon-notices" data-testid="task-amazon-notices">
      <h2>{t('inbox.amazonSaid')}</h2>
      <ul>
        {applied.map((event) => (
          <li key={event.sequence}>
            <strong>{describeEvent(event)}</strong>{' '}
            <time className="muted" dateTime={event.at}>
              {formatInstant(event.at)}
            </time>
          </li>
        ))}
      </ul>
    </section>
  );
}
