import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, NavLink, Route, Routes } from 'react-router';
import type { RoleName } from '#api-contract/users';
import { AccountsPage } from './accounts/accounts-page.tsx';
import { AuditLogPage } from './audit/audit-log-page.tsx';
import { FlowEditorPage, FlowListPage } from './flows/index.ts';
import { LanguageSwitch } from './i18n/language-switch.tsx';
import { InboxPage } from './inbox/inbox-page.tsx';
import { TaskPage } from './inbox/task-page.tsx';
import { MetricsPage } from './metrics/metrics-page.tsx';
import { RefundsPage } from './refunds/refunds-page.tsx';
import { RequestsPage } from './requests/requests-page.tsx';
import { RunPage } from './runs/run-page.tsx';
import { RunsPage } from './runs/runs-page.tsx';
import { LoginPage } from './session/login-page.tsx';
import { hasAnyRole, navFor } from './session/role-nav.ts';
import { useMe, useSession } from './session/session-context.tsx';
import { HealthDot, SystemStatus } from './system-status.tsx';

export function App() {
  const { me } = useSession();
  const { t } = useTranslation();
  if (me === undefined) return <p className="muted boot">{t('app.loading')}</p>;
  if (me === null) return <LoginPage />;
  return (
    <div className="shell">
      <TopBar />
      <Routes>
        <Route path="/" element={<Home />} />
        <Route path="/login" element={<Home />} />
        <Route
          path="/flows"
          element={
            <Only
              roles={['admin']}
              page={
                <section className="panel">
                  <FlowListPage />
                </section>
              }
            />
          }
        />
        <Route
          path="/flows/:flowKey"
          element={<Only roles={['admin']} page={<FlowEditorPage />} wide />}
        />
        <Route path="/inbox" element={<Only roles={INBOX_WORKERS} page={<InboxPage />} />} />
        <Route path="/inbox/:taskId" element={<Only roles={INBOX_WORKERS} page={<TaskPage />} />} />
        <Route
          path="/requests"
          element={<Only roles={['requester', 'admin']} page={<RequestsPage />} />}
        />
        <Route path="/runs" element={<Only roles={RUN_READERS} page={<RunsPage />} />} />
        <Route path="/runs/:caseId" element={<Only roles={RUN_READERS} page={<RunPage />} />} />
        <Route
          path="/audit"
          element={<Only roles={['auditor', 'admin']} page={<AuditLogPage />} />}
        />
        <Route
          path="/metrics"
          element={<Only roles={['auditor', 'admin']} page={<MetricsPage />} />}
        />
        <Route
          path="/refunds"
          element={<Only roles={['auditor', 'admin']} page={<RefundsPage />} />}
        />
        <Route
          path="/accounts"
          element={<Only roles={['auditor', 'admin']} page={<AccountsPage />} />}
        />
        <Route path="/status" element={<Page>{<SystemStatus />}</Page>} />
        <Route path="*" element={<Page>{<NotFound />}</Page>} />
      </Routes>
    </div>
  );
}

const RUN_READERS: RoleName[] = ['admin', 'auditor', 'reviewer'];
const INBOX_WORKERS: RoleName[] = ['reviewer', 'admin', 'store-staff'];

function TopBar() {
  const { signOut } = useSession();
  const me = useMe();
  const { t } = useTranslation();
  return (
    <header className="topbar">
      <NavLink to="/" className="brand">
        {t('app.brand')}
      </NavLink>
      <nav className="main-nav" aria-label="Main">
        {navFor(me.roles).map((item) => (
          <NavLink key={item.to} to={item.to} data-testid={`nav-${item.to.slice(1)}`}>
            {item.label}
          </NavLink>
        ))}
      </nav>
      <span className="spacer" />
      <NavLink to="/status" className="health-link" title={t('app.systemStatus')}>
        <HealthDot />
      </NavLink>
      <span className="whoami" data-testid="whoami">
        {me.name} · {me.roles.map((role) => t(`roles.${role}`)).join(', ')}
      </span>
      <LanguageSwitch />
      <button type="button" className="sign-out" onClick={signOut} data-testid="sign-out">
        {t('app.signOut')}
      </button>
    </header>
  );
}

function Home() {
  const me = useMe();
  const [first] = navFor(me.roles);
  return first ? <Navigate to={first.to} replace /> : <Navigate to="/status" replace />;
}

function Only({ roles, page, wide }: { roles: RoleName[]; page: ReactNode; wide?: boolean }) {
  const me = useMe();
  const content = hasAnyRole(me.roles, roles) ? page : <Forbidden />;
  return wide ? <main className="wide">{content}</main> : <Page>{content}</Page>;
}

function Page({ children }: { children: ReactNode }) {
  return <main className="content">{children}</main>;
}

function Forbidden() {
  const { t } = useTranslation();
  return (
    <section className="panel">
      <h1>{t('app.forbiddenTitle')}</h1>
      <p className="muted">{t('app.forbiddenText')}</p>
    </section>
  );
}

function NotFound() {
  const { t } = useTranslation();
  return (
    <section className="panel">
      <h1>{t('app.notFoundTitle')}</h1>
      <p className="muted">{t('app.notFoundText')}</p>
    </section>
  );
}
