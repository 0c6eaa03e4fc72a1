import { describe, expect, it } from 'vitest';
import { parseFlowDefinition } from '#flow-language';
import { selectFlow } from '../../../server/cases/flow-selection.ts';
import type { FlowVersionRecord } from '../../../server/flows/flow-records.ts';
import { triggerConflict } from '../../../server/flows/publish-conflicts.ts';

type Scope = { brands?: string[]; marketplaces?: string[]; stores?: string[] };

function flow(key: string, scope?: Scope) {
  const parsed = parseFlowDefinition({
    key,
    name: key,
    version: 1,
    ...(scope && { scope }),
    nodes: [
      { id: 'start', kind: 'start', trigger: 't.refund' },
      { id: 'end', kind: 'end', outcome: 'done' },
    ],
    edges: [{ id: 'e', source: 'start', target: 'end' }],
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.flow;
}

const live = (key: string, scope?: Scope, archived = false) => ({
  key,
  definition: flow(key, scope),
  archived,
});

const conflictBetween = (next: Scope | undefined, other: Scope | undefined) =>
  triggerConflict(flow('next', next), 't.refund', [live('other', other)])?.key;

describe('two live flows of one trigger', () => {
  it('collide when some case is covered by both and neither names more scope dimensions', () => {
    expect(conflictBetween(undefined, undefined)).toBe('other');
    expect(conflictBetween({ marketplaces: ['de'] }, { marketplaces: ['de', 'fr'] })).toBe('other');
    expect(conflictBetween({ brands: ['acorn'] }, { marketplaces: ['de'] })).toBe('other');
  });

  it('do not collide when one is more specific, their lists do not meet, or one is archived', () => {
    expect(conflictBetween({ marketplaces: ['de'] }, undefined)).toBeUndefined();
    expect(conflictBetween({ marketplaces: ['de'] }, { marketplaces: ['fr'] })).toBeUndefined();
    expect(
      triggerConflict(flow('next'), 't.refund', [live('other', undefined, true)]),
    ).toBeUndefined();
    // The flow's own earlier version is not another flow.
    expect(triggerConflict(flow('next'), 't.refund', [live('next')])).toBeUndefined();
  });

  it('collides exactly where case intake would refuse a case as a tie', () => {
    const scopes: (Scope | undefined)[] = [
      undefined,
      { marketplaces: ['de'] },
      { marketplaces: ['fr'] },
      { marketplaces: ['de', 'fr'] },
      { brands: ['acorn'] },
      { brands: ['acorn'], marketplaces: ['de'] },
    ];
    const cases = [
      {},
      { marketplace: 'de' },
      { marketplace: 'fr' },
      { brand: 'acorn', marketplace: 'de' },
      { brand: 'acorn', marketplace: 'fr' },
    ];
    const version = (key: string, scope?: Scope) =>
      ({ key, definition: flow(key, scope) }) as FlowVersionRecord;
    for (const a of scopes) {
      for (const b of scopes) {
        const tie = cases.some((scope) => {
          try {
            selectFlow([version('next', a), version('other', b)], scope);
            return false;
          } catch (error) {
            return String(error).includes('both handle');
          }
        });
        expect(conflictBetween(a, b) === 'other', JSON.stringify({ a, b })).toBe(tie);
      }
    }
  });
});
