import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { TaskDetail } from '#api-contract/inbox';
import { caseCurrency } from '../flows/rule-money.ts';
import { i18n } from '../i18n/i18n.ts';
import { TrailTimeline } from '../runs/trail-timeline.tsx';
import { formatInstant, relativeToNow } from '../session/format.ts';
import { useMe } from '../session/session-context.tsx';
import { useLoaded } from '../session/use-loaded.ts';
import { useUserNames } from '../session/user-names.ts';
import { AmazonNotices } from './amazon-notices.tsx';
import { CaseFacts } from './case-facts.tsx';
import { DecisionForm } from './decision-form.tsx';
import { type DecisionTally, inboxApi } from './inbox-api.ts';
import { refusalText } from './refusal-words.ts';
import { ruleInWords } from './rule-words.ts';

const AFTER_DECISION_POLL_MS = 1_000;

export function TaskPage() {
  const { taskId = '' } = useParams();
  const detail = useLoaded(() => inboxApi.task(taskId), taskId);
  const { t } = useTranslation();
  return (
    <div className="stack">
      <Link to="/inbox" className="back">
        {t('inbox.back')}
      </Link>
      {detail.error && <p className="bad">{detail.error}</p>}
      {detail.value && <TaskView detail={detail.value} reload={detail.reload} />}
    </div>
  );
}

function TaskView({ detail, reload }: { detail: TaskDetail; reload: () => void }) {
  const me = useMe();
  const directoryName = useUserNames();
  const { t } = useTranslation();
  const { task } = detail;
  // The task names its people itself, so reviewers (who cannot list users) see names too.
  const nameOf = (userId: string | undefined) =>
    (userId && detail.people[userId]) || directoryName(userId);
  const myDecision = task.decisions.find((decision) => decision.userId === me.userId);
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
      setActionError(refusalText(failure, nameOf));
    }
    reload();
  };

  return (
    <>
      <BusinessReason detail={detail} />
      <section className="panel" data-testid="task">
        <div className="panel-head">
          <h1>{task.title}</h1>
          <span
            className={`badge ${task.status === 'open' ? 'info' : 'neutral'}`}
            data-testid="task-status"
          >
            {taskStatusText(task.status)}
          </span>
        </div>
        <p className="muted">
          {t('inbox.taskLine', {
            flow: task.flowKey,
            version: task.flowVersion,
            node: task.nodeId,
            assignee: task.escalatedTo ?? task.assigneeGroup ?? task.assigneeRole ?? '—',
            opened: formatInstant(task.openedAt),
          })}
          {task.dueAt && (
            <span className={task.overdue ? 'bad' : undefined}>
              {t('inbox.due', { when: relativeToNow(task.dueAt) })}
              {task.overdue && t('inbox.overdueNote')}
            </span>
          )}
        </p>
        <CaseFacts detail={detail} nameOf={nameOf} />
      </section>

      <AmazonNotices reasons={detail.reasons} />
      <section className="panel" data-testid="task-work">
        <div className="panel-head">
          <h2>{t('inbox.yourDecision')}</h2>
          {task.status === 'open' && (
            <span className="muted" data-testid="task-claim">
              {task.claim
                ? t('inbox.claimedByName', { name: nameOf(task.claim.userId) })
                : t('inbox.notClaimed')}
            </span>
          )}
          {task.status === 'open' && !task.claim && !myDecision && (
            <button
              type="button"
              onClick={act(() => inboxApi.claim(task.id))}
              data-testid="task-claim-button"
            >
              {t('inbox.claim')}
            </button>
          )}
          {task.status === 'open' && claimedByMe && (
            <button
              type="button"
              onClick={act(() => inboxApi.unclaim(task.id))}
              data-testid="task-unclaim-button"
            >
              {t('inbox.release')}
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
                <strong>{nameOf(decision.userId)}</strong> {t(`verdicts.${decision.verdict}`)}{' '}
                {decision.comment && <q>{decision.comment}</q>} · {formatInstant(decision.at)}
              </li>
            ))}
          </ul>
        )}
        {recorded && (
          <p className="verdict ok" data-testid="decision-recorded">
            {t('inbox.recorded', {
              approvals: recorded.approvals,
              required: recorded.approvalsRequired,
            })}
            {recorded.closed ? t('inbox.movesOn') : t('inbox.recordedEnd')}
          </p>
        )}
        {myDecision && !recorded && (
          <p className="verdict ok" data-testid="task-you-decided">
            {t('inbox.youDecided', { verdict: t(`verdicts.${myDecision.verdict}`) })}
          </p>
        )}
        {task.status === 'open' && !recorded && !myDecision && (
          <DecisionForm
            taskId={task.id}
            nameOf={nameOf}
            fields={fields.value ?? []}
            onDecided={(tally) => {
              setRecorded(tally);
              reload();
            }}
          />
        )}
        {task.status !== 'open' && (
          <p data-testid="task-closed">
            {t('inbox.closed', { status: taskStatusText(task.status) })}
          </p>
        )}
      </section>

      <section className="panel" data-testid="task-reasons">
        <h2>{t('inbox.why')}</h2>
        <TrailTimeline
          events={detail.reasons}
          testId="task-reasons-timeline"
          nameOf={nameOf}
          currency={caseCurrency(detail.case.input ?? {})}
        />
      </section>
    </>
  );
}

/** Why the case came to a person, in business words, before anything else on the page. */
function BusinessReason({ detail }: { detail: TaskDetail }) {
  const { t } = useTranslation();
  const reason = detail.businessReason;
  if (!reason) return null;
  const words = ruleInWords(reason.rule, caseCurrency(detail.case.input ?? {}));
  return (
    <section className="panel business-reason" data-testid="task-business-reason">
      <p className="muted small">{t('inbox.because')}</p>
      <h1 data-testid="task-business-reason-label">{reason.label}</h1>
      {words && (
        <p className="muted" data-testid="task-business-reason-rule">
          {t('inbox.ruleSaid', { rule: words })}
        </p>
      )}
    </section>
  );
}

function taskStatusText(status: string): string {
  const key = `taskStatus.${status}`;
  return i18n.exists(key) ? i18n.t(key as never) : status;
}
