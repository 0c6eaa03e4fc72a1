import { describe, expect, it } from 'vitest';
import { parseFlowDefinition, validateFlow } from '#flow-language';

const withStart = (start: Record<string, unknown>) => ({
  key: 'fresh',
  name: 'Fresh',
  version: 1,
  nodes: [
    { id: 'start', kind: 'start', ...start },
    { id: 'end', kind: 'end', outcome: 'done' },
  ],
  edges: [{ id: 'e', source: 'start', target: 'end' }],
});

describe('a start with no trigger yet', () => {
  it('is a draft that parses, with one problem naming the start and its trigger field', () => {
    const parsed = parseFlowDefinition(withStart({}));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(validateFlow(parsed.flow, [])).toEqual([
      expect.objectContaining({ nodeId: 'start', field: 'trigger', code: 'start.no-trigger' }),
    ]);
  });

  it('validates once a trigger is picked; an empty trigger is still refused', () => {
    const picked = parseFlowDefinition(withStart({ trigger: 'refund.requested' }));
    expect(picked.ok && validateFlow(picked.flow, [])).toEqual([]);
    expect(parseFlowDefinition(withStart({ trigger: '' })).ok).toBe(false);
  });
});
