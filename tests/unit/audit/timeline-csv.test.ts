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
    expect(header).toBe('at,source,runId,ref,who,what,nodeId,activityType,inputs,outputs,failure');
    expect(line).toContain('审核员 Rob,批准退款');
  });
});
