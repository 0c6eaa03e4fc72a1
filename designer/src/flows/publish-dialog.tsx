import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { reasonOf } from '../session/use-loaded.ts';
import { BacktestState, useBacktest } from './backtest-panel.tsx';
import { flowsApi, type PublishPreviewAnswer } from './flows-api.ts';
import { PublishChanges } from './publish-changes.tsx';
import './publish-dialog.css';

interface PublishDialogProps {
  flowKey: string;
  onClose(): void;
  /** Published (or refused by the server after the dialog's checks, with the reason). */
  onPublished(version: number): void;
  onRefused(error: unknown): void;
}

/** What the live version becomes: the preview's first lines. */
function Against({ preview }: { preview: PublishPreviewAnswer }) {
  const { t } = useTranslation();
  if (preview.liveVersion === undefined) return <p>{t('publish.firstVersion')}</p>;
  if (preview.unchanged) return <p>{t('publish.unchanged', { version: preview.liveVersion })}</p>;
  return <p>{t('publish.against', { version: preview.liveVersion })}</p>;
}

/**
 * Publishing, asked rather than done: what changes against the live version, the backtest over
 * the flow's past cases when it has any, and the publisher's note, kept with the version.
 */
export function PublishDialog({ flowKey, onClose, onPublished, onRefused }: PublishDialogProps) {
  const { t } = useTranslation();
  const [preview, setPreview] = useState<PublishPreviewAnswer>();
  const [note, setNote] = useState('');
  const [error, setError] = useState<string>();
  const [publishing, setPublishing] = useState(false);
  const gate = useBacktest(flowKey);

  useEffect(() => {
    flowsApi.publishPreview(flowKey).then(setPreview, (failure: unknown) => {
      setError(reasonOf(failure));
    });
  }, [flowKey]);

  const backtested = gate.backtest?.status === 'done';
  const blocked = !preview || preview.conflict !== undefined;
  const waiting = preview?.backtestRequired === true && !backtested;
  const ready = !blocked && !waiting && note.trim() !== '' && !publishing;

  async function publish() {
    setPublishing(true);
    try {
      const backtestId = backtested ? gate.backtest?.backtestId : undefined;
      onPublished(await flowsApi.publish(flowKey, { note, ...(backtestId && { backtestId }) }));
    } catch (failure) {
      setPublishing(false);
      setError(reasonOf(failure));
      onRefused(failure);
    }
  }

  return (
    <div className="publish-backdrop">
      <div
        className="publish-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="publish-title"
        data-testid="publish-dialog"
      >
        <h3 id="publish-title">{t('publish.title', { flow: flowKey })}</h3>
        {!preview && !error && <p className="muted">{t('publish.loading')}</p>}
        {preview && <Against preview={preview} />}
        {preview?.conflict && (
          <p className="field-error" data-testid="publish-conflict">
            {t('publish.conflict', {
              flow: preview.conflict.key,
              trigger: preview.conflict.trigger,
            })}
          </p>
        )}
        {preview?.diff && !preview.unchanged && <PublishChanges diff={preview.diff} />}
        {preview?.backtestRequired && (
          <section className="publish-gate" data-testid="publish-gate">
            <p>{t('publish.gateIntro', { count: preview.pastCases })}</p>
            <button
              type="button"
              onClick={() => gate.start()}
              disabled={gate.backtest?.status === 'running'}
              data-testid="publish-run-backtest"
            >
              {gate.backtest ? t('publish.backtestAgain') : t('publish.runBacktest')}
            </button>
            <BacktestState backtest={gate.backtest} error={gate.error} />
          </section>
        )}
        <label className="publish-note">
          {t('publish.note')}
          <textarea
            value={note}
            onChange={(event) => setNote(event.target.value)}
            placeholder={t('publish.notePlaceholder')}
            required
            rows={3}
            data-testid="publish-note"
          />
        </label>
        {error && (
          <p className="field-error" role="alert" data-testid="publish-error">
            {error}
          </p>
        )}
        <div className="row">
          <button type="button" onClick={onClose} data-testid="publish-cancel">
            {t('publish.cancel')}
          </button>
          <button
            type="button"
            onClick={publish}
            disabled={!ready}
            title={waiting ? t('publish.backtestFirst') : undefined}
            data-testid="publish-confirm"
          >
            {preview?.backtestRequired ? t('publish.publishAnyway') : t('publish.publish')}
          </button>
        </div>
      </div>
    </div>
  );
}
