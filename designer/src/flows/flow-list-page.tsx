import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { SlugSchema } from '#flow-language';
import { type FlowSummary, flowsApi } from './flows-api.ts';
import { duplicateDocument, newFlowDocument } from './new-flow.ts';
import './flows.css';

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

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
  async function submit(event: FormEvent) {
    event.preventDefault();
    await onSubmit(key, name || key);
  }
  return (
    <form className="row" onSubmit={submit} data-testid={testId}>
      <label>
        Key{' '}
        <input
          value={key}
          onChange={(e) => setKey(e.target.value)}
          placeholder="refund-7-days"
          aria-invalid={key !== '' && !validKey}
          data-testid={`${testId}-key`}
        />
      </label>
      <label>
        Name{' '}
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
  const [error, setError] = useState<string>();
  const reload = useCallback(() => {
    flowsApi.list(showArchived).then(setFlows, (problem: unknown) => setError(reason(problem)));
  }, [showArchived]);
  useEffect(reload, [reload]);

  async function act(action: () => Promise<unknown>, then?: () => void) {
    setError(undefined);
    try {
      await action();
      then?.();
    } catch (problem) {
      setError(reason(problem));
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
  const archive = (key: string) => act(() => flowsApi.archive(key), reload);
  const unarchive = (key: string) => act(() => flowsApi.unarchive(key), reload);

  return (
    <div className="flow-list" data-testid="flow-list">
      <h2>Flows</h2>
      <KeyAndNameForm submitLabel="Create flow" testId="create-flow" onSubmit={create} />
      <label className="field-check">
        <input
          type="checkbox"
          checked={showArchived}
          onChange={(e) => setShowArchived(e.target.checked)}
          data-testid="show-archived"
        />
        Show archived
      </label>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {!flows ? (
        <p className="muted">Loading…</p>
      ) : (
        <table className="dense">
          <thead>
            <tr>
              <th>Key</th>
              <th>Name</th>
              <th>Draft</th>
              <th>Published</th>
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
                  {flow.draft.issueCount > 0 ? `${flow.draft.issueCount} problems` : 'ready'}
                  <span className="muted"> · {flow.draft.savedBy}</span>
                </td>
                <td>
                  {flow.archived ? 'archived' : flow.latestVersion ? `v${flow.latestVersion}` : '—'}
                </td>
                <td className="actions">
                  <button
                    type="button"
                    onClick={() => setDuplicating(flow.key)}
                    data-testid={`duplicate-${flow.key}`}
                  >
                    Duplicate
                  </button>
                  {flow.archived ? (
                    <button
                      type="button"
                      onClick={() => unarchive(flow.key)}
                      data-testid={`unarchive-${flow.key}`}
                    >
                      Unarchive
                    </button>
                  ) : (
                    <button
                      type="button"
                      onClick={() => archive(flow.key)}
                      data-testid={`archive-${flow.key}`}
                    >
                      Archive
                    </button>
                  )}
                  {duplicating === flow.key && (
                    <KeyAndNameForm
                      submitLabel="Create copy"
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
