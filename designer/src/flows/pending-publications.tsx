import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatInstant } from '../session/format.ts';
import { reasonOf } from '../session/use-loaded.ts';
import { flowsApi, type PendingPublication } from './flows-api.ts';

interface PendingPublicationsProps {
  flowKey: string;
  /** Changes when versions do, so the list is read again after a publish. */
  versionCount: number;
  onPublished(): void;
}

/**
 * Versions that weaken who approves wait here for a second admin: the API refuses the admin who
 * asked, so the Confirm button only works for someone else.
 */
export function PendingPublications({
  flowKey,
  versionCount,
  onPublished,
}: PendingPublicationsProps) {
  const { t } = useTranslation();
  const [pending, setPending] = useState<PendingPublication[]>([]);
  const [message, setMessage] = useState('');
  const load = useCallback(() => {
    flowsApi.pendingPublications(flowKey).then(setPending, () => setPending([]));
  }, [flowKey]);
  useEffect(() => {
    if (versionCount >= 0) load();
  }, [load, versionCount]);

  async function confirm(publicationId: string) {
    try {
      const version = await flowsApi.confirmPublication(flowKey, publicationId);
      setMessage(t('versions.confirmedPublished', { version }));
      onPublished();
    } catch (error) {
      setMessage(reasonOf(error));
    }
    load();
  }

  if (pending.length === 0 && !message) return null;
  return (
    <div className="pending-publications" data-testid="pending-publications">
      <h4>{t('versions.waitingSecondAdmin')}</h4>
      {pending.map((publication) => (
        <div key={publication.publicationId} data-testid="pending-publication">
          <p className="muted">
            {t('versions.askedBy', {
              name: publication.requestedBy,
              at: formatInstant(publication.requestedAt),
            })}
          </p>
          <ul>
            {publication.weakenings.map((weakening) => (
              <li key={`${weakening.nodeId}:${weakening.message}`}>
                {weakening.nodeId}: {weakening.message}
              </li>
            ))}
          </ul>
          <button
            type="button"
            onClick={() => confirm(publication.publicationId)}
            data-testid="confirm-publication"
          >
            {t('versions.confirmAndPublish')}
          </button>
        </div>
      ))}
      {message && <p data-testid="pending-publication-message">{message}</p>}
    </div>
  );
}
