import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { RefundNeedingAPerson, RefundResolutionRequest } from '#api-contract/refunds';
import { formatAmounts, formatInstant } from '../session/format.ts';
import { useMe } from '../session/session-context.tsx';
import { reasonOf, useLoaded } from '../session/use-loaded.ts';
import { refundsApi } from './refunds-api.ts';

const ACTIONS = [
  { action: 'done', label: 'refunds.done', meaning: 'refunds.doneMeaning' },
  { action: 'not-sent', label: 'refunds.notSent', meaning: 'refunds.notSentMeaning' },
  { action: 'resend', label: 'refunds.resend', meaning: 'refunds.resendMeaning' },
] as const satisfies {
  action: RefundResolutionRequest['action'];
  label: string;
  meaning: string;
}[];

/** Refunds whose fate Amazon's records did not settle; admins resolve them, auditors look. */
export function RefundsPage() {
  const { t } = useTranslation();
  const refunds = useLoaded(() => refundsApi.needingAPerson(), 'refunds');
  const canResolve = useMe().roles.includes('admin');
  const list = refunds.value?.refunds ?? [];
  return (
    <section className="panel" data-testid="refunds-needing-a-person">
      <div className="panel-head">
        <h1>{t('refunds.title')}</h1>
        <span className="muted">
          {refunds.value ? t('refunds.waiting', { count: list.length }) : ''}
        </span>
      </div>
      <p className="muted">{t('refunds.intro')}</p>
      {refunds.error && <p className="bad">{refunds.error}</p>}
      {refunds.value && list.length === 0 && <p className="muted">{t('refunds.nothing')}</p>}
      {list.map((refund) => (
        <RefundInDoubt
          key={refund.refundId}
          refund={refund}
          canResolve={canResolve}
          onResolved={refunds.reload}
        />
      ))}
    </section>
  );
}

function RefundInDoubt(props: {
  refund: RefundNeedingAPerson;
  canResolve: boolean;
  onResolved: () => void;
}) {
  const { t } = useTranslation();
  const { refund } = props;
  return (
    <article className="refund-in-doubt" data-testid={`refund-${refund.refundId}`}>
      <header>
        <strong>{formatAmounts({ [refund.currency]: refund.amount })}</strong> ·{' '}
        {t('refunds.order')} {refund.orderId} ·{' '}
        <Link to={`/runs/${encodeURIComponent(refund.caseId)}`}>{t('refunds.case')}</Link> ·{' '}
        <span className="muted">{refund.refundId}</span>
      </header>
      <p>
        <span className="badge">{refund.state}</span> {refund.reason}{' '}
        <span className="muted small">
          {t('refunds.since', { at: formatInstant(refund.since) })}
        </span>
      </p>
      <AmazonRecords refund={refund} />
      {refund.resolution ? (
        <p className="muted">
          {t('refunds.chose', {
            name: refund.resolution.by,
            action: refund.resolution.action,
            at: formatInstant(refund.resolution.at),
            note: refund.resolution.note,
          })}
        </p>
      ) : (
        props.canResolve && <ResolutionForm refund={refund} onResolved={props.onResolved} />
      )}
    </article>
  );
}

function AmazonRecords({ refund }: { refund: RefundNeedingAPerson }) {
  const { t } = useTranslation();
  const records = refund.amazonRecords;
  if (!records) return <p className="muted small">{t('refunds.notRead')}</p>;
  return (
    <div className="small">
      <p className="muted">{t('refunds.recordsRead', { at: formatInstant(records.checkedAt) })}</p>
      <ul>
        {records.feeds.length === 0 && <li>{t('refunds.noFeed')}</li>}
        {records.feeds.map((feed) => (
          <li key={feed.feedId}>
            {t('refunds.feed', { feed: feed.feedId, status: feed.processingStatus })}
            {feed.createdTime
              ? t('refunds.feedCreated', { at: formatInstant(feed.createdTime) })
              : ''}
          </li>
        ))}
        {records.financialEvents.length === 0 && <li>{t('refunds.noEvent')}</li>}
        {records.financialEvents.map((event) => (
          <li key={`${event.kind}-${event.postedDate}-${event.orderItemId}`}>
            {t('refunds.event', {
              kind: event.kind,
              amount: formatAmounts({ [refund.currency]: event.buyerRefund }),
              item: event.orderItemId,
              at: formatInstant(event.postedDate),
            })}
          </li>
        ))}
      </ul>
    </div>
  );
}

function ResolutionForm(props: { refund: RefundNeedingAPerson; onResolved: () => void }) {
  const { t } = useTranslation();
  const [note, setNote] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const resolve = async (action: RefundResolutionRequest['action']) => {
    setBusy(true);
    try {
      await refundsApi.resolve(props.refund.refundId, { action, note });
      props.onResolved();
    } catch (failure) {
      setError(reasonOf(failure));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="resolution">
      <label>
        {t('refunds.whatChecked')}
        <textarea value={note} onChange={(event) => setNote(event.target.value)} rows={2} />
      </label>
      <div className="actions">
        {ACTIONS.map(({ action, label, meaning }) => (
          <button
            key={action}
            type="button"
            title={t(meaning)}
            disabled={busy || note.trim().length < 3}
            onClick={() => resolve(action)}
          >
            {t(label)}
          </button>
        ))}
      </div>
      {error && <p className="bad">{error}</p>}
    </div>
  );
}
