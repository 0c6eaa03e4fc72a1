import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { currentLanguage, i18n } from '../i18n/i18n.ts';
import { formatInstant } from '../session/format.ts';
import { Pager } from '../session/pager.tsx';
import { reasonOf, useLoaded } from '../session/use-loaded.ts';
import { useUtcTimes } from '../session/use-utc.ts';
import { useUserNames } from '../session/user-names.ts';
import { UtcToggle } from '../session/utc-toggle.tsx';
import { auditApi, type ChainVerdict } from './audit-api.ts';
import { LogFilterBar, type LogFilters } from './audit-log-filters.tsx';
import { chainVerdictText } from './chain-verdict.ts';

export function AuditLogPage() {
  const [filters, setFilters] = useState<LogFilters>({});
  const [page, setPage] = useState(1);
  const [utc, setUtc] = useUtcTimes();
  const { t } = useTranslation();
  const log = useLoaded(() => auditApi.log(page, filters), `${page}/${JSON.stringify(filters)}`);
  const pages = log.value ? Math.max(1, Math.ceil(log.value.total / log.value.pageSize)) : 1;
  return (
    <section className="panel" data-testid="audit-log">
      <div className="panel-head">
        <h1>{t('audit.title')}</h1>
        <span className="muted">
          {log.value ? t('audit.entries', { count: log.value.total }) : ''}
        </span>
        <span className="spacer" />
        <UtcToggle utc={utc} onChange={setUtc} />
        <ChainCheck />
      </div>
      <LogFilterBar
        utc={utc}
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
              <th>{t('audit.when')}</th>
              <th>{t('audit.who')}</th>
              <th>{t('audit.action')}</th>
              <th>{t('audit.target')}</th>
              <th>{t('audit.details')}</th>
              <th>{t('audit.hash')}</th>
            </tr>
          </thead>
          <tbody>
            {log.value.items.map((entry) => (
              <tr key={entry.sequence}>
                <td>{entry.sequence}</td>
                <td className="nowrap">{formatInstant(entry.at, { utc })}</td>
                <td>
                  {entry.actor.name} <span className="muted small">({entry.actor.via})</span>
                </td>
                <td className="nowrap">
                  <AuditAction code={entry.action} />
                </td>
                <td>
                  <AuditTarget kind={entry.target.kind} id={entry.target.id} />
                </td>
                <td>
                  {entry.details && (
                    <details className="event-data">
                      <summary>{t('audit.detailsSummary')}</summary>
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

/** The action's code, which the filter takes; in Chinese its meaning under it. */
function AuditAction({ code }: { code: string }) {
  const key = `auditActions.${code}`;
  if (currentLanguage() === 'en' || !i18n.exists(key)) return <>{code}</>;
  return (
    <>
      {i18n.t(key as never)}
      <div className="muted small">{code}</div>
    </>
  );
}

function AuditTarget({ kind, id }: { kind: string; id: string }) {
  const nameOf = useUserNames();
  const { t } = useTranslation();
  if (kind === 'case') {
    return <Link to={`/runs/${encodeURIComponent(id)}`}>{t('audit.caseTarget', { id })}</Link>;
  }
  if (kind === 'user') return <>{t('audit.userTarget', { name: nameOf(id) })}</>;
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
  const { t } = useTranslation();
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
        {busy ? t('audit.checking') : t('audit.checkChain')}
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
