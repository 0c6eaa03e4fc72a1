import { describe, expect, it } from 'vitest';
import { backtestSchema } from '#api-contract/flows';
import { recordsProgress } from '../../../designer/src/flows/backtest-progress.ts';
import { i18n } from '../../../designer/src/i18n/i18n.ts';

describe("a running backtest's bar", () => {
  it('measures the records read against the records counted before reading', () => {
    expect(recordsProgress({ processed: 12_000, eventsRead: 12_500, expected: 100_000 })).toEqual({
      read: 12_500,
      expected: 100_000,
    });
  });

  it('stays full, never past it, once more was read than counted', () => {
    const reads = [99_000, 100_000, 100_250, 130_000];
    const bars = reads.map((eventsRead) =>
      recordsProgress({ processed: 0, eventsRead, expected: 100_000 }),
    );
    expect(bars.map((bar) => bar?.read)).toEqual([99_000, 100_000, 100_000, 100_000]);
  });

  it('has no measure when nothing was counted, or the backtest is older than the count', () => {
    expect(recordsProgress({ processed: 3, eventsRead: 40, expected: 0 })).toBeUndefined();
    expect(recordsProgress({ processed: 3, eventsRead: 40 })).toBeUndefined();
  });

  it('reads backtests stored before the count, and the count, back through the contract', () => {
    const stored = {
      backtestId: 'b-1',
      flowKey: 'refunds',
      target: { kind: 'draft' },
      range: { to: '2026-12-01T00:00:00.000Z' },
      requestedBy: 'admin',
      requestedAt: '2026-12-01T00:00:00.000Z',
      status: 'running',
    };
    const older = { ...stored, progress: { processed: 3, eventsRead: 40 } };
    const counted = { ...stored, progress: { processed: 3, eventsRead: 40, expected: 900 } };
    expect(backtestSchema.parse(older).progress).toEqual(older.progress);
    expect(backtestSchema.parse(counted).progress).toEqual(counted.progress);
  });

  it('says how far it is in English and in Chinese', async () => {
    const values = { read: '12,500', expected: '100,000', processed: '12,000' };
    await i18n.changeLanguage('en');
    expect(i18n.t('backtest.recordsRead', values)).toBe('12,500 of 100,000 records read…');
    expect(i18n.t('backtest.allRecordsRead', values)).toBe(
      'All 100,000 records read · 12,000 cases processed…',
    );
    await i18n.changeLanguage('zh-CN');
    expect(i18n.t('backtest.recordsRead', values)).toBe('已读取 12,500 / 100,000 条记录…');
    await i18n.changeLanguage('en');
  });
});
