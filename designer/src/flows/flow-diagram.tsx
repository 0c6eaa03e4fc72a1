import { Background, Controls, MiniMap, ReactFlow, ReactFlowProvider } from '@xyflow/react';
import { useEffect, useMemo, useState } from 'react';
import { useCanvasAriaLabels } from './canvas-aria-labels.ts';
import { createDecorations, DecorationsContext } from './decorations.ts';
import { markEdges, minimapColour } from './flow-canvas.tsx';
import { type FlowDocument, toCanvas } from './flow-graph.ts';
import { CardLanguageProvider, NODE_TYPES } from './flow-node-card.tsx';
import { ReadableOpening } from './readable-view.ts';
import '@xyflow/react/dist/style.css';
import './flows.css';

export interface FlowDiagramProps {
  flow: FlowDocument;
  /** Drawn as the path taken (thick outline), e.g. the nodes a run visited. */
  highlightedNodeIds?: readonly string[];
  highlightedEdgeIds?: readonly string[];
  /** A short text pinned to a node's corner, e.g. "2×" or "failed". */
  nodeBadges?: Record<string, string>;
}

function pathMarks(ids: readonly string[] = []): Record<string, string> {
  return Object.fromEntries(ids.map((id) => [id, 'path']));
}

/** A read-only drawing of a flow for run and audit views. */
export function FlowDiagram({
  flow,
  highlightedNodeIds,
  highlightedEdgeIds,
  nodeBadges,
}: FlowDiagramProps) {
  const nodeMarks = useMemo(() => pathMarks(highlightedNodeIds), [highlightedNodeIds]);
  const edgeMarks = useMemo(() => pathMarks(highlightedEdgeIds), [highlightedEdgeIds]);
  return (
    <MarkedDiagram
      flow={flow}
      nodeMarks={nodeMarks}
      edgeMarks={edgeMarks}
      nodeBadges={nodeBadges}
    />
  );
}

interface MarkedDiagramProps {
  flow: FlowDocument;
  nodeMarks: Record<string, string>;
  edgeMarks: Record<string, string>;
  nodeBadges?: Record<string, string> | undefined;
}

/** Read-only canvas with arbitrary marks (path taken, or added/removed/changed in a diff). */
export function MarkedDiagram({ flow, nodeMarks, edgeMarks, nodeBadges }: MarkedDiagramProps) {
  const [decorations] = useState(() => createDecorations());
  const canvas = useMemo(() => toCanvas(flow), [flow]);
  const edges = useMemo(() => markEdges(canvas.edges, edgeMarks), [canvas.edges, edgeMarks]);
  const ariaLabels = useCanvasAriaLabels();
  useEffect(() => {
    decorations.setState({ marks: nodeMarks, badges: nodeBadges ?? {} });
  }, [decorations, nodeMarks, nodeBadges]);
  return (
    <DecorationsContext.Provider value={decorations}>
      <ReactFlowProvider>
        <CardLanguageProvider>
          <div className="flow-diagram" data-testid="flow-diagram">
            <ReactFlow
              nodes={canvas.nodes}
              edges={edges}
              nodeTypes={NODE_TYPES}
              nodesDraggable={false}
              nodesConnectable={false}
              elementsSelectable={false}
              minZoom={0.05}
              ariaLabelConfig={ariaLabels}
            >
              <ReadableOpening />
              <Background gap={16} size={1} />
              <MiniMap pannable zoomable nodeColor={minimapColour} nodeStrokeWidth={3} />
              <Controls showInteractive={false} />
            </ReactFlow>
          </div>
        </CardLanguageProvider>
      </ReactFlowProvider>
    </DecorationsContext.Provider>
  );
}
