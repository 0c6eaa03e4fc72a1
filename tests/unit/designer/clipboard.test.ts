import { describe, expect, it } from 'vitest';
import { copySelection, pasteClipboard } from '../../../designer/src/flows/clipboard.ts';
import { toCanvas } from '../../../designer/src/flows/flow-graph.ts';
import { refundFlow } from './sample-flows.ts';

function selected(ids: string[]) {
  const model = toCanvas(refundFlow());
  return {
    ...model,
    nodes: model.nodes.map((node) => ({ ...node, selected: ids.includes(node.id) })),
  };
}

describe('clipboard', () => {
  it('copies the selected nodes and only the edges between them', () => {
    const { nodes, edges } = selected(['small', 'refund', 'refunded']);
    const clipboard = copySelection(nodes, edges);
    expect(clipboard.nodes.map((node) => node.id)).toEqual(['small', 'refund', 'refunded']);
    expect(clipboard.edges.map((edge) => edge.id)).toEqual(['e2', 'e4']);
  });

  it('pastes copies with fresh ids, rewired edges and an offset', () => {
    const { nodes, edges } = selected(['small', 'refund']);
    const taken = [...nodes.map((n) => n.id), ...edges.map((e) => e.id), 'decision-1'];
    const pasted = pasteClipboard(copySelection(nodes, edges), taken, { x: 40, y: 40 });
    expect(pasted.nodes.map((node) => node.id)).toEqual(['decision-2', 'action-1']);
    expect(pasted.nodes.every((node) => node.selected)).toBe(true);
    expect(pasted.nodes[1]?.position).toEqual({ x: -60, y: 240 });
    expect(pasted.edges).toHaveLength(1);
    expect(pasted.edges[0]).toMatchObject({
      source: 'decision-2',
      target: 'action-1',
      sourceHandle: 'true',
    });
    expect(taken).not.toContain(pasted.edges[0]?.id);
  });

  it('does not share data objects with the originals', () => {
    const { nodes, edges } = selected(['small']);
    const pasted = pasteClipboard(copySelection(nodes, edges), [], { x: 0, y: 0 });
    expect(pasted.nodes[0]?.data).toEqual(nodes[1]?.data);
    expect(pasted.nodes[0]?.data).not.toBe(nodes[1]?.data);
  });
});
