import { useState } from 'react';
import { Link } from 'react-router';
import type { RefundNeedingAPerson, RefundResolutionRequest } from '#api-contract/refunds';
import { formatAmounts, formatInstant } from '../session/format.ts';
import { useMe } from '../session/session-context.tsx';
import { reasonOf, useLoaded } from '../session/use-loaded.ts';
import { refundsApi } from './refunds-api.ts';

const ACTIONS: { action: RefundResolutionRequest['action']; label: string; meaning: string }[] = [
  { action: 'done', label: 'Amazon paid it', meaning: 'Close it as refunded' },
  { action: 'not-sent', label: 'Never sent', meaning: 'Close it as not refunded' },
  { action: 'resend', label: 'Send again', meaning: 'The worker sends it once more' },
];

/** Refunds whose fate Amazon's records did not settle; admins resolve them, auditors look. */
export function RefundsPage() {
  const refunds = useLoaded(() => refundsApi.needingAPerson(), 'refunds');
  const canResolve = useMe().roles.includes('admin');
  const list = refunds.value?.refunds ?? [];
  return (
    <section className="panel" data-testid="refunds-needing-a-person">
      <div className="panel-head">
        <h1>Refunds needing a person</h1>
        <span className="muted">{refunds.value ? `${list.length} waiting` : ''}</span>
      </div>
      <p className="muted">
        Amazon's records could not tell whether these refunds were paid. Check Seller Central, then
        say what happened; every answer goes to the audit log.
      </p>
      {refunds.error && <p className="bad">{refunds.error}</p>}
      {refunds.value && list.length === 0 && <p className="muted">Nothing waits for a person.</p>}
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
  const { refund } = props;
  return (
    <article className="refund-in-doubt" data-testid={`refund-${refund.refundId}`}>
      <header>
        <strong>{formatAmounts({ [refund.currency]: refund.amount })}</strong> · order{' '}
        {refund.orderId} · <Link to={`/runs/${encodeURIComponent(refund.caseId)}`}>case</Link> ·{' '}
        <span className="muted">{refund.refundId}</span>
      </header>
      <p>
        <span className="badge">{refund.state}</span> {refund.reason}{' '}
        <span className="muted small">since {formatInstant(refund.since)}</span>
      </p>
      <AmazonRecords refund={refund} />
      {refund.resolution ? (
        <p className="muted">
          {refund.resolution.by} chose “{refund.resolution.action}” on{' '}
          {formatInstant(refund.resolution.at)}: {refund.resolution.note}
        </p>
      ) : (
        props.canResolve && <ResolutionForm refund={refund} onResolved={props.onResolved} />
      )}
    </article>
  );
}

function AmazonRecords({ refund }: { refund: RefundNeedingAPerson }) {
  const records = refund.amazonRecords;
  if (!records) return <p className="muted small">Amazon's records not read yet.</p>;
  return (
    <div className="small">
      <p className="muted">Amazon's records, read {formatInstant(records.checkedAt)}:</p>
      <ul>
        {records.feeds.length === 0 && <li>No feed of ours is known to carry this refund.</li>}
        {records.feeds.map((feed) => (
          <li key={feed.feedId}>
            Feed {feed.feedId}: {feed.processingStatus}
            {feed.createdTime ? `, created ${formatInstant(feed.createdTime)}` : ''}
          </li>
        ))}
        {records.financialEvents.length === 0 && <li>No refund event for these items.</li>}
        {records.financialEvents.map((event) => (
          <li key={`${event.kind}-${event.postedDate}-${event.orderItemId}`}>
            {event.kind} of {formatAmounts({ [refund.currency]: event.buyerRefund })} on item{' '}
            {event.orderItemId}, posted {formatInstant(event.postedDate)}
          </li>
        ))}
      </ul>
    </div>
  );
}

function ResolutionForm(props: { refund: RefundNeedingAPerson; onResolved: () => void }) {
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
        What you checked (kept in the audit log)
        <textarea value={note} onChange={(event) => setNote(event.target.value)} rows={2} />
      </label>
      <div className="actions">
        {ACTIONS.map(({ action, label, meaning }) => (
          <button
            key={action}
            type="button"
            title={meaning}
            disabled={busy || note.trim().length < 3}
            onClick={() => resolve(action)}
          >
            {label}
          </button>
        ))}
      </div>
      {error && <p className="bad">{error}</p>}
    </div>
  );
}
