import type { BacktestAnswer } from '#api-contract/flows';
import { NO_RECORDED_CURRENCY } from '#flow-language';
import { i18n } from '../i18n/i18n.ts';

type ListedCase = NonNullable<BacktestAnswer['result']>['flips'][number];
type WhyValues = Record<string, string | number>;

const ACTIVITY_VALUES = ['activity', 'recorded'] as const;

/**
 * Catalog activities among the values read as their titles ("发起退款", not
 * marketplace.issueRefund), and a role as the role's name.
 */
function translatedValues(values: WhyValues): WhyValues {
  const words: WhyValues = { ...values };
  for (const name of ACTIVITY_VALUES) {
    const activity = values[name];
    const key = `activityTitles.${activity}`;
    if (typeof activity === 'string' && i18n.exists(key)) words[name] = i18n.t(key as never);
  }
  if (typeof values.role === 'string') words.role = backtestRoleText(values.role);
  return words;
}

/** A role by its name in the reader's language ("审核员"); a group the flow names, as named. */
export function backtestRoleText(role: string): string {
  const key = `roles.${role}`;
  return i18n.exists(key) ? String(i18n.t(key as never)) : role;
}

/**
 * Why the backtest could not answer the case from its record, in the reader's language; where
 * the walk itself failed, the walk's own words (English, as the run's trail has them).
 */
export function backtestCaseWhy(listed: ListedCase): string {
  const why = listed.unknown?.why;
  if (why) return String(i18n.t(`backtestWhy.${why.code}` as never, translatedValues(why.values)));
  return listed.unknown?.reason ?? listed.failure ?? '';
}

/** A currency heading: its code, or words for cases whose record names no currency. */
export function backtestCurrencyName(currency: string): string {
  return currency === NO_RECORDED_CURRENCY ? String(i18n.t('backtest.noCurrency')) : currency;
}

/** How the panel names a node: its label on the canvas, else its id. */
export type NodeTitles = (nodeId: string) => string;

/**
 * An outcome as a backtest gives it: an end's own outcome (the flow's word, kept), or where the
 * walk stopped ("review:<node>", "unknown:<node>", "unknown:input", "failed") in words.
 */
export function backtestOutcomeText(outcome: string, titleOf: NodeTitles): string {
  if (outcome === 'failed') return String(i18n.t('backtest.outcomeFailed'));
  if (outcome === 'unknown:input') return String(i18n.t('backtest.outcomeUnknownInput'));
  const [stop, nodeId] = splitOnce(outcome, ':');
  if (nodeId !== undefined && stop === 'review')
    return String(i18n.t('backtest.outcomeReview', { node: titleOf(nodeId) }));
  if (nodeId !== undefined && stop === 'unknown')
    return String(i18n.t('backtest.outcomeUnknown', { node: titleOf(nodeId) }));
  return outcome;
}

/** An edge by its port's name ("是", "通过"), or a decision case's id as the flow names it. */
export function backtestHandleText(handle: string | undefined): string {
  if (handle === undefined) return '—';
  const key = `ports.${handle}`;
  return i18n.exists(key) ? String(i18n.t(key as never)) : handle;
}

function splitOnce(text: string, separator: string): [string, string | undefined] {
  const at = text.indexOf(separator);
  return at < 0 ? [text, undefined] : [text.slice(0, at), text.slice(at + separator.length)];
}
