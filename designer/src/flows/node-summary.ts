import { type FlowNode, NODE_KIND_TITLES, outgoingPorts } from '#flow-language';
import type { NodeContent } from './flow-graph.ts';

/** The one line under a node's title that tells what it does without opening the inspector. */
export function nodeDetail(content: NodeContent): string {
  switch (content.kind) {
    case 'start':
      return content.trigger;
    case 'action':
      return content.activity || 'no activity';
    case 'approval':
      return 'role' in content.assignee
        ? `role ${content.assignee.role}`
        : `group ${content.assignee.group}`;
    case 'wait':
      return content.durationSeconds !== undefined ? `${content.durationSeconds}s` : 'until a date';
    case 'decision':
      return content.cases ? `${content.cases.length} cases` : 'true / false';
    case 'join':
      return content.mode ?? 'all';
    case 'set':
      return Object.keys(content.assignments).join(', ') || 'no assignments';
    case 'subflow':
      return content.flowKey || 'no flow';
    case 'end':
      return content.outcome;
    case 'parallel':
      return 'branches';
  }
}

export function nodeTitle(content: NodeContent): string {
  return content.label || NODE_KIND_TITLES[content.kind];
}

/** Every outgoing port the node offers, required ones first: one handle is drawn per port. */
export function nodePorts(content: NodeContent): string[] {
  const ports = outgoingPorts({ id: 'x', ...content } as FlowNode);
  return [...new Set([...ports.required, ...ports.optional])];
}
