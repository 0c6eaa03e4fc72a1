import { type FormEvent, Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { FlowMetrics, FlowVersionMetrics, Metrics } from '#api-contract/metrics';
import { api } from '../api/client.ts';
import { type RunFilters, runsLink } from '../runs/runs-api.ts';
import { DateRangeInputs } from '../session/date-range-inputs.tsx';
import { formatAmounts, formatInstant } from '../session/format.ts';
import { useLoaded } from '../session/use-loaded.ts';
import { GroupView } from './group-view.tsx';
import { duration } from './metrics-format.ts';
import { ReviewerWorkloadTable } from './reviewer-workload.tsx';

/** Days as the date inputs give them (`2026-03-01`): the same period the runs page filters by. */
interface Period {
  from?: string;
  to?: string;
}

const percent = (share: number | null) => (share === null ? '—' : `${Math.round(share * 100)} %`);

export function MetricsPage() {
  const [period, setPeriod] = useState<Period>({});
  const query = new URLSearchParams(Object.entries(period).filter(([, day]) => day));
  const metrics = useLoaded(() => api.get<Metrics>(`/api/metrics?${query}`), query.toString());
  const { t } = useTranslation();
  return (
    <section className="panel" data-testid="metrics">
      <h1>{t('metrics.title')}</h1>
      <PeriodBar onApply={setPeriod} />
      {metrics.error && <p className="bad">{metrics.error}</p>}
      {metrics.value && metrics.value.flows.length === 0 && (
        <p className="muted">{t('metrics.none')}</p>
      )}
      {metrics.value && metrics.value.flows.length > 0 && (
        <table className="grid" data-testid="metrics-table">
          <thead>
            <tr>
              <th>{t('metrics.flow')}</th>
              <th>{t('metrics.cases')}</th>
              <th>{t('metrics.running')}</th>
              <th>{t('metrics.closed')}</th>
              <th>{t('oversight.backlog')}</th>
              <th>{t('metrics.byRules')}</th>
              <th>{t('metrics.timeToDecision')}</th>
              <th>{t('metrics.slaBreaches')}</th>
              <th>{t('metrics.refunded')}</th>
              <th>{t('metrics.outcomes')}</th>
            </tr>
          </thead>
          <tbody>
            {metrics.value.flows.map((flow) => (
              <Fragment key={flow.flowKey}>
                <MetricsRow flow={flow} runs={{ ...period, flowKey: flow.flowKey }} />
                {flow.versions.map((version) => (
                  <MetricsRow
                    key={version.flowVersion}
                    flow={version}
                    runs={{
                      ...period,
                      flowKey: flow.flowKey,
                      flowVersion: String(version.flowVersion),
                    }}
                  />
                ))}
              </Fragment>
            ))}
          </tbody>
        </table>
      )}
      {metrics.value && <ReviewerWorkloadTable reviewers={metrics.value.reviewers} />}
      <GroupView />
    </section>
  );
}

function PeriodBar({ onApply }: { onApply: (period: Period) => void }) {
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const { t } = useTranslation();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply({ ...(from && { from }), ...(to && { to }) });
  };
  return (
    <form className="filters" onSubmit={submit} data-testid="metrics-period">
      <span className="muted">{t('oversight.period')}</span>
      <DateRangeInputs from={from} to={to} onFrom={setFrom} onTo={setTo} testIdPrefix="metrics" />
      <button type="submit" data-testid="metrics-apply">
        {t('oversight.show')}
      </button>
    </form>
  );
}

/** A flow's row, or (indented) one of its versions'; both link to the runs they count. */
function MetricsRow({ flow, runs }: { flow: FlowMetrics | FlowVersionMetrics; runs: RunFilters }) {
  const { t } = useTranslation();
  const version = 'flowVersion' in flow;
  const testId = version
    ? `metrics-${runs.flowKey}-v${flow.flowVersion}`
    : `metrics-${runs.flowKey}`;
  return (
    <tr data-testid={testId} className={version ? 'muted' : undefined}>
      <td>
        <Link to={runsLink(runs)} data-testid={`${testId}-runs`}>
          {version ? `↳ ${t('oversight.version', { version: flow.flowVersion })}` : runs.flowKey}
        </Link>
      </td>
      <td>{flow.cases}</td>
      <td>
        <Link to={runsLink({ ...runs, status: 'running' })}>{flow.running}</Link>
      </td>
      <td>{flow.closed}</td>
      <td data-testid={`${testId}-backlog`}>
        {flow.backlog.openTasks}
        {flow.backlog.overdueTasks > 0 && (
          <span className="bad">
            {' '}
            · {t('oversight.overdue', { count: flow.backlog.overdueTasks })}
          </span>
        )}
        {flow.backlog.oldestOpenSince && (
          <div className="muted small">
            {t('oversight.oldestWait', { at: formatInstant(flow.backlog.oldestOpenSince) })}
          </div>
        )}
      </td>
      <td>{percent(flow.autoDecidedShare)}</td>
      <td>
        {duration(flow.timeToDecisionSeconds.p50)} / {duration(flow.timeToDecisionSeconds.p95)}
      </td>
      <td className={flow.slaBreaches > 0 ? 'bad' : undefined}>{flow.slaBreaches}</td>
      <td>{formatAmounts(flow.refunded)}</td>
      <td>
        {Object.entries(flow.outcomes)
          .map(([outcome, count]) => `${outcome}: ${count}`)
          .join(', ') || '—'}
      </td>
    </tr>
  );
}
