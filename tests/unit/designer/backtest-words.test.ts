import { afterEach, describe, expect, it } from 'vitest';
import type { BacktestAnswer } from '#api-contract/flows';
import {
  backtestCaseWhy,
  backtestCurrencyName,
  backtestHandleText,
  backtestOutcomeText,
} from '../../../designer/src/flows/backtest-words.ts';
import { rulePurposeText } from '../../../designer/src/flows/rule-purpose-words.ts';
import { chooseLanguage } from '../../../designer/src/i18n/i18n.ts';

type ListedCase = NonNullable<BacktestAnswer['result']>['unknowns'][number];

afterEach(() => chooseLanguage('en'));

function unknownCase(unknown: ListedCase['unknown'], failure?: string): ListedCase {
  return {
    caseId: 'case-1',
    currency: 'USD',
    recordedVersion: 1,
    recordedOutcome: 'refunded',
    replayedOutcome: 'unknown:refund',
    recordedPath: [],
    replayedPath: [],
    refunds: { recorded: {}, replayed: {}, replayedUnknown: false },
    ...(unknown && { unknown }),
    ...(failure && { failure }),
  };
}

const neverCalled = unknownCase({
  nodeId: 'refund',
  kind: 'activity',
  reason: 'the case never called marketplace.issueRefund here: no result to answer it with',
  why: { code: 'never-called', values: { activity: 'marketplace.issueRefund' } },
  moneyStep: true,
});

/** A case the draft sends to a review by `role` that its record never had. */
const reviewNeverHad = (role: string) =>
  unknownCase({
    nodeId: 'fourEyesReview',
    kind: 'approval',
    reason: `a review by ${role} the case never had`,
    why: { code: 'review-never-had', values: { role } },
    moneyStep: false,
  });

describe('why a backtest could not answer a case, in the reader’s language', () => {
  it('says it in Chinese, naming the activity by its catalog title', async () => {
    await chooseLanguage('zh-CN');
    expect(backtestCaseWhy(neverCalled)).toBe('该案件从未在此调用 发起退款：没有可用来作答的结果');
    expect(backtestCaseWhy(reviewNeverHad('finance'))).toBe('该案件从未经过 finance 的审核');
    // A role the app knows reads as its name; a group the flow names stays as named.
    expect(backtestCaseWhy(reviewNeverHad('reviewer'))).toBe('该案件从未经过 审核员 的审核');
  });

  it('says it in English from the same code', () => {
    expect(backtestCaseWhy(neverCalled)).toBe(
      'the case never called Issue refund here: no result to answer it with',
    );
  });

  it('keeps the stored words of a backtest kept before reasons had codes, and a failure as the walk said it', async () => {
    await chooseLanguage('zh-CN');
    const { why: _why, ...withoutWhy } = neverCalled.unknown ?? ({} as never);
    expect(backtestCaseWhy(unknownCase(withoutWhy))).toBe(withoutWhy.reason);
    expect(backtestCaseWhy(unknownCase(undefined, 'Node "x": no "next" edge'))).toBe(
      'Node "x": no "next" edge',
    );
  });
});

describe('the currency a backtest files cases under', () => {
  it('names a currency by its code, and cases without one in words', async () => {
    await chooseLanguage('zh-CN');
    expect(backtestCurrencyName('EUR')).toBe('EUR');
    expect(backtestCurrencyName('unknown')).toBe('未记录');
    await chooseLanguage('en');
    expect(backtestCurrencyName('unknown')).toBe('none recorded');
  });
});

describe('where a flipped case parted and how it ends, in the reader’s language', () => {
  const titleOf = (nodeId: string) => (nodeId === 'fourEyesReview' ? '双人复核' : nodeId);

  it('names stops by the node’s title, and keeps an end’s own outcome', async () => {
    await chooseLanguage('zh-CN');
    expect(backtestOutcomeText('review:fourEyesReview', titleOf)).toBe('在 双人复核 等待审核');
    expect(backtestOutcomeText('unknown:refund', titleOf)).toBe('在 refund 未知');
    expect(backtestOutcomeText('unknown:input', titleOf)).toBe('未知：输入');
    expect(backtestOutcomeText('failed', titleOf)).toBe('失败');
    expect(backtestOutcomeText('refunded', titleOf)).toBe('refunded');
    await chooseLanguage('en');
    expect(backtestOutcomeText('review:fourEyesReview', titleOf)).toBe(
      'waits for review at 双人复核',
    );
  });

  it('names ports in words and decision cases by their ids', async () => {
    await chooseLanguage('zh-CN');
    expect(backtestHandleText('true')).toBe('是');
    expect(backtestHandleText('approved')).toBe('通过');
    expect(backtestHandleText('highValue')).toBe('highValue');
    expect(backtestHandleText(undefined)).toBe('—');
  });

  it('says what each rule was for', async () => {
    await chooseLanguage('zh-CN');
    expect(rulePurposeText('case highValue')).toBe('分支 highValue');
    expect(rulePurposeText('task amount currency')).toBe('任务金额币种');
    expect(rulePurposeText('something new')).toBe('something new');
    await chooseLanguage('en');
    expect(rulePurposeText('case highValue')).toBe('case highValue');
  });
});
