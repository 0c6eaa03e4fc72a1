import { Background, Controls, type Edge, MiniMap, ReactFlow, useReactFlow } from '@xyflow/react';
import { type DragEvent, useCallback, useMemo } from 'react';
import { useShallow } from 'zustand/shallow';
import { type ActivityCatalog, findActivity } from '#flow-language';
import { beginDrag, endDrag, useFlowEditor } from './editor-store.ts';
import type { DesignerEdge, NodeContent } from './flow-graph.ts';
import { NODE_TYPES } from './flow-node-card.tsx';
import { actionContent, defaultContent } from './node-defaults.ts';
import { type PaletteItem, readPaletteItem } from './palette.tsx';

export function contentFor(item: PaletteItem, catalog: ActivityCatalog): NodeContent | undefined {
  if ('kind' in item) return defaultContent(item.kind);
  const activity = findActivity(catalog, item.activity);
  return activity ? actionContent(activity) : undefined;
}

/** Paints path or diff marks on edges; edges are few and cheap, unlike nodes. */
export function markEdges<E extends Edge>(edges: E[], marks: Record<string, string>): E[] {
  if (Object.keys(marks).length === 0) return edges;
  return edges.map((edge) => {
    const mark = marks[edge.id];
    return mark ? { ...edge, className: `mark-${mark}`, animated: mark === 'path' } : edge;
  });
}

const FIT_VIEW_OPTIONS = { maxZoom: 1.2 };

interface FlowCanvasProps {
  catalog: ActivityCatalog;
  edgeMarks: Record<string, string>;
  readOnly: boolean;
}

export function FlowCanvas({ catalog, edgeMarks, readOnly }: FlowCanvasProps) {
  const { nodes, edges, onNodesChange, onEdgesChange, connect, addNode } = useFlowEditor(
    useShallow((state) => ({
      nodes: state.nodes,
      edges: state.edges,
      onNodesChange: state.onNodesChange,
      onEdgesChange: state.onEdgesChange,
      connect: state.connect,
      addNode: state.addNode,
    })),
  );
  const { screenToFlowPosition } = useReactFlow();
  const shownEdges = useMemo<DesignerEdge[]>(() => markEdges(edges, edgeMarks), [edges, edgeMarks]);

  const onDragOver = useCallback((event: DragEvent) => {
    event.preventDefault();
    event.dataTransfer.dropEffect = 'move';
  }, []);

  const onDrop = useCallback(
    (event: DragEvent) => {
      event.preventDefault();
      const item = readPaletteItem(event);
      const content = item && contentFor(item, catalog);
      if (!content || readOnly) return;
      addNode(content, screenToFlowPosition({ x: event.clientX, y: event.clientY }));
    },
    [addNode, catalog, readOnly, screenToFlowPosition],
  );

  return (
    <div className="flow-canvas" data-testid="flow-canvas">
      <ReactFlow
        nodes={nodes}
        edges={shownEdges}
        nodeTypes={NODE_TYPES}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={connect}
        onNodeDragStart={beginDrag}
        onNodeDragStop={endDrag}
        onDrop={onDrop}
        onDragOver={onDragOver}
        nodesDraggable={!readOnly}
        nodesConnectable={!readOnly}
        // Deletion goes through the store in one undoable step (see editor-shortcuts.ts).
        deleteKeyCode={null}
        onlyRenderVisibleElements={nodes.length > 200}
        fitView
        fitViewOptions={FIT_VIEW_OPTIONS}
        minZoom={0.05}
      >
        <Background gap={16} size={1} />
        <MiniMap pannable zoomable nodeStrokeWidth={3} />
        <Controls />
      </ReactFlow>
    </div>
  );
}
