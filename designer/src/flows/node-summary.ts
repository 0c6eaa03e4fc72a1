import { type FlowNode, outgoingPorts } from '#flow-language';
import { i18n } from '../i18n/i18n.ts';
import type { NodeContent } from './flow-graph.ts';

/**
 * The one line under a node's title that tells what it does without opening the inspector.
 * Read through `i18n.t`, not a hook: hundreds of memoized cards should not each subscribe.
 */
export function nodeDetail(content: NodeContent): string {
  const { t } = i18n;
  switch (content.kind) {
    case 'start':
      return content.trigger ?? t('canvas.noTrigger');
    case 'action':
      return content.activity || t('canvas.noActivity');
    case 'approval':
      if ('role' in content.assignee) return t('canvas.role', { role: content.assignee.role });
      if ('group' in content.assignee) return t('canvas.group', { group: content.assignee.group });
      return t('canvas.groupFrom');
    case 'wait':
      return content.durationSeconds !== undefined
        ? t('canvas.seconds', { n: content.durationSeconds })
        : t('canvas.untilDate');
    case 'decision':
      return content.cases
        ? t('canvas.cases', { count: content.cases.length })
        : t('canvas.trueFalse');
    case 'join':
      return content.mode ?? 'all';
    case 'set':
      return Object.keys(content.assignments).join(', ') || t('canvas.noAssignments');
    case 'subflow':
      return content.flowKey || t('canvas.noFlow');
    case 'end':
      return content.outcome;
    case 'parallel':
      return t('canvas.branches');
  }
}

export function nodeTitle(content: NodeContent): string {
  return content.label || i18n.t(`nodeKinds.${content.kind}`);
}

/** Every outgoing port the node offers, required ones first: one handle is drawn per port. */
export function nodePorts(content: NodeContent): string[] {
  const ports = outgoingPorts({ id: 'x', ...content } as FlowNode);
  return [...new Set([...ports.required, ...ports.optional])];
}
