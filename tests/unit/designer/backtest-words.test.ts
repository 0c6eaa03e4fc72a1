import { afterEach, describe, expect, it } from 'vitest';
import type { BacktestAnswer } from '#api-contract/flows';
import {
  backtestCaseWhy,
  backtestCurrencyName,
} from '../../../designer/src/flows/backtest-words.ts';
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

describe('why a backtest could not answer a case, in the reader’s language', () => {
  it('says it in Chinese, naming the activity by its catalog title', async () => {
    await chooseLanguage('zh-CN');
    expect(backtestCaseWhy(neverCalled)).toBe('该案件从未在此调用 发起退款：没有可用来作答的结果');
    const review = unknownCase({
      nodeId: 'fourEyesReview',
      kind: 'approval',
      reason: 'a review by finance the case never had',
      why: { code: 'review-never-had', values: { role: 'finance' } },
      moneyStep: false,
    });
    expect(backtestCaseWhy(review)).toBe('该案件从未经过 finance 的审核');
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
