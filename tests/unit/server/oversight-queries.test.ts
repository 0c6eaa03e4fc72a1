import { describe, expect, it } from 'vitest';
import type { ApprovalTaskRecord } from '#platform/approval-tasks/approval-task-record';
import type { CaseRecord } from '#platform/cases/case-record';
import { containing, literalPattern } from '../../../server/http/literal-match.ts';
import { flowMetrics, reviewerWorkload } from '../../../server/metrics/case-metrics.ts';

describe('searching by part of an id', () => {
  const typed = ['113-1234567', '.*', 'a+b', '(x)', '[ab]', '^start$', 'back\\slash', '{2}|?'];

  it('matches what was typed, literally, inside a longer id', () => {
    for (const text of typed) {
      expect(new RegExp(literalPattern(text)).test(`id-${text}-tail`), text).toBe(true);
    }
  });

  it('never lets pattern characters match something else', () => {
    expect(new RegExp(literalPattern('.*')).test('113-1234567')).toBe(false);
    expect(new RegExp(literalPattern('[ab]')).test('a')).toBe(false);
    expect(new RegExp(literalPattern('303.123')).test('303-123')).toBe(false);
  });

  it('builds the operator itself, in any case', () => {
    expect(containing('a.b')).toMatchObject({ $regex: 'a\\.b', $options: 'i' });
  });
});

const at = (minute: number) => new Date(Date.UTC(2026, 2, 1, 9, minute));

function caseOf(id: string, flowVersion: number, status: CaseRecord['status']): CaseRecord {
  return {
    _id: id,
    workflowId: `case-${id}`,
    flowKey: 'refunds',
    flowVersion,
    requestedBy: 'rita',
    submittedAt: at(0),
    status,
    ...(status === 'completed' && { closedAt: at(10), decidedBy: 'people', outcome: 'refunded' }),
  } as CaseRecord;
}

function taskOf(
  caseId: string,
  flowVersion: number,
  status: ApprovalTaskRecord['status'],
  decisions: ApprovalTaskRecord['decisions'] = [],
  dueAt?: Date,
): ApprovalTaskRecord {
  return {
    _id: `case-${caseId}/review#1`,
    caseId,
    flowKey: 'refunds',
    flowVersion,
    status,
    openedAt: at(1),
    ...(dueAt && { dueAt }),
    decisions,
  } as ApprovalTaskRecord;
}

describe('metrics per flow version, backlog and workload', () => {
  const cases = [
    caseOf('a', 1, 'completed'),
    caseOf('b', 2, 'completed'),
    caseOf('c', 2, 'running'),
    caseOf('d', 2, 'running'),
  ];
  const tasks = [
    taskOf('a', 1, 'approved', [{ userId: 'rob', verdict: 'approve', at: at(3) }]),
    taskOf('b', 2, 'rejected', [{ userId: 'rae', verdict: 'reject', at: at(5) }]),
    taskOf('c', 2, 'open', [], at(30)),
    taskOf('d', 2, 'open', [{ userId: 'rob', verdict: 'approve', at: at(9) }], at(90)),
  ];

  it('gives each version its own figures, newest first, beside the flow’s', () => {
    const flow = flowMetrics('refunds', cases, tasks, at(60));
    expect(flow).toMatchObject({ cases: 4, running: 2, closed: 2 });
    expect(flow.versions.map((version) => [version.flowVersion, version.cases])).toEqual([
      [2, 3],
      [1, 1],
    ]);
  });

  it('counts open tasks, those past due and the oldest wait as the backlog', () => {
    const flow = flowMetrics('refunds', cases, tasks, at(60));
    expect(flow.backlog).toEqual({
      openTasks: 2,
      overdueTasks: 1,
      oldestOpenSince: at(1).toISOString(),
    });
    expect(flow.versions.find((version) => version.flowVersion === 1)?.backlog).toEqual({
      openTasks: 0,
      overdueTasks: 0,
    });
  });

  it('counts each reviewer’s decisions and the time they took, most decisions first', () => {
    expect(reviewerWorkload(tasks)).toEqual([
      { userId: 'rob', decisions: 2, approved: 2, rejected: 0, decisionSeconds: { p50: 120 } },
      { userId: 'rae', decisions: 1, approved: 0, rejected: 1, decisionSeconds: { p50: 240 } },
    ]);
  });
});
