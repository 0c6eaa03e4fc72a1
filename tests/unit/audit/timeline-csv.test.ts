import { describe, expect, it } from 'vitest';
import { timelineCsv } from '../../../server/audit/case-audit.ts';

describe('the case audit CSV export', () => {
  const csv = timelineCsv([
    {
      at: '2026-01-02T03:04:05.000Z',
      source: 'trail',
      ref: 1,
      who: '审核员 Rob',
      what: '批准退款',
    },
  ]);

  it('starts with a UTF-8 byte order mark so spreadsheet apps read Chinese text right', () => {
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(Buffer.from(csv, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });

  it('keeps the header and the text after the mark', () => {
    const [header, line] = csv.slice(1).trim().split('\n');
    expect(header).toBe('Time (UTC),Source,Run,Ref,Who,What,Node,Activity,Inputs,Outputs,Failure');
    expect(line).toContain('审核员 Rob,批准退款');
  });
});

describe('the case audit CSV for a Chinese reader', () => {
  const csv = timelineCsv(
    [
      { at: '2026-01-02T03:04:05.000Z', source: 'history', ref: 7, who: 'u-rob', what: 'Update' },
      { at: '2026-01-02T03:04:06.000Z', source: 'trail', ref: 2, who: 'system', what: 'done' },
    ],
    { language: 'zh-CN', nameOf: (who) => (who === 'u-rob' ? 'Rob (reviewer)' : who) },
  );

  it('has headers in Chinese and names people instead of their ids', () => {
    const [header, decided, system] = csv.slice(1).trim().split('\n');
    expect(header).toBe('时间（UTC）,来源,运行,序号,执行人,内容,节点,活动,输入,输出,失败原因');
    expect(decided).toContain('Rob (reviewer),Update');
    expect(decided).not.toContain('u-rob');
    expect(system).toContain(',system,done');
  });
});
