import { useTranslation } from 'react-i18next';
import { type ComponentHealth, useSystemHealth } from './use-system-health.ts';

export function SystemStatus() {
  const health = useSystemHealth();
  const { t } = useTranslation();
  return (
    <section className="panel" aria-labelledby="status-title">
      <h1 id="status-title">{t('status.title')}</h1>
      {health === undefined && <p className="muted">{t('status.checking')}</p>}
      {health === null && <p className="bad">{t('status.noAnswer')}</p>}
      {health && (
        <ul className="status-list">
          <StatusRow name={t('status.temporal')} component={health.temporal} />
          <StatusRow name={t('status.database')} component={health.database} />
        </ul>
      )}
    </section>
  );
}

/** A one-dot summary for the top bar: green when every component is up. */
export function HealthDot() {
  const health = useSystemHealth();
  const { t } = useTranslation();
  const state = health === undefined ? 'checking' : health?.ok ? 'ok' : 'bad';
  const label = {
    checking: t('status.dotChecking'),
    ok: t('status.dotOk'),
    bad: t('status.dotBad'),
  }[state];
  return (
    <span className={`health ${state}`} data-testid="health-dot">
      <span className="dot" aria-hidden="true" />
      <span className="health-label">{label}</span>
    </span>
  );
}

function StatusRow({ name, component }: { name: string; component: ComponentHealth }) {
  const { t } = useTranslation();
  return (
    <li className={component.ok ? 'ok' : 'bad'}>
      <span className="dot" aria-hidden="true" />
      <span className="status-name">{name}</span>
      <span className="status-detail">
        {component.ok
          ? t('status.up', { ms: component.latencyMs })
          : t('status.down', { error: component.error ?? '' })}
      </span>
    </li>
  );
}
