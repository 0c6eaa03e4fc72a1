import { useTranslation } from 'react-i18next';
import type { FlowMetrics, Metrics } from '#api-contract/metrics';
import { api } from '../api/client.ts';
import { i18n } from '../i18n/i18n.ts';
import { formatAmounts } from '../session/format.ts';
import { useLoaded } from '../session/use-loaded.ts';

const percent = (share: number | null) => (share === null ? '—' : `${Math.round(share * 100)} %`);

function duration(seconds: number | null): string {
  if (seconds === null) return '—';
  if (seconds < 120) return i18n.t('time.seconds', { n: Math.round(seconds) });
  if (seconds < 7200) return i18n.t('time.minutes', { n: Math.round(seconds / 60) });
  return i18n.t('time.hours', { n: (seconds / 3600).toFixed(1) });
}

export function MetricsPage() {
  const metrics = useLoaded(() => api.get<Metrics>('/api/metrics'), 'all');
  const { t } = useTranslation();
  return (
    <section className="panel" data-testid="metrics">
      <h1>{t('metrics.title')}</h1>
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
              <th>{t('metrics.byRules')}</th>
              <th>{t('metrics.timeToDecision')}</th>
              <th>{t('metrics.slaBreaches')}</th>
              <th>{t('metrics.refunded')}</th>
              <th>{t('metrics.outcomes')}</th>
            </tr>
          </thead>
          <tbody>
            {metrics.value.flows.map((flow) => (
              <MetricsRow key={flow.flowKey} flow={flow} />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function MetricsRow({ flow }: { flow: FlowMetrics }) {
  return (
    <tr data-testid={`metrics-${flow.flowKey}`}>
      <td>{flow.flowKey}</td>
      <td>{flow.cases}</td>
      <td>{flow.running}</td>
      <td>{flow.closed}</td>
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
