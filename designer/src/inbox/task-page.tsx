import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import type { TaskDetail } from '#api-contract/inbox';
import { TrailTimeline } from '../runs/trail-timeline.tsx';
import { formatInstant, relativeToNow } from '../session/format.ts';
import { useMe } from '../session/session-context.tsx';
import { reasonOf, useLoaded } from '../session/use-loaded.ts';
import { useUserNames } from '../session/user-names.ts';
import { CaseFacts } from './case-facts.tsx';
import { DecisionForm } from './decision-form.tsx';
import { type DecisionTally, inboxApi } from './inbox-api.ts';

const AFTER_DECISION_POLL_MS = 1_000;

export function TaskPage() {
  const { taskId = '' } = useParams();
  const detail = useLoaded(() => inboxApi.task(taskId), taskId);
  return (
    <div className="stack">
      <Link to="/inbox" className="back">
        ← Inbox
      </Link>
      {detail.error && <p className="bad">{detail.error}</p>}
      {detail.value && <TaskView detail={detail.value} reload={detail.reload} />}
    </div>
  );
}

function TaskView({ detail, reload }: { detail: TaskDetail; reload: () => void }) {
  const me = useMe();
  const nameOf = useUserNames();
  const { task } = detail;
  const fields = useLoaded(
    () => inboxApi.formOf(task.flowKey, task.flowVersion, task.nodeId).catch(() => []),
    `${task.flowKey}/${task.flowVersion}/${task.nodeId}`,
  );
  const [actionError, setActionError] = useState<string>();
  const [recorded, setRecorded] = useState<DecisionTally>();
  // The engine takes the decision at once; the inbox learns the task closed a moment later.
  const waitingForClose = recorded?.closed === true && task.status === 'open';
  useEffect(() => {
    if (!waitingForClose) return;
    const timer = setInterval(reload, AFTER_DECISION_POLL_MS);
    return () => clearInterval(timer);
  }, [waitingForClose, reload]);
  const claimedByMe = task.claim?.userId === me.userId;
  const act = (action: () => Promise<unknown>) => async () => {
    setActionError(undefined);
    try {
      await action();
    } catch (failure) {
      setActionError(reasonOf(failure));
    }
    reload();
  };

  return (
    <>
      <section className="panel" data-testid="task">
        <div className="panel-head">
          <h1>{task.title}</h1>
          <span
            className={`badge ${task.status === 'open' ? 'info' : 'neutral'}`}
            data-testid="task-status"
          >
            {task.status}
          </span>
        </div>
        <p className="muted">
          {task.flowKey} v{task.flowVersion} · node {task.nodeId} · assigned to{' '}
          {task.escalatedTo ?? task.assigneeGroup ?? task.assigneeRole ?? '—'} · opened{' '}
          {formatInstant(task.openedAt)}
          {task.dueAt && (
            <span className={task.overdue ? 'bad' : undefined}>
              {' '}
              · due {relativeToNow(task.dueAt)}
              {task.overdue && ' (overdue)'}
            </span>
          )}
        </p>
        <CaseFacts detail={detail} />
      </section>

      <section className="panel" data-testid="task-work">
        <div className="panel-head">
          <h2>Your decision</h2>
          {task.status === 'open' && (
            <span className="muted" data-testid="task-claim">
              {task.claim ? `claimed by ${nameOf(task.claim.userId)}` : 'not claimed'}
            </span>
          )}
          {task.status === 'open' && !task.claim && (
            <button
              type="button"
              onClick={act(() => inboxApi.claim(task.id))}
              data-testid="task-claim-button"
            >
              Claim
            </button>
          )}
          {task.status === 'open' && claimedByMe && (
            <button
              type="button"
              onClick={act(() => inboxApi.unclaim(task.id))}
              data-testid="task-unclaim-button"
            >
              Release
            </button>
          )}
        </div>
        {actionError && (
          <p className="refusal" role="alert">
            {actionError}
          </p>
        )}
        {task.decisions.length > 0 && (
          <ul className="decisions" data-testid="task-decisions">
            {task.decisions.map((decision) => (
              <li key={`${decision.userId}-${decision.at}`}>
                <strong>{nameOf(decision.userId)}</strong> {decision.verdict}d{' '}
                {decision.comment && <q>{decision.comment}</q>} · {formatInstant(decision.at)}
              </li>
            ))}
          </ul>
        )}
        {recorded && (
          <p className="verdict ok" data-testid="decision-recorded">
            Your decision is recorded ({recorded.approvals}/{recorded.approvalsRequired} approvals)
            {recorded.closed ? '; the case moves on.' : '.'}
          </p>
        )}
        {task.status === 'open' && !recorded && (
          <DecisionForm
            taskId={task.id}
            fields={fields.value ?? []}
            onDecided={(tally) => {
              setRecorded(tally);
              reload();
            }}
          />
        )}
        {task.status !== 'open' && <p data-testid="task-closed">This task is {task.status}.</p>}
      </section>

      <section className="panel" data-testid="task-reasons">
        <h2>Why this case came to you</h2>
        <TrailTimeline events={detail.reasons} testId="task-reasons-timeline" />
      </section>
    </>
  );
}
