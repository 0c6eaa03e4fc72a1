import {
  applyEdgeChanges,
  applyNodeChanges,
  type Connection,
  type EdgeChange,
  type NodeChange,
} from '@xyflow/react';
import { temporal } from 'zundo';
import { create } from 'zustand';
import { layoutTopDown } from './auto-layout.ts';
import { type Clipboard, copySelection, pasteClipboard } from './clipboard.ts';
import { freshId } from './element-ids.ts';
import {
  type CanvasModel,
  type DesignerEdge,
  type DesignerNode,
  type FlowDocument,
  type FlowSettings,
  type NodeContent,
  toCanvas,
  toDocument,
} from './flow-graph.ts';

export interface EditorState extends CanvasModel {
  clipboard: Clipboard | undefined;
  /** Bumped on every content change (not on selection or measuring) so saves know when dirty. */
  revision: number;
  load(document: FlowDocument): void;
  onNodesChange(changes: NodeChange<DesignerNode>[]): void;
  onEdgesChange(changes: EdgeChange<DesignerEdge>[]): void;
  connect(connection: Connection): void;
  addNode(content: NodeContent, position: { x: number; y: number }): string;
  /** `renamedExits` (old → new handle) keeps edges attached when a node's exits are renamed. */
  updateContent(id: string, content: NodeContent, renamedExits?: Record<string, string>): void;
  updateSettings(settings: FlowSettings): void;
  setPositions(positions: Map<string, { x: number; y: number }>): void;
  autoLayout(): void;
  copy(): void;
  paste(): void;
  deleteSelected(): void;
  select(id: string | undefined): void;
  document(): FlowDocument;
}

/** What undo/redo restores: content and layout, never selection or measured sizes. */
type Tracked = Pick<EditorState, 'settings' | 'nodes' | 'edges' | 'revision'>;

function tracked(state: EditorState): Tracked {
  return {
    settings: state.settings,
    nodes: state.nodes,
    edges: state.edges,
    revision: state.revision,
  };
}

function sameNodes(a: readonly DesignerNode[], b: readonly DesignerNode[]): boolean {
  return (
    a.length === b.length &&
    a.every((node, i) => {
      const other = b[i];
      return (
        other !== undefined &&
        node.id === other.id &&
        node.data === other.data &&
        node.position.x === other.position.x &&
        node.position.y === other.position.y
      );
    })
  );
}

function sameEdges(a: readonly DesignerEdge[], b: readonly DesignerEdge[]): boolean {
  return (
    a.length === b.length &&
    a.every((edge, i) => {
      const other = b[i];
      return (
        other !== undefined &&
        edge.id === other.id &&
        edge.source === other.source &&
        edge.target === other.target &&
        edge.sourceHandle === other.sourceHandle &&
        edge.data === other.data
      );
    })
  );
}

/** Selecting, measuring or hovering must not fill the undo history. */
export function sameTracked(a: Tracked, b: Tracked): boolean {
  return a.settings === b.settings && sameNodes(a.nodes, b.nodes) && sameEdges(a.edges, b.edges);
}

let revisionCounter = 0;

// Numbers never repeat, so "saved at revision r" stays exact across undo and redo.
function nextRevision(): number {
  revisionCounter += 1;
  return revisionCounter;
}

const PASTE_OFFSET = { x: 40, y: 40 };

function allIds(state: CanvasModel): string[] {
  return [...state.nodes.map((node) => node.id), ...state.edges.map((edge) => edge.id)];
}

// One port carries one edge (parallel "next" excepted, which validation reports otherwise):
// a new connection from a used port replaces the old edge, as users expect when re-wiring.
function replacesPort(edge: DesignerEdge, connection: Connection): boolean {
  return edge.source === connection.source && edge.sourceHandle === connection.sourceHandle;
}

