import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { InboxTask } from '#api-contract/inbox';
import { centsAsAmount } from '../flows/rule-money.ts';
import { formatInstant, relativeToNow } from '../session/format.ts';
import { Pager } from '../session/pager.tsx';
import { useLoaded } from '../session/use-loaded.ts';
import { useUserNames } from '../session/user-names.ts';
import { inboxApi } from './inbox-api.ts';
import { filtersFromUrl, filtersToUrl, type InboxFilters, VIEWS } from './inbox-filters.ts';
import { waitingFor } from './task-age.ts';

/** The reviewer's list; every filter lives in the URL, so a filtered inbox can be shared. */
export function InboxPage() {
  const [params, setParams] = useSearchParams();
  const filters = filtersFromUrl(params);
  const { t } = useTranslation();
  const key = filtersToUrl(filters).toString();
  const inbox = useLoaded(() => inboxApi.list(filters), key);
  const pages = inbox.value ? Math.max(1, Math.ceil(inbox.value.total / inbox.value.pageSize)) : 1;
  // Any change but paging starts again at page 1.
  const change = (patch: Partial<InboxFilters>) =>
    setParams(filtersToUrl({ ...filters, page: 1, ...patch }));
  const done = filters.view === 'done';

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
              aria-selected={filters.view === option}
              className={filters.view === option ? 'tab active' : 'tab'}
              data-testid={`inbox-view-${option}`}
              onClick={() => change({ view: option })}
            >
              {t(`inbox.${option}`)}
            </button>
          ))}
        </div>
        <button type="button" onClick={inbox.reload} data-testid="inbox-refresh">
          {t('inbox.refresh')}
        </button>
      </div>
      <FilterBar key={key} filters={filters} onChange={change} />
      {inbox.error && <p className="bad">{inbox.error}</p>}
      {inbox.value && inbox.value.items.length === 0 && (
        <p className="muted" data-testid="inbox-empty">
          {done ? t('inbox.noneDone') : t('inbox.empty')}
        </p>
      )}
      {inbox.value && inbox.value.items.length > 0 && (
        <table className="grid" data-testid="inbox-table">
          <thead>
            <tr>
              <th>{t('inbox.task')}</th>
              <th>{t('inbox.order')}</th>
              <th>{t('inbox.marketplace')}</th>
              <th className="num">{t('inbox.amount')}</th>
              <th>{t('inbox.age')}</th>
              <th>{done ? t('inbox.status') : t('inbox.claimedBy')}</th>
              <th>
                <button
                  type="button"
                  className="link"
                  data-testid="inbox-sort"
                  disabled={done}
                  onClick={() => change({ sort: filters.sort === 'due' ? 'opened' : 'due' })}
                  title={t('inbox.changeOrder')}
                >
                  {filters.sort === 'due' ? t('inbox.sortDue') : t('inbox.sortOpened')}
                </button>
              </th>
            </tr>
          </thead>
          <tbody>
            {inbox.value.items.map((task) => (
              <TaskRow key={task.id} task={task} done={done} />
            ))}
          </tbody>
        </table>
      )}
      <Pager
        page={filters.page}
        pages={pages}
        onPage={(page) => setParams(filtersToUrl({ ...filters, page }))}
      />
    </section>
  );
}

/** Search and filters, applied on Enter or on change; what is typed is kept until applied. */
function FilterBar({
  filters,
  onChange,
}: {
  filters: InboxFilters;
  onChange(patch: Partial<InboxFilters>): void;
}) {
  const { t } = useTranslation();
  const [q, setQ] = useState(filters.q ?? '');
  const [marketplace, setMarketplace] = useState(filters.marketplace ?? '');
  const apply = (event: FormEvent) => {
    event.preventDefault();
    onChange({ q: q.trim() || undefined, marketplace: marketplace.trim() || undefined });
  };
  return (
    <form className="filters row" onSubmit={apply} data-testid="inbox-filters">
      <input
        type="search"
        value={q}
        placeholder={t('inbox.searchPlaceholder')}
        aria-label={t('inbox.search')}
        onChange={(event) => setQ(event.target.value)}
        data-testid="inbox-search"
      />
      <input
        value={marketplace}
        placeholder={t('inbox.marketplace')}
        aria-label={t('inbox.marketplace')}
        onChange={(event) => setMarketplace(event.target.value)}
        data-testid="inbox-marketplace"
        size={10}
      />
      <label>
        <input
          type="checkbox"
          checked={filters.overdue === true}
          onChange={(event) => onChange({ overdue: event.target.checked || undefined })}
          data-testid="inbox-overdue"
        />
        {t('inbox.onlyOverdue')}
      </label>
      <button type="submit" data-testid="inbox-apply">
        {t('inbox.applyFilters')}
      </button>
    </form>
  );
}

function TaskRow({ task, done }: { task: InboxTask; done: boolean }) {
  const nameOf = useUserNames();
  const { t } = useTranslation();
  return (
    <tr className={task.overdue ? 'overdue' : undefined} data-testid={`inbox-task-${task.caseId}`}>
      <td>
        <Link to={`/inbox/${task.id}`}>{task.title}</Link>
        <div className="muted small">
          {task.caseId} · {task.flowKey} v{task.flowVersion} ·{' '}
          {t('inbox.approvals', { approvals: task.approvals, required: task.approvalsRequired })}
        </div>
      </td>
      <td data-testid="inbox-order">{task.orderId ?? '—'}</td>
      <td>{task.marketplace ?? '—'}</td>
      <td className="num" data-testid="inbox-amount">
        {task.amount ? centsAsAmount(task.amount.cents, task.amount.currency) : '—'}
      </td>
      <td title={formatInstant(task.openedAt)} data-testid="inbox-age">
        {waitingFor(task.openedAt)}
      </td>
      <td>
        {done ? (
          t(`taskStatus.${task.status}`)
        ) : task.claim ? (
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
