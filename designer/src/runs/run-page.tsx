import { useEffect, useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import type { RunDetail } from '#api-contract/cases';
import { auditApi } from '../audit/audit-api.ts';
import { CaseTimeline } from '../audit/case-timeline.tsx';
import { ReplayCheck } from '../audit/replay-check.tsx';
import { FlowDiagram } from '../flows/index.ts';
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
  // A running case is read live from its workflow; poll until it closes.
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(reload, LIVE_POLL_MS);
    return () => clearInterval(timer);
  }, [running, reload]);

  return (
    <div className="stack">
      <Link to="/runs" className="back">
        ← Runs
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
  return (
    <>
      <section className="panel" data-testid="run">
        <div className="panel-head">
          <h1>Case {summary.caseId}</h1>
          <StatusBadge status={summary.status} />
          {run.source === 'live' && (
            <span className="badge live" data-testid="run-live">
              live
            </span>
          )}
          <span className="spacer" />
          {summary.status === 'running' && hasAnyRole(me.roles, ['admin']) && (
            <CancelRun caseId={summary.caseId} onCancelled={onChanged} />
          )}
        </div>
        <dl className="facts">
          <dt>Flow</dt>
          <dd>
            {summary.flowKey} v{summary.flowVersion}
          </dd>
          <dt>Order</dt>
          <dd>{summary.orderId ?? '—'}</dd>
          <dt>Requested by</dt>
          <dd>{nameOf(summary.requestedBy)}</dd>
          <dt>Submitted</dt>
          <dd>{formatInstant(summary.submittedAt)}</dd>
          <dt>Outcome</dt>
          <dd data-testid="run-outcome">{summary.outcome ?? '—'}</dd>
          <dt>Decided by</dt>
          <dd>{summary.decidedBy ?? '—'}</dd>
          <dt>Refunded</dt>
          <dd>{formatAmounts(summary.refunded)}</dd>
          {run.activeNodes.length > 0 && (
            <>
              <dt>Waiting at</dt>
              <dd data-testid="run-active-nodes">{run.activeNodes.join(', ')}</dd>
            </>
          )}
        </dl>
        <RunDiagram run={run} />
      </section>

      {run.openTasks.length > 0 && (
        <section className="panel">
          <h2>Open tasks</h2>
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
            <h2>Audit timeline</h2>
            <span className="spacer" />
            <a
              className="button"
              href={auditApi.exportUrl(summary.caseId, 'json')}
              download
              data-testid="export-json"
            >
              Export JSON
            </a>
            <a
              className="button"
              href={auditApi.exportUrl(summary.caseId, 'csv')}
              download
              data-testid="export-csv"
            >
              Export CSV
            </a>
          </div>
          <ReplayCheck caseId={summary.caseId} />
          <CaseTimeline caseId={summary.caseId} version={`${summary.status}/${run.trail.length}`} />
        </section>
      ) : (
        <section className="panel">
          <h2>Trail</h2>
          <TrailTimeline events={run.trail} />
        </section>
      )}
    </>
  );
}

function openTaskLine(task: RunDetail['openTasks'][number]): string {
  const due = task.dueAt ? `due ${formatInstant(task.dueAt)}` : 'no SLA';
  const assignee = task.assignee.group ?? task.assignee.role ?? '—';
  return `· ${assignee} · ${due} · ${task.decisions.length}/${task.approvalsRequired} decisions`;
}

function RunDiagram({ run }: { run: RunDetail }) {
  const { flowKey, flowVersion } = run.case;
  const flow = useLoaded(() => runsApi.flow(flowKey, flowVersion), `${flowKey}@${flowVersion}`);
  const path = useMemo(
    () => (flow.value ? runPath(flow.value, run.trail, run.activeNodes) : undefined),
    [flow.value, run.trail, run.activeNodes],
  );
  if (flow.error) return <p className="muted">The flow cannot be drawn: {flow.error}</p>;
  if (!flow.value || !path) return <p className="muted">Drawing the flow…</p>;
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
        Cancel run
      </button>
    );
  }
  return (
    <span className="row">
      <input
        placeholder="Why cancel?"
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
        Cancel the run
      </button>
      <button type="button" onClick={() => setAsking(false)}>
        Keep it
      </button>
      {error && <span className="bad">{error}</span>}
    </span>
  );
}
