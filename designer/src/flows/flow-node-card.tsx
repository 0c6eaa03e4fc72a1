import { Handle, type NodeProps, Position, useUpdateNodeInternals } from '@xyflow/react';
import { createContext, memo, type ReactNode, useContext, useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { i18n } from '../i18n/i18n.ts';
import { cardExits } from './card-size.ts';
import { portLabel } from './catalog-words.ts';
import { useNodeDecoration } from './decorations.ts';
import type { DesignerNode } from './flow-graph.ts';
import { nodeDetail, nodePorts, nodeTitle } from './node-summary.ts';
import { problemText } from './problems-panel.tsx';

/**
 * React Flow measures handles when a node is resized, not when handles come and go (a new case,
 * an SLA adding "timeout"), so it is told explicitly; never on mount, which it measures itself.
 */
function useRemeasureOnPortChange(id: string, ports: readonly string[]): void {
  const updateNodeInternals = useUpdateNodeInternals();
  const portKey = ports.join(' ');
  const measured = useRef(portKey);
  useEffect(() => {
    if (measured.current === portKey) return;
    measured.current = portKey;
    updateNodeInternals(id);
  }, [id, portKey, updateNodeInternals]);
}

/**
 * The reader's language, read once per canvas: a memoized card re-renders when it changes (its
 * words come through `i18n.t`) without hundreds of cards each subscribing to i18n.
 */
const CardLanguage = createContext('');

/** Wraps a canvas (<ReactFlow>) whose cards must follow a language switch. */
export function CardLanguageProvider({ children }: { children: ReactNode }) {
  const { i18n: current } = useTranslation();
  return <CardLanguage.Provider value={current.language}>{children}</CardLanguage.Provider>;
}

function FlowNodeCardBase({ id, data, selected }: NodeProps<DesignerNode>) {
  useContext(CardLanguage);
  const { content } = data;
  const { issues, mark, badge } = useNodeDecoration(id);
  const ports = useMemo(() => nodePorts(content), [content]);
  const exits = useMemo(() => cardExits(ports), [ports]);
  useRemeasureOnPortChange(id, ports);
  const labelled = ports.length > 1 || ports[0] !== 'next';
  const reason = issues.map(problemText).join('\n');
  const classes = [
    'flow-node',
    `kind-${content.kind}`,
    selected ? 'is-selected' : '',
    issues.length > 0 ? 'has-issues' : '',
    mark ? `mark-${mark}` : '',
  ];
  return (
    <div
      className={classes.join(' ')}
      data-testid={`node-${id}`}
      data-kind={content.kind}
      style={{ width: exits.width }}
      aria-invalid={issues.length > 0}
      title={reason || undefined}
    >
      {content.kind !== 'start' && (
        <Handle type="target" position={Position.Top} id="in" data-testid={`handle-${id}-in`} />
      )}
      <div className="flow-node-kind">{i18n.t(`nodeKinds.${content.kind}`)}</div>
      <div className="flow-node-title">{nodeTitle(content)}</div>
      <div className="flow-node-detail">{nodeDetail(content)}</div>
      {issues.length > 0 && (
        <span className="flow-node-problem" data-testid={`node-problem-${id}`}>
          {issues.length}
        </span>
      )}
      {badge && <span className="flow-node-badge">{badge}</span>}
      {exits.slots.map(({ port, center, width }) => (
        <Handle
          key={port}
          type="source"
          position={Position.Bottom}
          id={port}
          className={`port port-${port}`}
          style={{ left: center }}
          data-testid={`handle-${id}-${port}`}
          aria-label={i18n.t('canvas.exitOf', { port: portLabel(port), node: id })}
        >
          {labelled && (
            <span className="port-label" style={{ maxWidth: width }}>
              {portLabel(port)}
            </span>
          )}
        </Handle>
      ))}
    </div>
  );
}

export const FlowNodeCard = memo(FlowNodeCardBase);

// Module level: a nodeTypes object created during render makes React Flow remount every node.
export const NODE_TYPES = { flow: FlowNodeCard };
