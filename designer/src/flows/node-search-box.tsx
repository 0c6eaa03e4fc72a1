import { useReactFlow } from '@xyflow/react';
import { Command } from 'cmdk';
import { memo, type RefObject, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFlowEditor } from './editor-store.ts';
import type { DesignerNode } from './flow-graph.ts';
import { nodeSearchEntries } from './node-search.ts';
import { LEGIBLE_ZOOM } from './readable-view.ts';

const NOT_SEARCHING: DesignerNode[] = [];

interface NodeSearchBoxProps {
  inputRef: RefObject<HTMLInputElement | null>;
}

/** Finds a node by title, id, kind or detail; picking one selects it and brings it into view. */
function NodeSearchBoxBase({ inputRef }: NodeSearchBoxProps) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const searching = query.trim() !== '';
  // Read only while searching: a drag changes the nodes every frame, and the box need not follow.
  const nodes = useFlowEditor((state) => (searching ? state.nodes : NOT_SEARCHING));
  const entries = useMemo(() => nodeSearchEntries(nodes), [nodes]);
  const { getInternalNode, getZoom, setCenter } = useReactFlow();

  function pick(nodeId: string) {
    useFlowEditor.getState().select(nodeId);
    const node = getInternalNode(nodeId);
    if (node) {
      const { x, y } = node.internals.positionAbsolute;
      const { width = 0, height = 0 } = node.measured;
      const zoom = Math.max(getZoom(), LEGIBLE_ZOOM);
      void setCenter(x + width / 2, y + height / 2, { zoom, duration: 200 });
    }
    setQuery('');
    inputRef.current?.blur();
  }

  return (
    <Command className="node-search" label={t('canvasTools.searchLabel')} loop>
      <Command.Input
        ref={inputRef}
        value={query}
        onValueChange={setQuery}
        onKeyDown={(event) => {
          if (event.key === 'Escape') {
            setQuery('');
            inputRef.current?.blur();
          }
        }}
        placeholder={t('canvasTools.searchPlaceholder')}
        data-testid="node-search-input"
      />
      {searching && (
        <Command.List className="canvas-menu-list" data-testid="node-search-results">
          <Command.Empty>{t('canvasTools.noMatch')}</Command.Empty>
          {entries.map((entry) => (
            <Command.Item
              key={entry.value}
              value={entry.value}
              keywords={entry.keywords}
              onSelect={pick}
              data-testid={`node-search-item-${entry.value}`}
            >
              <span className="canvas-menu-title">{entry.title}</span>
              <span className="canvas-menu-detail">{entry.value}</span>
            </Command.Item>
          ))}
        </Command.List>
      )}
    </Command>
  );
}

// The canvas re-renders on every drag frame; the search box has nothing to redraw then.
export const NodeSearchBox = memo(NodeSearchBoxBase);
