import { type ComponentHealth, useSystemHealth } from './use-system-health.ts';

export function SystemStatus() {
  const health = useSystemHealth();
  return (
    <section className="panel" aria-labelledby="status-title">
      <h1 id="status-title">System status</h1>
      {health === undefined && <p className="muted">Checking…</p>}
      {health === null && <p className="bad">The API does not answer.</p>}
      {health && (
        <ul className="status-list">
          <StatusRow name="Workflow engine (Temporal)" component={health.temporal} />
          <StatusRow name="Database (MongoDB protocol)" component={health.database} />
        </ul>
      )}
    </section>
  );
}

/** A one-dot summary for the top bar: green when every component is up. */
export function HealthDot() {
  const health = useSystemHealth();
  const state = health === undefined ? 'checking' : health?.ok ? 'ok' : 'bad';
  const label = { checking: 'checking', ok: 'all systems up', bad: 'a system is down' }[state];
  return (
    <span className={`health ${state}`} data-testid="health-dot">
      <span className="dot" aria-hidden="true" />
      <span className="health-label">{label}</span>
    </span>
  );
}

function StatusRow({ name, component }: { name: string; component: ComponentHealth }) {
  return (
    <li className={component.ok ? 'ok' : 'bad'}>
      <span className="dot" aria-hidden="true" />
      <span className="status-name">{name}</span>
      <span className="status-detail">
        {component.ok ? `up · ${component.latencyMs} ms` : `down · ${component.error ?? ''}`}
      </span>
    </li>
  );
}
