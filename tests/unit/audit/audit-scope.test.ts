import { describe, expect, it } from 'vitest';
import { auditScopeFilter, caseIdOfTarget } from '../../../server/audit/audit-scope.ts';

describe('audit entries about cases', () => {
  it('finds the case of a case target and of a task target, and none for other targets', () => {
    expect(caseIdOfTarget({ kind: 'case', id: 'c-1' })).toBe('c-1');
    expect(caseIdOfTarget({ kind: 'task', id: 'case-c-1/review#2' })).toBe('c-1');
    expect(caseIdOfTarget({ kind: 'task', id: 'no-case-here' })).toBeUndefined();
    expect(caseIdOfTarget({ kind: 'user', id: 'case-c-1/x' })).toBeUndefined();
  });

  it('filters nothing for an unlimited scope, and case entries by stamped scope otherwise', () => {
    expect(auditScopeFilter(undefined)).toEqual({});
    expect(auditScopeFilter({})).toEqual({});
    // Compared as JSON: each operator object also carries mongoose's trusted marker.
    const filter = auditScopeFilter({ marketplaces: ['DE'], stores: ['berlin-1'] });
    expect(JSON.parse(JSON.stringify(filter))).toEqual({
      $or: [
        { 'target.kind': { $nin: ['case', 'task'] } },
        { 'caseScope.marketplace': { $in: ['DE'] }, 'caseScope.store': { $in: ['berlin-1'] } },
      ],
    });
  });
});
