import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { RunDetail } from '#api-contract/cases';
import { auditApi } from '../audit/audit-api.ts';
import { CaseTimeline } from '../audit/case-timeline.tsx';
import { ReplayCheck } from '../audit/replay-check.tsx';
import { FlowDiagram } from '../flows/index.ts';
import { caseCurrency } from '../flows/rule-money.ts';
import { i18n } from '../i18n/i18n.ts';
import { formatAmounts, formatInstant } from '../session/format.ts';
import { hasAnyRole } from '../session/role-nav.ts';
import { useMe } from '../session/session-context.tsx';
import { reasonOf, useLoaded } from '../session/use-loaded.ts';
import { useUserNames } from '../session/user-names.ts';
import { runPath } from './run-path.ts';
import { runsApi } from './runs-api.ts';
import { StatusBadge } from './runs-page.tsx';
import { TrailTimeline } from './trail-timeline.tsx';

const LIVE_POLL_MS = 2_000;

export function RunPage() {
  const { caseId = '' } = useParams();
  const run = useLoaded(() => runsApi.detail(caseId), caseId);
  const running = run.value?.case.status === 'running';
  const { reload } = run;
  const { t } = useTranslation();
  // A running case is read live from its workflow; poll until it closes.
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(reload, LIVE_POLL_MS);
    return () => clearInterval(timer);
  }, [running, reload]);

  return (
    <div className="stack">
      <Link to="/runs" className="back">
        {t('runs.back')}
      </Link>
      {run.error && <p className="bad">{run.error}</p>}
      {run.value && <RunView run={run.value} onChanged={reload} />}
    </div>
  );
}

function RunView({ run, onChanged }: { run: RunDetail; onChanged: () => void }) {
  const me = useMe();
  const summary = run.case;
  const nameOf = useUserNames();
  const mayAudit = hasAnyRole(me.roles, ['auditor', 'admin']);
  const { t } = useTranslation();
  return (
    <>
      <section className="panel" data-testid="run">
        <div className="panel-head">
          <h1>{t('runs.caseTitle', { caseId: summary.caseId })}</h1>
          <StatusBadge status={summary.status} />
          {run.source === 'live' && (
            <span className="badge live" data-testid="run-live">
              {t('runs.live')}
            </span>
          )}
          <span className="spacer" />
          {summary.status === 'running' && hasAnyRole(me.roles, ['admin']) && (
            <CancelRun caseId={summary.caseId} onCancelled={onChanged} />
          )}
        </div>
        <dl className="facts">
          <dt>{t('runs.flow')}</dt>
          <dd>
            {summary.flowKey} v{summary.flowVersion}
          </dd>
          <dt>{t('runs.order')}</dt>
          <dd>{summary.orderId ?? '—'}</dd>
          <dt>{t('runs.requestedBy')}</dt>
          <dd>{nameOf(summary.requestedBy)}</dd>
          <dt>{t('runs.submitted')}</dt>
          <dd>{formatInstant(summary.submittedAt)}</dd>
          <dt>{t('runs.outcome')}</dt>
          <dd data-testid="run-outcome">{summary.outcome ?? '—'}</dd>
          <dt>{t('runs.decidedBy')}</dt>
          <dd>{summary.decidedBy ?? '—'}</dd>
          <dt>{t('runs.refunded')}</dt>
          <dd>{formatAmounts(summary.refunded)}</dd>
          {run.activeNodes.length > 0 && (
            <>
              <dt>{t('runs.waitingAt')}</dt>
              <dd data-testid="run-active-nodes">{run.activeNodes.join(', ')}</dd>
            </>
          )}
        </dl>
        <RunDiagram run={run} />
      </section>

      {run.openTasks.length > 0 && (
        <section className="panel">
          <h2>{t('runs.openTasks')}</h2>
          <ul className="decisions">
            {run.openTasks.map((task) => (
              <li key={task.taskId}>
                <strong>{task.title}</strong> {openTaskLine(task)}
              </li>
            ))}
          </ul>
        </section>
      )}

      {mayAudit ? (
        <section className="panel" data-testid="run-audit">
          <div className="panel-head">
            <h2>{t('runs.auditTimeline')}</h2>
            <span className="spacer" />
            <a
              className="button"
              href={auditApi.exportUrl(summary.caseId, 'json')}
              download
              data-testid="export-json"
            >
              {t('runs.exportJson')}
            </a>
            <a
              className="button"
              href={auditApi.exportUrl(summary.caseId, 'csv')}
              download
              data-testid="export-csv"
            >
              {t('runs.exportCsv')}
            </a>
          </div>
          <ReplayCheck caseId={summary.caseId} />
          <CaseTimeline caseId={summary.caseId} version={`${summary.status}/${run.trail.length}`} />
        </section>
      ) : (
        <section className="panel">
          <h2>{t('runs.trail')}</h2>
          <TrailTimeline events={run.trail} currency={caseCurrency(run.input)} />
        </section>
      )}
    </>
  );
}

function openTaskLine(task: RunDetail['openTasks'][number]): string {
  const { t } = i18n;
  const due = task.dueAt ? t('runs.due', { at: formatInstant(task.dueAt) }) : t('runs.noSla');
  const assignee = task.assignee.group ?? task.assignee.role ?? '—';
  const decided = task.decisions.length;
  return t('runs.taskLine', { assignee, due, decided, required: task.approvalsRequired });
}

function RunDiagram({ run }: { run: RunDetail }) {
  const { flowKey, flowVersion } = run.case;
  const flow = useLoaded(() => runsApi.flow(flowKey, flowVersion), `${flowKey}@${flowVersion}`);
  const { t } = useTranslation();
  const path = useMemo(
    () => (flow.value ? runPath(flow.value, run.trail, run.activeNodes) : undefined),
    [flow.value, run.trail, run.activeNodes],
  );
  if (flow.error) return <p className="muted">{t('runs.cannotDraw', { error: flow.error })}</p>;
  if (!flow.value || !path) return <p className="muted">{t('runs.drawing')}</p>;
  return (
    <div className="run-diagram">
      <FlowDiagram
        flow={flow.value}
        highlightedNodeIds={path.nodeIds}
        highlightedEdgeIds={path.edgeIds}
        nodeBadges={path.badges}
      />
    </div>
  );
}

function CancelRun({ caseId, onCancelled }: { caseId: string; onCancelled: () => void }) {
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string>();
  const { t } = useTranslation();
  const cancel = async () => {
    try {
      await runsApi.cancel(caseId, reason);
      setAsking(false);
      onCancelled();
    } catch (failure) {
      setError(reasonOf(failure));
    }
  };
  if (!asking) {
    return (
      <button
        type="button"
        className="danger"
        onClick={() => setAsking(true)}
        data-testid="run-cancel"
      >
        {t('runs.cancelRun')}
      </button>
    );
  }
  return (
    <span className="row">
      <input
        placeholder={t('runs.whyCancel')}
        value={reason}
        onChange={(event) => setReason(event.target.value)}
        data-testid="run-cancel-reason"
      />
      <button
        type="button"
        className="danger"
        disabled={!reason.trim()}
        onClick={cancel}
        data-testid="run-cancel-confirm"
      >
        {t('runs.cancelTheRun')}
      </button>
      <button type="button" onClick={() => setAsking(false)}>
        {t('runs.keepIt')}
      </button>
      {error && <span className="bad">{error}</span>}
    </span>
  );
}
