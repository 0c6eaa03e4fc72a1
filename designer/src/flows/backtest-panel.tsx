import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { BacktestAnswer, RuleReads } from '#api-contract/flows';
import { minorUnitDigits } from '#flow-language';
import { api } from '../api/client.ts';
import { currentLocale } from '../i18n/i18n.ts';
import { reasonOf } from '../session/use-loaded.ts';
import { recordsProgress } from './backtest-progress.ts';
import {
  backtestCaseWhy,
  backtestCurrencyName,
  backtestHandleText,
  backtestOutcomeText,
  backtestRoleText,
  type NodeTitles,
} from './backtest-words.ts';
import { useFlowEditor } from './editor-store.ts';
import { flowsApi } from './flows-api.ts';
import { rulePurposeText } from './rule-purpose-words.ts';

type Totals = NonNullable<BacktestAnswer['result']>['summary']['total'];
type ListedCase = NonNullable<BacktestAnswer['result']>['flips'][number];

const POLL_MS = 1_000;
const enc = encodeURIComponent;

export const backtestsApi = {
  /** Backtests the saved draft; once done, the backtest clears publishing for that content. */
  async start(flowKey: string, range?: number | 'all'): Promise<BacktestAnswer> {
    return backtestsApi.get(flowKey, await flowsApi.backtestDraft(flowKey, range));
  },
  get(flowKey: string, backtestId: string): Promise<BacktestAnswer> {
    return api.get<BacktestAnswer>(`/api/flows/${enc(flowKey)}/backtests/${enc(backtestId)}`);
  },
};

