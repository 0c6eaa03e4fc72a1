import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { InboxTask, InboxView } from '#api-contract/inbox';
import { formatInstant, relativeToNow } from '../session/format.ts';
import { Pager } from '../session/pager.tsx';
import { useLoaded } from '../session/use-loaded.ts';
import { useUserNames } from '../session/user-names.ts';
import { inboxApi } from './inbox-api.ts';

const VIEWS: InboxView[] = ['mine', 'roles', 'all'];

export function InboxPage() {
  const [view, setView] = useState<InboxView>('roles');
  const [sort, setSort] = useState<'due' | 'opened'>('due');
  const [page, setPage] = useState(1);
  const { t } = useTranslation();
  const inbox = useLoaded(() => inboxApi.list(view, sort, page), `${view}/${sort}/${page}`);
  const pages = inbox.value ? Math.max(1, Math.ceil(inbox.value.total / inbox.value.pageSize)) : 1;

  return (
    <section className="panel" data-testid="inbox">
      <div className="panel-head">
        <h1>{t('inbox.title')}</h1>
        <div className="tabs" role="tablist">
          {VIEWS.map((option) => (
            <button
              key={option}
              type="button"
              role="tab"
              aria-selected={view === option}
              className={view === option ? 'tab active' : 'tab'}
              data-testid={`inbox-view-${option}`}
              onClick={() => {
                setView(option);
                setPage(1);
              }}
            >
              {t(`inbox.${option}`)}
            </button>
          ))}
        </div>
        <button type="button" onClick={inbox.reload} data-testid="inbox-refresh">
          {t('inbox.refresh')}
        </button>
      </div>
      {inbox.error && <p className="bad">{inbox.error}</p>}
      {inbox.value && inbox.value.items.length === 0 && (
        <p className="muted" data-testid="inbox-empty">
          {t('inbox.empty')}
        </p>
      )}
      {inbox.value && inbox.value.items.length > 0 && (
        <table className="grid" data-testid="inbox-table">
          <thead>
            <tr>
              <th>{t('inbox.task')}</th>
              <th>{t('inbox.case')}</th>
              <th>{t('inbox.assignedTo')}</th>
              <th>{t('inbox.claimedBy')}</th>
              <th>
                <button
                  type="button"
                  className="link"
                  data-testid="inbox-sort"
                  onClick={() => setSort(sort === 'due' ? 'opened' : 'due')}
                  title={t('inbox.changeOrder')}
                >
                  {sort === 'due' ? t('inbox.sortDue') : t('inbox.sortOpened')}
                </button>
              </th>
            </tr>
          </thead>
          <tbody>
            {inbox.value.items.map((task) => (
              <TaskRow key={task.id} task={task} />
            ))}
          </tbody>
        </table>
      )}
      <Pager page={page} pages={pages} onPage={setPage} />
    </section>
  );
}

function TaskRow({ task }: { task: InboxTask }) {
  const nameOf = useUserNames();
  const { t } = useTranslation();
  return (
    <tr className={task.overdue ? 'overdue' : undefined} data-testid={`inbox-task-${task.caseId}`}>
      <td>
        <Link to={`/inbox/${task.id}`}>{task.title}</Link>
        <div className="muted small">
          {task.flowKey} v{task.flowVersion} ·{' '}
          {t('inbox.approvals', { approvals: task.approvals, required: task.approvalsRequired })}
        </div>
      </td>
      <td>{task.caseId}</td>
      <td>{task.escalatedTo ?? task.assigneeGroup ?? task.assigneeRole ?? '—'}</td>
      <td>
        {task.claim ? (
          nameOf(task.claim.userId)
        ) : (
          <span className="muted">{t('inbox.nobody')}</span>
        )}
      </td>
      <td>
        {task.dueAt ? (
          <span title={formatInstant(task.dueAt)}>
            {task.overdue && <span className="badge bad">{t('inbox.overdue')}</span>}{' '}
            {relativeToNow(task.dueAt)}
          </span>
        ) : (
          <span className="muted">{t('inbox.noSla')}</span>
        )}
      </td>
    </tr>
  );
}
