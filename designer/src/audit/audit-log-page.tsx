import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { formatInstant } from '../session/format.ts';
import { Pager } from '../session/pager.tsx';
import { reasonOf, useLoaded } from '../session/use-loaded.ts';
import { useUserNames } from '../session/user-names.ts';
import { auditApi, type ChainVerdict } from './audit-api.ts';
import { chainVerdictText } from './chain-verdict.ts';

interface LogFilters {
  action?: string;
  actor?: string;
}

export function AuditLogPage() {
  const [filters, setFilters] = useState<LogFilters>({});
  const [page, setPage] = useState(1);
  const log = useLoaded(
    () => auditApi.log(page, filters),
    `${page}/${filters.action}/${filters.actor}`,
  );
  const pages = log.value ? Math.max(1, Math.ceil(log.value.total / log.value.pageSize)) : 1;
  return (
    <section className="panel" data-testid="audit-log">
      <div className="panel-head">
        <h1>Audit log</h1>
        <span className="muted">{log.value ? `${log.value.total} entries` : ''}</span>
        <span className="spacer" />
        <ChainCheck />
      </div>
      <LogFilterBar
        onApply={(next) => {
          setFilters(next);
          setPage(1);
        }}
      />
      {log.error && <p className="bad">{log.error}</p>}
      {log.value && (
        <table className="grid compact" data-testid="audit-log-table">
          <thead>
            <tr>
              <th>#</th>
              <th>When</th>
              <th>Who</th>
              <th>Action</th>
              <th>Target</th>
              <th>Details</th>
              <th>Hash</th>
            </tr>
          </thead>
          <tbody>
            {log.value.items.map((entry) => (
              <tr key={entry.sequence}>
                <td>{entry.sequence}</td>
                <td className="nowrap">{formatInstant(entry.at)}</td>
                <td>
                  {entry.actor.name} <span className="muted small">({entry.actor.via})</span>
                </td>
                <td className="nowrap">{entry.action}</td>
                <td>
                  <AuditTarget kind={entry.target.kind} id={entry.target.id} />
                </td>
                <td>
                  {entry.details && (
                    <details className="event-data">
                      <summary>details</summary>
                      <pre>{JSON.stringify(entry.details, null, 2)}</pre>
                    </details>
                  )}
                </td>
                <td className="mono small" title={entry.hash}>
                  {entry.hash.slice(0, 10)}…
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pager page={page} pages={pages} onPage={setPage} />
    </section>
  );
}

function AuditTarget({ kind, id }: { kind: string; id: string }) {
  const nameOf = useUserNames();
  if (kind === 'case') return <Link to={`/runs/${encodeURIComponent(id)}`}>case {id}</Link>;
  if (kind === 'user') return <>user {nameOf(id)}</>;
  return (
    <>
      {kind} {id}
    </>
  );
}

function ChainCheck() {
  const [verdict, setVerdict] = useState<ChainVerdict>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const verify = async () => {
    setBusy(true);
    setError(undefined);
    try {
      setVerdict(await auditApi.verifyChain());
    } catch (failure) {
      setError(reasonOf(failure));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="check">
      <button type="button" onClick={verify} disabled={busy} data-testid="verify-chain">
        {busy ? 'Checking…' : 'Check the hash chain'}
      </button>
      {error && <span className="bad">{error}</span>}
      {verdict && (
        <span className={verdict.ok ? 'verdict ok' : 'verdict bad'} data-testid="chain-verdict">
          {chainVerdictText(verdict)}
        </span>
      )}
    </div>
  );
}

function LogFilterBar({ onApply }: { onApply: (filters: LogFilters) => void }) {
  const [action, setAction] = useState('');
  const [actor, setActor] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply({ action: action.trim(), actor: actor.trim() });
  };
  return (
    <form className="filters" onSubmit={submit}>
      <input placeholder="Action" value={action} onChange={(e) => setAction(e.target.value)} />
      <input placeholder="User id" value={actor} onChange={(e) => setActor(e.target.value)} />
      <button type="submit">Filter</button>
    </form>
  );
}
