import { describe, expect, it } from 'vitest';
import { diffView } from '../../../designer/src/flows/diff-view.ts';
import { refundFlow } from './sample-flows.ts';

describe('visual diff', () => {
  it('marks added, removed, changed and moved nodes and keeps removed ones drawable', () => {
    const before = refundFlow();
    const after = refundFlow();
    after.nodes = after.nodes
      .filter((node) => node.id !== 'review')
      .map((node) => {
        if (node.id === 'refunded') return { ...node, outcome: 'paid' };
        if (node.id === 'start') return { ...node, position: { x: 50, y: 0 } };
        return node;
      });
    after.nodes.push({ id: 'notify', kind: 'end', outcome: 'notified' });
    after.edges = (after.edges ?? []).filter(
      (edge) => edge.source !== 'review' && edge.id !== 'e3',
    );
    after.edges.push({ id: 'e7', source: 'small', target: 'notify', handle: 'false' });

    const view = diffView(before, after);
    expect(view.nodeMarks).toEqual({
      review: 'removed',
      refunded: 'changed',
      start: 'moved',
      notify: 'added',
    });
    expect(view.edgeMarks).toEqual({ e3: 'removed', e5: 'removed', e6: 'removed', e7: 'added' });
    expect(view.document.nodes.map((node) => node.id)).toContain('review');
    expect(view.document.edges?.map((edge) => edge.id)).toContain('e5');
  });

  it('reports changed flow settings', () => {
    const after = { ...refundFlow(), name: 'Renamed' };
    expect(diffView(refundFlow(), after).settings).toEqual(['name']);
  });
});