/** Follows a running backtest until it ends; `start` begins one. */
export function useBacktest(flowKey: string) {
  const [backtest, setBacktest] = useState<BacktestAnswer>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    if (backtest?.status !== 'running') return;
    const timer = setTimeout(() => {
      backtestsApi
        .get(flowKey, backtest.backtestId)
        .then(setBacktest, (failure: unknown) => setError(reasonOf(failure)));
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [backtest, flowKey]);
  async function start(range?: number | 'all') {
    setError(undefined);
    try {
      setBacktest(await backtestsApi.start(flowKey, range));
    } catch (failure) {
      setError(reasonOf(failure));
    }
  }
  return { backtest, error, start };
}

/** One currency's figures, each labelled, in as many columns as the panel or dialog has room for. */
function CurrencyFigures({ totals, currency }: { totals: Totals; currency: string }) {
  const { t } = useTranslation();
  const { money } = totals;
  const amount = (value: number) => value.toFixed(minorUnitDigits(currency));
  const figures = [
    [t('backtest.cases'), totals.cases],
    [t('backtest.flipped'), totals.flipped],
    [t('backtest.unknown'), totals.unknown],
    [t('backtest.wouldPay'), `+${amount(money.wouldBePaid.amount)} (${money.wouldBePaid.cases})`],
    [
      t('backtest.wouldNotPay'),
      `−${amount(money.wouldNotBePaid.amount)} (${money.wouldNotBePaid.cases})`,
    ],
    [t('backtest.held'), `${amount(money.heldForReview.amount)} (${money.heldForReview.cases})`],
    [t('backtest.net'), amount(money.net)],
  ] as const;
  return (
    <section className="backtest-currency" data-testid={`backtest-currency-${currency}`}>
      <h4>
        <span className="muted">{t('backtest.currency')}</span> {backtestCurrencyName(currency)}
      </h4>
      <dl>
        {figures.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

/** Which rule made the difference, and what it read: "case highValue: true (was false)". */
function Explanation({ flip, titleOf }: { flip: ListedCase; titleOf: NodeTitles }) {
  const { t } = useTranslation();
  const divergence = flip.divergence;
  if (!divergence) return <span>{backtestCaseWhy(flip)}</span>;
  return (
    <span>
      {t('backtest.divergedAt', {
        node: titleOf(divergence.nodeId),
        recorded: backtestHandleText(divergence.recordedHandle),
        replayed: backtestHandleText(divergence.replayedHandle),
      })}
      {divergence.rules
        .filter(
          (rule) =>
            rule.recordedResult !== undefined &&
            JSON.stringify(rule.result) !== JSON.stringify(rule.recordedResult),
        )
        .map((rule) => (
          <span key={rule.purpose} className="muted">
            {' · '}
            {t('backtest.ruleRead', {
              rule: rulePurposeText(rule.purpose),
              result: JSON.stringify(rule.result),
              recorded: JSON.stringify(rule.recordedResult),
              read: readValues(rule.read),
            })}
          </span>
        ))}
    </span>
  );
}

/** Nodes by the labels the admin gave them on the canvas; unlabelled ones by their ids. */
function useNodeTitles(): NodeTitles {
  const nodes = useFlowEditor((state) => state.nodes);
  const labels = new Map(nodes.map((node) => [node.id, node.data.content.label]));
  return (nodeId) => labels.get(nodeId) || nodeId;
}

/** "amount = 70, returnReason = "no-reason"": what the rule read, as the admin names it. */
function readValues(read: RuleReads): string {
  return read.map(({ path, value }) => `${path} = ${JSON.stringify(value ?? null)}`).join(', ');
}

function Result({ backtest }: { backtest: BacktestAnswer }) {
  const { t } = useTranslation();
  const titleOf = useNodeTitles();
  const result = backtest.result;
  if (!result) return null;
  const { total, byCurrency } = result.summary;
  return (
    <div data-testid="backtest-result">
      <p data-testid="backtest-summary">
        {t('backtest.summary', {
          cases: total.cases,
          same: total.same,
          pathChanged: total.pathChanged,
          flipped: total.flipped,
          unknown: total.unknown,
        })}
        {total.engineFaults > 0 && (
          <strong className="field-error">
            {t('backtest.engineFaults', { count: total.engineFaults })}
          </strong>
        )}
      </p>
      {Object.entries(byCurrency).map(([currency, totals]) => (
        <CurrencyFigures key={currency} totals={totals} currency={currency} />
      ))}
      <p>
        {t('backtest.reviewerLoad')}{' '}
        {Object.entries(total.people)
          .map(([role, people]) =>
            t('backtest.roleTasks', {
              role: backtestRoleText(role),
              change: `${people.after - people.before >= 0 ? '+' : ''}${people.after - people.before}`,
            }),
          )
          .join(', ') || t('backtest.unchanged')}
      </p>
      {result.flips.length === 0 ? (
        <p className="muted" data-testid="backtest-no-flips">
          {t('backtest.noFlips')}
        </p>
      ) : (
        <table className="dense backtest-flips" data-testid="backtest-flips">
          <thead>
            <tr>
              <th>{t('backtest.case')}</th>
              <th>{t('backtest.outcome')}</th>
              <th className="backtest-why">{t('backtest.why')}</th>
            </tr>
          </thead>
          <tbody>
            {result.flips.map((flip) => (
              <tr key={flip.caseId} data-testid={`backtest-flip-${flip.caseId}`}>
                <td>
                  <Link to={`/runs/${enc(flip.caseId)}`}>{flip.caseId}</Link>
                </td>
                <td>
                  {backtestOutcomeText(flip.recordedOutcome, titleOf)} →{' '}
                  {backtestOutcomeText(flip.replayedOutcome, titleOf)}
                </td>
                <td className="backtest-why">
                  <Explanation flip={flip} titleOf={titleOf} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {result.unknowns.length > 0 && (
        <ul className="muted" data-testid="backtest-unknowns">
          {result.unknowns.map((unknown) => (
            <li key={unknown.caseId}>
              <Link to={`/runs/${enc(unknown.caseId)}`}>{unknown.caseId}</Link>:{' '}
              {backtestCaseWhy(unknown)}
            </li>
          ))}
        </ul>
      )}
      {result.engineFaults.length > 0 && (
        <ul className="field-error" data-testid="backtest-engine-faults">
          {result.engineFaults.map((fault) => (
            <li key={fault.caseId}>
              <Link to={`/runs/${enc(fault.caseId)}`}>{fault.caseId}</Link>: {fault.problem}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/**
 * A determinate bar over the records counted before reading; once they are read, the bar stays
 * full and the cases processed go on (cases closed before records were kept are read last, from
 * their trails, and were not counted).
 */
function Progress({ progress }: { progress: BacktestAnswer['progress'] }) {
  const { t } = useTranslation();
  const records = recordsProgress(progress);
  const number = new Intl.NumberFormat(currentLocale());
  if (!records)
    return (
      <p data-testid="backtest-progress">
        <progress /> {t('backtest.progress', { count: progress.processed })}
      </p>
    );
  const values = {
    read: number.format(records.read),
    expected: number.format(records.expected),
    processed: number.format(progress.processed),
  };
  return (
    <p data-testid="backtest-progress">
      <progress value={records.read} max={records.expected} />{' '}
      {records.read < records.expected
        ? t('backtest.recordsRead', values)
        : t('backtest.allRecordsRead', values)}
    </p>
  );
}

/** A backtest's progress, failure or result, as the panel and the publish dialog show it. */
export function BacktestState({ backtest, error }: { backtest?: BacktestAnswer; error?: string }) {
  return (
    <>
      {backtest?.status === 'running' && <Progress progress={backtest.progress} />}
      {backtest?.status === 'failed' && <p className="field-error">{backtest.error}</p>}
      {error && <p className="field-error">{error}</p>}
      {backtest && <Result backtest={backtest} />}
    </>
  );
}

/** What the saved draft would have decided for this flow's past cases, beside Test run. */
export function BacktestPanel({ flowKey }: { flowKey: string }) {
  const { t } = useTranslation();
  const [range, setRange] = useState<number | 'all'>(90);
  const { backtest, error, start } = useBacktest(flowKey);

  return (
    <section className="test-run" data-testid="backtest-panel" aria-label={t('flows.tabBacktest')}>
      <p>{t('backtest.intro')}</p>
      <label>
        {t('backtest.casesFrom')}{' '}
        <select
          value={String(range)}
          onChange={(event) =>
            setRange(event.target.value === 'all' ? 'all' : Number(event.target.value))
          }
        >
          <option value="30">{t('backtest.last30')}</option>
          <option value="90">{t('backtest.last90')}</option>
          <option value="365">{t('backtest.lastYear')}</option>
          <option value="all">{t('backtest.allTime')}</option>
        </select>
      </label>
      <button
        type="button"
        onClick={() => start(range)}
        disabled={backtest?.status === 'running'}
        data-testid="backtest-start"
      >
        {t('backtest.start')}
      </button>
      <BacktestState backtest={backtest} error={error} />
    </section>
  );
}
