import type { FlowDocument } from './flow-graph.ts';

/** The smallest flow: a start wired to an end, ready to grow on the canvas and pick a trigger. */
export function newFlowDocument(key: string, name: string): FlowDocument {
  return {
    key,
    name,
    version: 1,
    inputs: {},
    variables: {},
    nodes: [
      // No trigger until the admin picks one: publishing asks for it (start.no-trigger).
      { id: 'start', kind: 'start', position: { x: 0, y: 0 } },
      { id: 'end', kind: 'end', outcome: 'done', position: { x: 0, y: 160 } },
    ],
    edges: [{ id: 'edge-1', source: 'start', target: 'end' }],
  };
}

/** A copy under a new key: same content, so it starts as a draft of its own. */
export function duplicateDocument(source: FlowDocument, key: string, name: string): FlowDocument {
  return { ...structuredClone(source), key, name, version: 1 };
}
