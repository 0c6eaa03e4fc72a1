import { describe, expect, it } from 'vitest';
import { waitingFor } from '../../../designer/src/inbox/task-age.ts';

describe('how long a task has waited', () => {
  const now = Date.parse('2026-12-06T12:00:00Z');

  it('counts from its opening, never into the future', () => {
    expect(waitingFor('2026-12-06T12:00:00Z', now)).toBe('0 min');
    expect(waitingFor('2026-12-06T12:00:30Z', now)).toBe('0 min');
    expect(waitingFor('2026-12-06T11:15:00Z', now)).toBe('45 min');
    expect(waitingFor('2026-12-06T07:00:00Z', now)).toBe('5 h');
    expect(waitingFor('2026-12-01T12:00:00Z', now)).toBe('5 d');
  });
});
