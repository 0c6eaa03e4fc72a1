import type { Edge as CanvasEdge, Node as CanvasNode } from '@xyflow/react';
import { type FlowDefinitionInput, HANDLE } from '#flow-language';
import { layoutTopDown } from './auto-layout.ts';
import { CARD_LAYOUT_HEIGHT, cardExits } from './card-size.ts';
import { nodePorts } from './node-summary.ts';

export type FlowDocument = FlowDefinitionInput;
export type DocumentNode = FlowDocument['nodes'][number];
export type DocumentEdge = NonNullable<FlowDocument['edges']>[number];
type WithoutLayout<N> = N extends unknown ? Omit<N, 'id' | 'position'> : never;
/** A node's meaning: everything but its id and where it sits on the canvas. */
export type NodeContent = WithoutLayout<DocumentNode>;

/** Plain JSON only, so React Flow can compare and the history can snapshot it cheaply. */
export interface FlowNodeData extends Record<string, unknown> {
  content: NodeContent;
}
export interface FlowEdgeData extends Record<string, unknown> {
  label?: string;
}
export type DesignerNode = CanvasNode<FlowNodeData, 'flow'>;
export type DesignerEdge = CanvasEdge<FlowEdgeData>;

/** Everything of a flow document that is not a node or an edge. */
export type FlowSettings = Omit<FlowDocument, 'nodes' | 'edges'>;

export interface CanvasModel {
  settings: FlowSettings;
  nodes: DesignerNode[];
  edges: DesignerEdge[];
}

const ORIGIN = { x: 0, y: 0 };

/** The size a node card is drawn at, for laying out before anything is measured. */
export function cardBox(node: DesignerNode) {
  const { width } = cardExits(nodePorts(node.data.content));
  return { id: node.id, width, height: CARD_LAYOUT_HEIGHT };
}

function toCanvasNode(node: DocumentNode): DesignerNode {
  const { id, position, ...content } = node;
  return {
    id,
    type: 'flow',
    position: position ?? ORIGIN,
    data: { content: content as NodeContent },
  };
}

/** Edges leave by a named handle; "next" is what an edge without one means. */
export function toCanvasEdge(edge: DocumentEdge): DesignerEdge {
  return {
    id: edge.id,
    source: edge.source,
    target: edge.target,
    sourceHandle: edge.handle ?? HANDLE.next,
    ...(edge.label !== undefined && { label: edge.label }),
    data: edge.label === undefined ? {} : { label: edge.label },
  };
}

/**
 * A document written by hand (the shipped policies, one from the API) may leave out where its
 * nodes sit; stacked at the origin it would be unreadable, so such a flow is laid out top-down.
 */
export function toCanvas(document: FlowDocument): CanvasModel {
  const { nodes, edges = [], ...settings } = document;
  const canvasNodes = nodes.map(toCanvasNode);
  const canvasEdges = edges.map(toCanvasEdge);
  if (nodes.every((node) => node.position)) {
    return { settings, nodes: canvasNodes, edges: canvasEdges };
  }
  const boxes = canvasNodes.map(cardBox);
  const positions = layoutTopDown(boxes, canvasEdges);
  return {
    settings,
    nodes: canvasNodes.map((node) => ({ ...node, position: positions.get(node.id) ?? ORIGIN })),
    edges: canvasEdges,
  };
}

function toDocumentNode(node: DesignerNode): DocumentNode {
  const position = { x: Math.round(node.position.x), y: Math.round(node.position.y) };
  return { id: node.id, position, ...node.data.content } as DocumentNode;
}

function toDocumentEdge(edge: DesignerEdge): DocumentEdge {
  const handle = edge.sourceHandle ?? HANDLE.next;
  return {
    id: edge.id,
    source: edge.source,
    target: edge.target,
    ...(handle !== HANDLE.next && { handle }),
    ...(edge.data?.label !== undefined && { label: edge.data.label }),
  };
}

export function toDocument(model: CanvasModel): FlowDocument {
  return {
    ...model.settings,
    nodes: model.nodes.map(toDocumentNode),
    edges: model.edges.map(toDocumentEdge),
  };
}
