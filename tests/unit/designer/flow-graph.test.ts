import { describe, expect, it } from 'vitest';
import { toCanvas, toDocument } from '../../../designer/src/flows/flow-graph.ts';
import { refundFlow } from './sample-flows.ts';

describe('flow document ⇄ canvas', () => {
  it('gives every edge a source handle, "next" when the document names none', () => {
    const { edges } = toCanvas(refundFlow());
    expect(edges.map((edge) => edge.sourceHandle)).toEqual([
      'next',
      'true',
      'false',
      'next',
      'approved',
      'rejected',
    ]);
  });

  it('keeps node data free of ids, positions and functions', () => {
    const { nodes } = toCanvas(refundFlow());
    const decision = nodes.find((node) => node.id === 'small');
    expect(decision?.data).toEqual({
      content: { kind: 'decision', label: 'Small?', condition: { '<=': [{ var: 'amount' }, 50] } },
    });
    expect(JSON.parse(JSON.stringify(nodes))).toEqual(nodes);
  });

  it('turns a canvas back into the same document', () => {
    const document = refundFlow();
    expect(toDocument(toCanvas(document))).toEqual(document);
  });

  it('rounds dragged positions to whole pixels', () => {
    const model = toCanvas(refundFlow());
    const first = model.nodes[0];
    if (!first) throw new Error('no node');
    first.position = { x: 10.4, y: 20.6 };
    expect(toDocument(model).nodes[0]?.position).toEqual({ x: 10, y: 21 });
  });

  it('lays out a document that leaves positions out instead of stacking its nodes', () => {
    const { position: _dropped, ...unplaced } = refundFlow().nodes[1] ?? { id: 'none' };
    const document = {
      ...refundFlow(),
      nodes: [refundFlow().nodes[0], unplaced, ...refundFlow().nodes.slice(2)],
    };
    const { nodes } = toCanvas(document as ReturnType<typeof refundFlow>);
    const spots = new Set(nodes.map((node) => `${node.position.x},${node.position.y}`));
    expect(spots.size).toBe(nodes.length);
    const rank = (id: string) => nodes.find((node) => node.id === id)?.position.y ?? 0;
    expect(rank(nodes[0]?.id ?? '')).toBeLessThan(rank(nodes.at(-1)?.id ?? ''));
  });
});
