import { afterEach, describe, expect, it } from 'vitest';
import { chooseLanguage } from '../../../designer/src/i18n/i18n.ts';
import { describeEvent } from '../../../designer/src/runs/trail-timeline.tsx';

afterEach(() => chooseLanguage('en'));

const at = '2026-11-23T03:00:00.000Z';

describe('trail events in words', () => {
  it('says what a rule gave, and why it failed when it did', () => {
    expect(
      describeEvent({
        sequence: 1,
        at,
        type: 'rule.evaluated',
        details: { purpose: 'condition', result: false },
      }),
    ).toBe('Rule (condition) gave false');
    expect(
      describeEvent({
        sequence: 2,
        at,
        type: 'rule.evaluated',
        details: { purpose: 'condition', error: 'amount is missing' },
      }),
    ).toBe('Rule (condition) failed: amount is missing');
  });

  it('names what a rule was for in Chinese, keeping the flow’s own ids', async () => {
    await chooseLanguage('zh-CN');
    const gave = (purpose: string) =>
      describeEvent({
        sequence: 1,
        at,
        type: 'rule.evaluated',
        details: { purpose, result: true },
      });
    expect(gave('condition')).toContain('条件');
    expect(gave('case highValue')).toContain('分支 highValue');
    expect(gave('input orderId')).toContain('输入 orderId');
    expect(gave('assign facts')).toContain('赋值 facts');
  });

  it('quotes a reviewer’s comment with the verdict', () => {
    expect(
      describeEvent({
        sequence: 3,
        at,
        type: 'task.decided',
        actor: 'u-1',
        details: { verdict: 'reject', comment: 'No photo' },
      }),
    ).toBe('reject: “No photo”');
  });

  it('names the role or the group a task was opened for, not its JSON', () => {
    const opened = (assignee: unknown) =>
      describeEvent({ sequence: 4, at, type: 'task.opened', details: { assignee } });
    expect(opened({ role: 'reviewer' })).toBe('Task opened for reviewer');
    expect(opened({ group: 'store.nyc-soho' })).toBe('Task opened for store.nyc-soho');
  });
});
