import { afterEach, describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS, dayStart } from '../../../designer/src/audit/audit-log-filters.tsx';
import { chooseLanguage } from '../../../designer/src/i18n/i18n.ts';
import {
  queryBuilderCombinators,
  queryBuilderOperators,
  queryBuilderTranslations,
} from '../../../designer/src/i18n/query-builder-words.ts';
import { runFiltersFrom, runsLink } from '../../../designer/src/runs/runs-api.ts';

describe('runs filters in the address', () => {
  it('a metrics row’s link opens the runs page with the same filters', () => {
    const link = runsLink({ flowKey: 'refunds', flowVersion: '2', from: '2026-03-01' });
    expect(link).toBe('/runs?flowKey=refunds&flowVersion=2&from=2026-03-01');
    const params = new URL(link, 'http://app.test').searchParams;
    expect(runFiltersFrom(params)).toEqual({
      flowKey: 'refunds',
      flowVersion: '2',
      from: '2026-03-01',
    });
  });

  it('reads only the filters it knows, trimmed, and drops empty ones', () => {
    const params = new URLSearchParams('caseId=%20abc%20&orderId=&page=3&evil=1');
    expect(runFiltersFrom(params)).toEqual({ caseId: 'abc' });
  });
});

describe('audit log days', () => {
  it('a day starts at midnight in UTC with the toggle on; "to" counts its whole day', () => {
    expect(dayStart('2026-03-01', true)).toBe('2026-03-01T00:00:00.000Z');
    expect(dayStart('2026-03-01', true, true)).toBe('2026-03-02T00:00:00.000Z');
    expect(dayStart('2026-02-28', true, true)).toBe('2026-03-01T00:00:00.000Z');
  });

  it('a day starts at the reader’s own midnight without the toggle', () => {
    const local = new Date(2026, 2, 1).toISOString();
    expect(dayStart('2026-03-01', false)).toBe(local);
    expect(dayStart('', false)).toBeUndefined();
  });

  it('offers every action the web app names', () => {
    expect(AUDIT_ACTIONS).toEqual(expect.arrayContaining(['case.exported', 'login.failed']));
  });
});

describe('the rule builder’s own controls', () => {
  afterEach(() => chooseLanguage('en'));

  it('speak Chinese in Chinese, under the names the conversion reads', () => {
    chooseLanguage('zh-CN');
    expect(queryBuilderCombinators()).toEqual([
      { name: 'and', value: 'and', label: '并且' },
      { name: 'or', value: 'or', label: '或者' },
    ]);
    expect(queryBuilderTranslations().addRule).toEqual({ label: '+ 条件', title: '添加条件' });
    const operators = queryBuilderOperators();
    expect(operators.find((operator) => operator.name === 'contains')?.label).toBe('包含');
    expect(operators.find((operator) => operator.name === '<=')?.label).toBe('<=');
  });

  it('keep the library’s English words in English', () => {
    expect(queryBuilderCombinators().map((combinator) => combinator.label)).toEqual(['AND', 'OR']);
    expect(queryBuilderOperators().find((operator) => operator.name === 'beginsWith')?.label).toBe(
      'begins with',
    );
  });
});
