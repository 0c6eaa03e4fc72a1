import { describe, expect, it } from 'vitest';
import { summariseClosedCase } from '../../../worker/activities/engine/case-closing.ts';

const at = '2026-03-01T10:00:00.000Z';

function trailWith(...tasks: { purpose?: string }[]) {
  return [
    { type: 'run.started', at },
    ...tasks.flatMap(({ purpose }, index) => [
      { type: 'task.opened', at, details: { taskId: `t${index}#1`, purpose } },
      {
        type: 'task.decided',
        at,
        actor: 'store-staff',
        details: { taskId: `t${index}#1`, verdict: 'approve', purpose },
      },
    ]),
    { type: 'run.completed', at, details: { outcome: 'refunded' } },
  ];
}

describe('who decided a closed case', () => {
  it('is the rules when no person decided anything', () => {
    expect(summariseClosedCase(trailWith())?.decidedBy).toBe('rules');
  });

  it('is the rules when people only did work, such as grading a returned item', () => {
    expect(summariseClosedCase(trailWith({ purpose: 'work' }))?.decidedBy).toBe('rules');
  });

  it('is people when a decision task was decided', () => {
    const trail = trailWith({ purpose: 'work' }, { purpose: 'decision' });
    expect(summariseClosedCase(trail)?.decidedBy).toBe('people');
  });

  it('is people for tasks recorded before tasks carried a purpose', () => {
    expect(summariseClosedCase(trailWith({}))?.decidedBy).toBe('people');
  });
});
