import type { Edge as CanvasEdge, Node as CanvasNode } from '@xyflow/react';
import { type FlowDefinitionInput, HANDLE } from '#flow-language';

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

export function toCanvas(document: FlowDocument): CanvasModel {
  const { nodes, edges = [], ...settings } = document;
  return { settings, nodes: nodes.map(toCanvasNode), edges: edges.map(toCanvasEdge) };
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