export const useFlowEditor = create<EditorState>()(
  temporal(
    (set, get) => ({
      settings: { key: 'new-flow', name: 'New flow', version: 1 },
      nodes: [],
      edges: [],
      clipboard: undefined,
      revision: 0,
      load(document) {
        set({ ...toCanvas(document), revision: nextRevision() });
        useFlowEditor.temporal.getState().clear();
      },
      onNodesChange(changes) {
        const contentChanged = changes.some((c) => c.type === 'remove' || c.type === 'add');
        set((state) => ({
          nodes: applyNodeChanges(changes, state.nodes),
          ...(contentChanged && { revision: nextRevision() }),
        }));
      },
      onEdgesChange(changes) {
        const contentChanged = changes.some((c) => c.type === 'remove' || c.type === 'add');
        set((state) => ({
          edges: applyEdgeChanges(changes, state.edges),
          ...(contentChanged && { revision: nextRevision() }),
        }));
      },
      connect(connection) {
        set((state) => {
          const id = freshId('edge', new Set(allIds(state)));
          const parallel = state.nodes.find((n) => n.id === connection.source)?.data.content.kind;
          const kept =
            parallel === 'parallel'
              ? state.edges
              : state.edges.filter((edge) => !replacesPort(edge, connection));
          const edge: DesignerEdge = {
            id,
            source: connection.source,
            target: connection.target,
            sourceHandle: connection.sourceHandle ?? 'next',
            data: {},
          };
          return { edges: [...kept, edge], revision: nextRevision() };
        });
      },
      addNode(content, position) {
        const id = freshId(content.kind, new Set(allIds(get())));
        const node: DesignerNode = {
          id,
          type: 'flow',
          position,
          data: { content },
          selected: true,
        };
        set((state) => ({
          nodes: [...state.nodes.map((n) => (n.selected ? { ...n, selected: false } : n)), node],
          revision: nextRevision(),
        }));
        return id;
      },
      updateContent(id, content, renamedExits = {}) {
        set((state) => ({
          nodes: state.nodes.map((node) =>
            node.id === id ? { ...node, data: { content } } : node,
          ),
          edges: state.edges.map((edge) => {
            const renamed =
              edge.source === id && edge.sourceHandle && renamedExits[edge.sourceHandle];
            return renamed ? { ...edge, sourceHandle: renamed } : edge;
          }),
          revision: nextRevision(),
        }));
      },
      updateSettings(settings) {
        set({ settings, revision: nextRevision() });
      },
      setPositions(positions) {
        set((state) => ({
          nodes: state.nodes.map((node) => {
            const position = positions.get(node.id);
            return position ? { ...node, position } : node;
          }),
          revision: nextRevision(),
        }));
      },
      autoLayout() {
        const { nodes, edges } = get();
        const boxes = nodes.map((node) => ({
          id: node.id,
          width: node.measured?.width ?? 0,
          height: node.measured?.height ?? 0,
        }));
        get().setPositions(layoutTopDown(boxes, edges));
      },
      copy() {
        const { nodes, edges } = get();
        const clipboard = copySelection(nodes, edges);
        if (clipboard.nodes.length > 0) set({ clipboard });
      },
      paste() {
        const { clipboard } = get();
        if (!clipboard) return;
        const pasted = pasteClipboard(clipboard, allIds(get()), PASTE_OFFSET);
        set((state) => ({
          nodes: [...state.nodes.map((n) => ({ ...n, selected: false })), ...pasted.nodes],
          edges: [...state.edges, ...pasted.edges],
          // The next paste lands further along instead of on top of this one.
          clipboard: pasted,
          revision: nextRevision(),
        }));
      },
      deleteSelected() {
        const { nodes, edges } = get();
        if (!nodes.some((n) => n.selected) && !edges.some((e) => e.selected)) return;
        set((state) => {
          const removed = new Set(state.nodes.filter((n) => n.selected).map((n) => n.id));
          return {
            nodes: state.nodes.filter((node) => !removed.has(node.id)),
            edges: state.edges.filter(
              (edge) => !edge.selected && !removed.has(edge.source) && !removed.has(edge.target),
            ),
            revision: nextRevision(),
          };
        });
      },
      select(id) {
        set((state) => ({
          nodes: state.nodes.map((node) => {
            const selected = node.id === id;
            return node.selected === selected ? node : { ...node, selected };
          }),
        }));
      },
      document() {
        return toDocument(get());
      },
    }),
    { partialize: tracked, equality: sameTracked, limit: 200 },
  ),
);

let dragStart: Tracked | undefined;

/**
 * A drag moves nodes on every animation frame; recording each frame would make undo crawl back
 * pixel by pixel, so history pauses during the drag and records the whole move once.
 */
export function beginDrag(): void {
  dragStart = tracked(useFlowEditor.getState());
  useFlowEditor.temporal.getState().pause();
}

export function endDrag(): void {
  const history = useFlowEditor.temporal.getState();
  history.resume();
  const before = dragStart;
  dragStart = undefined;
  if (!before || sameTracked(before, tracked(useFlowEditor.getState()))) return;
  useFlowEditor.temporal.setState({
    pastStates: [...history.pastStates, before].slice(-200),
    futureStates: [],
  });
  useFlowEditor.setState({ revision: nextRevision() });
}
