import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it } from 'vitest';
import type { JsonValue } from '#flow-language';
import type { FlowDocument } from '../../../designer/src/flows/flow-graph.ts';
import { RuleEditor } from '../../../designer/src/flows/inspector/rule-editor.tsx';
import { representExactly } from '../../../designer/src/flows/rule-conversion.ts';
import { ruleFields } from '../../../designer/src/flows/rule-fields.ts';
import { chooseLanguage } from '../../../designer/src/i18n/i18n.ts';
import { shippedPolicyDocument } from '../../../policies/shipped-policies.ts';
import { activityCatalog } from '../../../worker/activities/catalog.ts';

afterEach(() => chooseLanguage('en'));

const fields = ruleFields(shippedPolicyDocument('a-to-z-claim') as FlowDocument, activityCatalog);
// The A-to-Z policy's first case: the case names its claim by adjustment id or posting time.
const namedClaim = { or: [{ var: ['adjustmentId', ''] }, { var: ['postedDate', ''] }] };

const reason = (rule: JsonValue) => {
  const drawn = representExactly(rule, fields);
  return drawn.ok ? undefined : drawn.reason;
};

describe('why the visual builder shows a rule read-only, in the reader’s language', () => {
  it('says it in English', () => {
    expect(reason(namedClaim)).toBe(
      'it reads ["adjustmentId",""] on its own; the builder compares a field with something',
    );
  });

  it('says it in Chinese, with no English left', () => {
    chooseLanguage('zh-CN');
    expect(reason(namedClaim)).toBe(
      '它单独读取 ["adjustmentId",""]；可视化编辑器只能把字段与某个值比较',
    );
    const refused: JsonValue[] = [
      'Accepted',
      { if: [true, 1, 2] },
      { '<': [{ var: ['taxCents', 0] }, 5] },
      { '>': [{ var: 'events.notReported' }, 0] },
      { '<': [5, { var: 'order.orderTotal' }] },
    ];
    for (const rule of refused) {
      expect(reason(rule)).toMatch(/[\u4e00-\u9fff]/);
      expect(reason(rule)).not.toMatch(/\b(it|its|the|builder)\b/);
    }
  });

  it('puts the reason after a colon of the reader’s language in the read-only editor', () => {
    const shown = () =>
      renderToStaticMarkup(
        createElement(RuleEditor, {
          label: 'rule',
          rule: namedClaim,
          fields,
          onChange: () => {},
          testId: 'rule',
        }),
      );
    expect(shown()).toContain('cannot draw this rule exactly: it reads');
    chooseLanguage('zh-CN');
    expect(shown()).toContain('无法准确显示此规则：它单独读取');
  });
});
