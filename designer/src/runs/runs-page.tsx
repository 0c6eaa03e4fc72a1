import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { CaseSummary } from '#api-contract/cases';
import { i18n } from '../i18n/i18n.ts';
import { formatAmounts, formatInstant } from '../session/format.ts';
import { Pager } from '../session/pager.tsx';
import { useLoaded } from '../session/use-loaded.ts';
import {
  type RunFilters,
  runFilterParams,
  runFiltersFrom,
  runListQuery,
  runsApi,
} from './runs-api.ts';

const STATUSES = ['running', 'completed', 'failed', 'cancelled'];

export function RunsPage() {
  const [params, setParams] = useSearchParams();
  const filters = runFiltersFrom(params);
  const [page, setPage] = useState(1);
  const { t } = useTranslation();
  const runs = useLoaded(() => runsApi.list(filters, page), runListQuery(filters, page));
  const pages = runs.value ? Math.max(1, Math.ceil(runs.value.total / runs.value.pageSize)) : 1;
  return (
    <section className="panel" data-testid="runs">
      <div className="panel-head">
        <h1>{t('runs.title')}</h1>
        <span className="muted">
          {runs.value ? t('runs.cases', { count: runs.value.total }) : ''}
        </span>
      </div>
      <RunFilterBar
        key={params.toString()}
        initial={filters}
        onApply={(next) => {
          setParams(runFilterParams(next));
          setPage(1);
        }}
      />
      {runs.error && <p className="bad">{runs.error}</p>}
      {runs.value && runs.value.items.length === 0 && (
        <p className="muted">{t('runs.noneMatch')}</p>
      )}
      {runs.value && runs.value.items.length > 0 && (
        <table className="grid" data-testid="runs-table">
          <thead>
            <tr>
              <th>{t('runs.case')}</th>
              <th>{t('runs.flow')}</th>
              <th>{t('runs.order')}</th>
              <th>{t('runs.status')}</th>
              <th>{t('runs.outcome')}</th>
              <th>{t('runs.refunded')}</th>
              <th>{t('runs.submitted')}</th>
            </tr>
          </thead>
          <tbody>
            {runs.value.items.map((run) => (
              <RunRow key={run.caseId} run={run} />
            ))}
          </tbody>
        </table>
      )}
      <Pager page={page} pages={pages} onPage={setPage} />
    </section>
  );
}

function RunRow({ run }: { run: CaseSummary }) {
  return (
    <tr data-testid={`run-row-${run.caseId}`}>
      <td>
        <Link to={`/runs/${encodeURIComponent(run.caseId)}`}>{run.caseId}</Link>
      </td>
      <td>
        {run.flowKey} v{run.flowVersion}
      </td>
      <td>{run.orderId ?? '—'}</td>
      <td>
        <StatusBadge status={run.status} />
      </td>
      <td>{run.outcome ?? '—'}</td>
      <td>{formatAmounts(run.refunded)}</td>
      <td className="nowrap">{formatInstant(run.submittedAt)}</td>
    </tr>
  );
}

export function StatusBadge({ status }: { status: string }) {
  const tone = { running: 'info', completed: 'good', failed: 'bad', cancelled: 'neutral' }[status];
  return (
    <span className={`badge ${tone ?? 'neutral'}`} data-testid="run-status">
      {runStatusText(status)}
    </span>
  );
}

function RunFilterBar({
  initial,
  onApply,
}: {
  initial: RunFilters;
  onApply: (filters: RunFilters) => void;
}) {
  const [draft, setDraft] = useState<RunFilters>(initial);
  const { t } = useTranslation();
  const field = (name: keyof RunFilters) => ({
    value: draft[name] ?? '',
    onChange: (event: { target: { value: string } }) =>
      setDraft({ ...draft, [name]: event.target.value }),
    'data-testid': `runs-filter-${name}`,
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply(draft);
  };
  return (
    <form className="filters" onSubmit={submit}>
      <input placeholder={t('oversight.caseId')} {...field('caseId')} />
      <input placeholder={t('oversight.orderId')} {...field('orderId')} />
      <input placeholder={t('runs.flowKey')} {...field('flowKey')} />
      <input
        placeholder={t('oversight.flowVersion')}
        inputMode="numeric"
        size={6}
        {...field('flowVersion')}
      />
      <select {...field('status')}>
        <option value="">{t('runs.anyStatus')}</option>
        {STATUSES.map((status) => (
          <option key={status} value={status}>
            {runStatusText(status)}
          </option>
        ))}
      </select>
      <input placeholder={t('runs.outcome')} {...field('outcome')} />
      <label>
        {t('runs.from')} <input type="date" {...field('from')} />
      </label>
      <label>
        {t('runs.to')} <input type="date" {...field('to')} />
      </label>
      <button type="submit" data-testid="runs-filter-apply">
        {t('runs.filter')}
      </button>
      <button type="button" onClick={() => onApply({})} data-testid="runs-filter-clear">
        {t('oversight.clear')}
      </button>
    </form>
  );
}

/** A run's status in the reader's language; a status new to the web app shows as sent. */
export function runStatusText(status: string): string {
  const key = `runStatus.${status}`;
  return i18n.exists(key) ? i18n.t(key as never) : status;
}
