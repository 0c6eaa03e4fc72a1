import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { SlugSchema } from '#flow-language';
import { reasonOf } from '../session/use-loaded.ts';
import { type FlowSummary, flowsApi } from './flows-api.ts';
import { duplicateDocument, newFlowDocument } from './new-flow.ts';
import { ArchiveConfirmation } from './publish-archive-confirmation.tsx';
import './flows.css';

function KeyAndNameForm({
  submitLabel,
  testId,
  onSubmit,
}: {
  submitLabel: string;
  testId: string;
  onSubmit(key: string, name: string): Promise<void>;
}) {
  const [key, setKey] = useState('');
  const [name, setName] = useState('');
  const validKey = SlugSchema.safeParse(key).success;
  const { t } = useTranslation();
  async function submit(event: FormEvent) {
    event.preventDefault();
    await onSubmit(key, name || key);
  }
  return (
    <form className="row" onSubmit={submit} data-testid={testId}>
      <label>
        {t('flows.key')}{' '}
        <input
          value={key}
          onChange={(e) => setKey(e.target.value)}
          placeholder="refund-7-days"
          aria-invalid={key !== '' && !validKey}
          data-testid={`${testId}-key`}
        />
      </label>
      <label>
        {t('flows.name')}{' '}
        <input
          value={name}
          onChange={(e) => setName(e.target.value)}
          data-testid={`${testId}-name`}
        />
      </label>
      <button type="submit" disabled={!validKey} data-testid={`${testId}-submit`}>
        {submitLabel}
      </button>
    </form>
  );
}

/** Drafts and published flows (archived on request); create, duplicate and archive. */
export function FlowListPage() {
  const navigate = useNavigate();
  const [flows, setFlows] = useState<FlowSummary[]>();
  const [showArchived, setShowArchived] = useState(false);
  const [duplicating, setDuplicating] = useState<string>();
  const [archiving, setArchiving] = useState<string>();
  const [error, setError] = useState<string>();
  const { t } = useTranslation();
  const reload = useCallback(() => {
    flowsApi.list(showArchived).then(setFlows, (problem: unknown) => setError(reasonOf(problem)));
  }, [showArchived]);
  useEffect(reload, [reload]);

  async function act(action: () => Promise<unknown>, then?: () => void) {
    setError(undefined);
    try {
      await action();
      then?.();
    } catch (problem) {
      setError(reasonOf(problem));
    }
  }

  const create = (key: string, name: string) =>
    act(
      () => flowsApi.create(newFlowDocument(key, name)),
      () => navigate(`/flows/${key}`),
    );
  const duplicate = (source: string) => (key: string, name: string) =>
    act(
      async () => flowsApi.create(duplicateDocument(await flowsApi.draft(source), key, name)),
      () => navigate(`/flows/${key}`),
    );
  const archive = (key: string) =>
    act(
      () => flowsApi.archive(key),
      () => {
        setArchiving(undefined);
        reload();
      },
    );
  const unarchive = (key: string) => act(() => flowsApi.unarchive(key), reload);

  return (
    <div className="flow-list" data-testid="flow-list">
      <h2>{t('flows.title')}</h2>
      <KeyAndNameForm submitLabel={t('flows.createFlow')} testId="create-flow" onSubmit={create} />
      <label className="field-check">
        <input
          type="checkbox"
          checked={showArchived}
          onChange={(e) => setShowArchived(e.target.checked)}
          data-testid="show-archived"
        />
        {t('flows.showArchived')}
      </label>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {!flows ? (
        <p className="muted">{t('flows.loading')}</p>
      ) : (
        <table className="dense">
          <thead>
            <tr>
              <th>{t('flows.key')}</th>
              <th>{t('flows.name')}</th>
              <th>{t('flows.draft')}</th>
              <th>{t('flows.published')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {(flows ?? []).map((flow) => (
              <tr
                key={flow.key}
                data-testid={`flow-row-${flow.key}`}
                className={flow.archived ? 'archived' : undefined}
              >
                <td>
                  <Link to={`/flows/${flow.key}`}>{flow.key}</Link>
                </td>
                <td>{flow.name}</td>
                <td>
                  {flow.draft.issueCount > 0
                    ? t('flows.problemCount', { count: flow.draft.issueCount })
                    : t('flows.ready')}
                  <span className="muted"> · {flow.draft.savedBy}</span>
                </td>
                <td>
                  {flow.archived
                    ? t('flows.archived')
                    : flow.latestVersion
                      ? `v${flow.latestVersion}`
                      : '—'}
                </td>
                <td className="actions">
                  <button
                    type="button"
                    onClick={() => setDuplicating(flow.key)}
                    data-testid={`duplicate-${flow.key}`}
                  >
                    {t('flows.duplicate')}
                  </button>
                  {flow.archived ? (
                    <button
                      type="button"
                      onClick={() => unarchive(flow.key)}
                      data-testid={`unarchive-${flow.key}`}
                    >
                      {t('flows.unarchive')}
                    </button>
                  ) : (
                    <button
                      type="button"
                      onClick={() => setArchiving(flow.key)}
                      data-testid={`archive-${flow.key}`}
                    >
                      {t('flows.archive')}
                    </button>
                  )}
                  {archiving === flow.key && (
                    <ArchiveConfirmation
                      flowKey={flow.key}
                      onConfirm={() => archive(flow.key)}
                      onCancel={() => setArchiving(undefined)}
                    />
                  )}
                  {duplicating === flow.key && (
                    <KeyAndNameForm
                      submitLabel={t('flows.createCopy')}
                      testId="duplicate-flow"
                      onSubmit={duplicate(flow.key)}
                    />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
