import {
  Background,
  Controls,
  type Edge,
  MiniMap,
  type Node,
  Panel,
  ReactFlow,
  useReactFlow,
} from '@xyflow/react';
import {
  type DragEvent,
  type MouseEvent,
  type RefObject,
  useCallback,
  useMemo,
  useRef,
  useState,
} from 'react';
import { useShallow } from 'zustand/shallow';
import { type ActivityCatalog, findActivity } from '#flow-language';
import { useCanvasAriaLabels } from './canvas-aria-labels.ts';
import { useCanvasShortcuts } from './editor-shortcuts.ts';
import { beginDrag, endDrag, useFlowEditor } from './editor-store.ts';
import type { DesignerEdge, NodeContent } from './flow-graph.ts';
import { CardLanguageProvider, NODE_TYPES } from './flow-node-card.tsx';
import { actionContent, defaultContent } from './node-defaults.ts';
import { NodeSearchBox } from './node-search-box.tsx';
import { type PaletteItem, readPaletteItem } from './palette.tsx';
import { type QuickAddChoice, quickAddPlacement } from './quick-add.ts';
import { QuickAddMenu } from './quick-add-menu.tsx';
import { ReadableOpening } from './readable-view.ts';
import { ShortcutHints } from './shortcut-hints.tsx';

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

/** Minimap colours by kind (as the cards' top edges), so the overview shows the flow's shape. */
const KIND_COLOURS: Record<string, string> = {
  start: '#1a7f37',
  decision: '#8250df',
  action: '#0969da',
  approval: '#bf8700',
  wait: '#6e7781',
  parallel: '#1b7c83',
  join: '#1b7c83',
  set: '#953800',
  subflow: '#4c2889',
  end: '#24292f',
};

// Smaller than React Flow's 200×150, so it covers less of a 1280×720 canvas.
const MINIMAP_SIZE = { width: 160, height: 120 };

export function minimapColour(node: Node): string {
  const kind = (node.data as { content?: { kind?: string } }).content?.kind ?? '';
  return KIND_COLOURS[kind] ?? '#6b7580';
}

interface OpenMenu {
  /** In pixels from the canvas's top-left corner. */
  at: { x: number; y: number };
  placement: ReturnType<typeof quickAddPlacement>;
}

const MENU_SIZE = { width: 280, height: 320 };

/**
 * Tab's quick-add: the menu opens under the selected node's free exit, or at the pointer, and the
 * node picked lands there, wired to that exit. Node and wire are one step for undo.
 */
function useQuickAdd(catalog: ActivityCatalog, canvas: RefObject<HTMLDivElement | null>) {
  const [menu, setMenu] = useState<OpenMenu>();
  const pointer = useRef<{ x: number; y: number }>(undefined);
  const { screenToFlowPosition, flowToScreenPosition } = useReactFlow();

  const open = useCallback(() => {
    const box = canvas.current?.getBoundingClientRect();
    if (!box) return;
    const client = pointer.current ?? { x: box.left + box.width / 2, y: box.top + box.height / 2 };
    const { nodes, edges } = useFlowEditor.getState();
    const placement = quickAddPlacement(nodes, edges, screenToFlowPosition(client));
    const screen = flowToScreenPosition(placement.position);
    const clamp = (value: number, room: number) => Math.max(8, Math.min(value, room));
    setMenu({
      at: {
        x: clamp(screen.x - box.left, box.width - MENU_SIZE.width),
        y: clamp(screen.y - box.top, box.height - MENU_SIZE.height),
      },
      placement,
    });
  }, [canvas, screenToFlowPosition, flowToScreenPosition]);

  const close = useCallback(() => setMenu(undefined), []);

  const pick = useCallback(
    (choice: QuickAddChoice) => {
      const content = contentFor(choice.item, catalog);
      if (!menu || !content) return;
      const { position, after } = menu.placement;
      const editor = useFlowEditor.getState();
      const id = editor.addNode(content, position);
      if (after) {
        const history = useFlowEditor.temporal.getState();
        history.pause();
        editor.connect({
          source: after.source,
          sourceHandle: after.handle,
          target: id,
          targetHandle: 'in',
        });
        history.resume();
      }
      setMenu(undefined);
    },
    [catalog, menu],
  );

  const trackPointer = useCallback((event: MouseEvent) => {
    pointer.current = { x: event.clientX, y: event.clientY };
  }, []);
  const forgetPointer = useCallback(() => {
    pointer.current = undefined;
  }, []);
  return { menu, open, close, pick, trackPointer, forgetPointer };
}

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

  const canvas = useRef<HTMLDivElement>(null);
  const searchInput = useRef<HTMLInputElement>(null);
  const quickAdd = useQuickAdd(catalog, canvas);
  const shortcuts = useMemo(
    () => ({ quickAdd: quickAdd.open, find: () => searchInput.current?.focus() }),
    [quickAdd.open],
  );
  useCanvasShortcuts(!readOnly, shortcuts);
  const [opening, setOpening] = useState(true);
  const opened = useCallback(() => setOpening(false), []);
  const ariaLabels = useCanvasAriaLabels();

  return (
    <div className="flow-canvas" data-testid="flow-canvas" ref={canvas}>
      <CardLanguageProvider>
        <ReactFlow
          onMouseMove={quickAdd.trackPointer}
          onMouseLeave={quickAdd.forgetPointer}
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
          minZoom={0.05}
          ariaLabelConfig={ariaLabels}
        >
          {opening && <ReadableOpening onShown={opened} />}
          <Background gap={16} size={1} />
          <MiniMap
            pannable
            zoomable
            nodeColor={minimapColour}
            nodeStrokeWidth={3}
            style={MINIMAP_SIZE}
          />
          <Controls />
          <Panel position="top-left">
            <NodeSearchBox inputRef={searchInput} />
          </Panel>
          <ShortcutHints />
        </ReactFlow>
      </CardLanguageProvider>
      {quickAdd.menu && (
        <QuickAddMenu
          catalog={catalog}
          at={quickAdd.menu.at}
          onPick={quickAdd.pick}
          onClose={quickAdd.close}
        />
      )}
    </div>
  );
}
