import { useState } from 'react';
import { Link } from 'react-router';
import type { InboxTask, InboxView } from '#api-contract/inbox';
import { formatInstant, relativeToNow } from '../session/format.ts';
import { Pager } from '../session/pager.tsx';
import { useLoaded } from '../session/use-loaded.ts';
import { useUserNames } from '../session/user-names.ts';
import { inboxApi } from './inbox-api.ts';

const VIEWS: { view: InboxView; label: string }[] = [
  { view: 'mine', label: 'My tasks' },
  { view: 'roles', label: "My roles' tasks" },
  { view: 'all', label: 'All' },
];

export function InboxPage() {
  const [view, setView] = useState<InboxView>('roles');
  const [sort, setSort] = useState<'due' | 'opened'>('due');
  const [page, setPage] = useState(1);
  const inbox = useLoaded(() => inboxApi.list(view, sort, page), `${view}/${sort}/${page}`);
  const pages = inbox.value ? Math.max(1, Math.ceil(inbox.value.total / inbox.value.pageSize)) : 1;

  return (
    <section className="panel" data-testid="inbox">
      <div className="panel-head">
        <h1>Inbox</h1>
        <div className="tabs" role="tablist">
          {VIEWS.map((option) => (
            <button
              key={option.view}
              type="button"
              role="tab"
              aria-selected={view === option.view}
              className={view === option.view ? 'tab active' : 'tab'}
              data-testid={`inbox-view-${option.view}`}
              onClick={() => {
                setView(option.view);
                setPage(1);
              }}
            >
              {option.label}
            </button>
          ))}
        </div>
        <button type="button" onClick={inbox.reload} data-testid="inbox-refresh">
          Refresh
        </button>
      </div>
      {inbox.error && <p className="bad">{inbox.error}</p>}
      {inbox.value && inbox.value.items.length === 0 && (
        <p className="muted" data-testid="inbox-empty">
          No open tasks here.
        </p>
      )}
      {inbox.value && inbox.value.items.length > 0 && (
        <table className="grid" data-testid="inbox-table">
          <thead>
            <tr>
              <th>Task</th>
              <th>Case</th>
              <th>Assigned to</th>
              <th>Claimed by</th>
              <th>
                <button
                  type="button"
                  className="link"
                  data-testid="inbox-sort"
                  onClick={() => setSort(sort === 'due' ? 'opened' : 'due')}
                  title="Change the order"
                >
                  {sort === 'due' ? 'SLA due ▲' : 'Opened ▼'}
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
  return (
    <tr className={task.overdue ? 'overdue' : undefined} data-testid={`inbox-task-${task.caseId}`}>
      <td>
        <Link to={`/inbox/${task.id}`}>{task.title}</Link>
        <div className="muted small">
          {task.flowKey} v{task.flowVersion} · {task.approvals}/{task.approvalsRequired} approvals
        </div>
      </td>
      <td>{task.caseId}</td>
      <td>{task.escalatedTo ?? task.assigneeGroup ?? task.assigneeRole ?? '—'}</td>
      <td>{task.claim ? nameOf(task.claim.userId) : <span className="muted">nobody</span>}</td>
      <td>
        {task.dueAt ? (
          <span title={formatInstant(task.dueAt)}>
            {task.overdue && <span className="badge bad">overdue</span>} {relativeToNow(task.dueAt)}
          </span>
        ) : (
          <span className="muted">no SLA</span>
        )}
      </td>
    </tr>
  );
}
