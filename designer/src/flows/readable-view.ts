import {
  type Node,
  type Rect,
  useNodesInitialized,
  useReactFlow,
  useStoreApi,
  type Viewport,
} from '@xyflow/react';
import { useCallback, useEffect, useRef } from 'react';

/** Below this zoom a card's 13px title reads under 10px: the flow is a picture, not a text. */
export const LEGIBLE_ZOOM = 0.75;
/** A small flow is not blown up beyond this. */
export const MAX_FIT_ZOOM = 1.2;
const PADDING_PX = 32;
/** Room above the start for the canvas tools (node search, shortcut hints) that sit at the top. */
const TOOLS_ROOM_PX = 76;

export interface Pane {
  width: number;
  height: number;
}

/**
 * Where the view opens: the whole flow when it fits at a legible zoom; otherwise the legible zoom
 * from the start (where reading begins) down, just below the canvas tools. The start is centred
 * across the pane, moved only as far as keeps a flow no wider than the pane whole across it (a
 * start at the right of its drawing would cut the left column off). The minimap and the node
 * search reach the rest.
 */
export function readableViewport(bounds: Rect, start: Rect | undefined, pane: Pane): Viewport {
  const room = { width: pane.width - 2 * PADDING_PX, height: pane.height - 2 * PADDING_PX };
  const fitZoom = Math.min(
    room.width / Math.max(bounds.width, 1),
    room.height / Math.max(bounds.height, 1),
    MAX_FIT_ZOOM,
  );
  if (fitZoom >= LEGIBLE_ZOOM) {
    return {
      zoom: fitZoom,
      x: pane.width / 2 - (bounds.x + bounds.width / 2) * fitZoom,
      y: pane.height / 2 - (bounds.y + bounds.height / 2) * fitZoom,
    };
  }
  const anchor = start ?? bounds;
  const centred = pane.width / 2 - (anchor.x + anchor.width / 2) * LEGIBLE_ZOOM;
  const margin = Math.min(PADDING_PX, (pane.width - bounds.width * LEGIBLE_ZOOM) / 2);
  const leftInView = margin - bounds.x * LEGIBLE_ZOOM;
  const rightInView = pane.width - margin - (bounds.x + bounds.width) * LEGIBLE_ZOOM;
  return {
    zoom: LEGIBLE_ZOOM,
    x: margin >= 0 ? Math.min(Math.max(centred, leftInView), rightInView) : centred,
    y: TOOLS_ROOM_PX - anchor.y * LEGIBLE_ZOOM,
  };
}

function isStart(node: Node): boolean {
  const content = (node.data as { content?: { kind?: string } }).content;
  return content?.kind === 'start';
}

/** Shows the flow readably (see readableViewport); what "Fit view" does too. */
export function useReadableView(): (duration?: number) => void {
  const { getNodes, getNodesBounds, setViewport } = useReactFlow();
  const store = useStoreApi();
  return useCallback(
    (duration = 0) => {
      const nodes = getNodes();
      if (nodes.length === 0) return;
      const { width, height } = store.getState();
      const start = nodes.find(isStart);
      const viewport = readableViewport(getNodesBounds(nodes), start && getNodesBounds([start]), {
        width,
        height,
      });
      void setViewport(viewport, { duration });
    },
    [getNodes, getNodesBounds, setViewport, store],
  );
}

/**
 * Opens the view readably once every node has been measured, then tells `onShown`, so the
 * caller can unmount it: measuring is watched on every store change, drag frames included.
 * Render inside <ReactFlow>.
 */
export function ReadableOpening({ onShown }: { onShown?: () => void }): null {
  const measured = useNodesInitialized();
  const show = useReadableView();
  const shown = useRef(false);
  useEffect(() => {
    if (!measured || shown.current) return;
    shown.current = true;
    show();
    onShown?.();
  }, [measured, show, onShown]);
  return null;
}
