import type { FlowMetrics, Metrics } from '#api-contract/metrics';
import { api } from '../api/client.ts';
import { formatAmounts } from '../session/format.ts';
import { useLoaded } from '../session/use-loaded.ts';

const percent = (share: number | null) => (share === null ? '—' : `${Math.round(share * 100)} %`);

function duration(seconds: number | null): string {
  if (seconds === null) return '—';
  if (seconds < 120) return `${Math.round(seconds)} s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}

export function MetricsPage() {
  const metrics = useLoaded(() => api.get<Metrics>('/api/metrics'), 'all');
  return (
    <section className="panel" data-testid="metrics">
      <h1>Metrics per flow</h1>
      {metrics.error && <p className="bad">{metrics.error}</p>}
      {metrics.value && metrics.value.flows.length === 0 && (
        <p className="muted">No case has been submitted yet.</p>
      )}
      {metrics.value && metrics.value.flows.length > 0 && (
        <table className="grid" data-testid="metrics-table">
          <thead>
            <tr>
              <th>Flow</th>
              <th>Cases</th>
              <th>Running</th>
              <th>Closed</th>
              <th>Decided by rules</th>
              <th>Time to decision p50 / p95</th>
              <th>SLA breaches</th>
              <th>Refunded</th>
              <th>Outcomes</th>
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
