import { afterEach, describe, expect, it } from 'vitest';
import { flowChangeSchema } from '#api-contract/flows';
import {
  changeInEnglish,
  describeFlowChanges,
  FLOW_CHANGE_CODES,
  FLOW_CHANGE_MESSAGES_EN,
  type FlowDefinition,
  parseFlowDefinition,
} from '#flow-language';
import { flowChangeText } from '../../../designer/src/flows/flow-change-words.ts';
import { en } from '../../../designer/src/i18n/en.ts';
import { chooseLanguage } from '../../../designer/src/i18n/i18n.ts';
import { zhCN } from '../../../designer/src/i18n/zh-CN.ts';

const placeholders = (message: string | undefined) =>
  [...(message ?? '').matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

function flow(threshold: number, currency?: string): FlowDefinition {
  const parsed = parseFlowDefinition({
    key: 'refunds',
    name: 'Refunds',
    version: 1,
    inputs: {
      refundTotalCents: { type: 'integer', required: true },
      currency: { type: 'string', required: true, ...(currency && { enum: [currency] }) },
    },
    nodes: [
      { id: 'start', kind: 'start', trigger: 't.refund' },
      {
        id: 'highValue',
        kind: 'decision',
        condition: { '>=': [{ var: 'refundTotalCents' }, threshold] },
      },
      { id: 'review', kind: 'end', outcome: 'to-review' },
      { id: 'paid', kind: 'end', outcome: 'paid' },
    ],
    edges: [
      { id: 'e1', source: 'start', target: 'highValue' },
      { id: 'e2', source: 'highValue', target: 'review', handle: 'true' },
      { id: 'e3', source: 'highValue', target: 'paid', handle: 'false' },
    ],
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.flow;
}

afterEach(() => chooseLanguage('en'));

describe('changes between versions, in the reader’s language', () => {
  it('has an English and a Chinese message for every change code, with the same placeholders', () => {
    const chinese = zhCN.flowChanges as Record<string, string>;
    const english = en.flowChanges as Record<string, string>;
    for (const code of FLOW_CHANGE_CODES) {
      expect(english[code], code).toBe(FLOW_CHANGE_MESSAGES_EN[code]);
      expect(chinese[code], code).toBeTruthy();
      expect(placeholders(chinese[code]), code).toEqual(placeholders(english[code]));
    }
    expect(Object.keys(chinese).sort()).toEqual([...FLOW_CHANGE_CODES].sort());
  });

  it('sends each change as a code with values, and words it in Chinese in the web app', () => {
    const changes = describeFlowChanges(flow(20_000), flow(15_000));
    expect(changes).toEqual([
      {
        code: 'threshold-changed',
        params: { rule: 'high value', before: '200.00', after: '150.00' },
      },
    ]);
    for (const change of changes) expect(flowChangeSchema.parse(change)).toEqual(change);
    expect(changes.map(changeInEnglish)).toEqual(['high value threshold 200.00 → 150.00']);
    expect(changes.map(flowChangeText)).toEqual(['high value threshold 200.00 → 150.00']);
    chooseLanguage('zh-CN');
    expect(changes.map(flowChangeText)).toEqual(['high value 阈值 200.00 → 150.00']);
  });

  it('translates node kinds and scope dimensions among the values', () => {
    const before = flow(100);
    const after = {
      ...flow(100),
      scope: { marketplaces: ['amazon.co.jp'] },
      nodes: [...before.nodes, { id: 'late', kind: 'end', outcome: 'late' }],
    } as FlowDefinition;
    chooseLanguage('zh-CN');
    expect(describeFlowChanges(before, after).map(flowChangeText)).toEqual([
      '范围（站点）：仅 amazon.co.jp',
      '新结束：late',
    ]);
  });

  it('names a threshold in the units of the flow’s currency: yen have none', () => {
    const [change] = describeFlowChanges(flow(1_500, 'JPY'), flow(2_000, 'JPY'));
    expect(change && changeInEnglish(change)).toBe('high value threshold 1500 → 2000');
    const [dinar] = describeFlowChanges(flow(1_500, 'BHD'), flow(2_000, 'BHD'));
    expect(dinar && changeInEnglish(dinar)).toBe('high value threshold 1.500 → 2.000');
  });
});
