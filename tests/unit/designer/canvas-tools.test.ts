import { defaultFilter } from 'cmdk';
import { describe, expect, it } from 'vitest';
import type {
  DesignerEdge,
  DesignerNode,
  FlowDocument,
} from '../../../designer/src/flows/flow-graph.ts';
import { toCanvas } from '../../../designer/src/flows/flow-graph.ts';
import { nodeSearchEntries } from '../../../designer/src/flows/node-search.ts';
import { quickAddChoices, quickAddPlacement } from '../../../designer/src/flows/quick-add.ts';
import { shippedPolicyDocument } from '../../../policies/shipped-policies.ts';
import { catalog } from './sample-flows.ts';

const policy = toCanvas(shippedPolicyDocument('marketplace-refund') as FlowDocument);

/** The best match first, as the search box ranks with cmdk's own filter. */
function best(query: string, entries: { value: string; keywords: string[] }[]): string[] {
  return entries
    .map((entry) => ({
      value: entry.value,
      score: defaultFilter(entry.value, query, entry.keywords),
    }))
    .filter((entry) => entry.score > 0)
    .sort((a, b) => b.score - a.score)
    .map((entry) => entry.value);
}

describe('finding a node by name', () => {
  const entries = nodeSearchEntries(policy.nodes);

  it('finds a node by the words of its label', () => {
    expect(best("buyer's photos", entries)[0]).toBe('photoReview');
    expect(best('Refund policy', entries)[0]).toBe('policy');
  });

  it('finds a node by its id and by the activity it calls', () => {
    expect(best('fourEyesReview', entries)[0]).toBe('fourEyesReview');
    expect(best('marketplace.readReturnFacts', entries)[0]).toBe('readOrder');
  });

  it('lists nothing for words no node has', () => {
    expect(best('zzqx', entries)).toEqual([]);
  });
});

function node(
  id: string,
  content: DesignerNode['data']['content'],
  selected = false,
): DesignerNode {
  return { id, type: 'flow', position: { x: 100, y: 40 }, data: { content }, selected };
}
const edge = (source: string, sourceHandle: string, target: string): DesignerEdge => ({
  id: `${source}-${sourceHandle}`,
  source,
  target,
  sourceHandle,
});

describe('quick-add', () => {
  it('offers every node kind and every catalog activity', () => {
    const values = quickAddChoices(catalog).map((choice) => choice.value);
    expect(values).toContain('kind:approval');
    expect(values).toContain('activity:marketplace.issueRefund');
  });

  it('hangs the new node under the selected node, from its first exit that leads nowhere', () => {
    const decision = node('d', { kind: 'decision', condition: true }, true);
    const placement = quickAddPlacement([decision], [edge('d', 'true', 'x')], { x: 0, y: 0 });
    expect(placement.after).toEqual({ source: 'd', handle: 'false' });
    expect(placement.position.y).toBeGreaterThan(decision.position.y);
    // Under the "false" exit, which sits right of the card's middle.
    expect(placement.position.x).toBeGreaterThan(decision.position.x);
  });

  it('places it at the pointer, unwired, when nothing or several nodes are selected', () => {
    const nodes = [
      node('a', { kind: 'end', outcome: 'done' }, true),
      node('b', { kind: 'end', outcome: 'done' }, true),
    ];
    expect(quickAddPlacement(nodes, [], { x: 7, y: 9 })).toEqual({ position: { x: 7, y: 9 } });
    expect(quickAddPlacement([], [], { x: 7, y: 9 })).toEqual({ position: { x: 7, y: 9 } });
  });

  it('does not wire from a selected node whose exits are all taken', () => {
    const start = node('s', { kind: 'start', trigger: 't' }, true);
    const placement = quickAddPlacement([start], [edge('s', 'next', 'x')], { x: 0, y: 0 });
    expect(placement.after).toBeUndefined();
    expect(placement.position.y).toBeGreaterThan(start.position.y);
  });
});
