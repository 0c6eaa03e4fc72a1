import type { ActivityDescriptor, NodeKind } from '#flow-language';
import type { NodeContent } from './flow-graph.ts';

/** What a freshly dropped node holds: the smallest content that parses, so issues stay readable. */
export function defaultContent(kind: NodeKind): NodeContent {
  switch (kind) {
    case 'start':
      return { kind, trigger: 'refund.requested' };
    case 'decision':
      return { kind, label: 'Decision', condition: true };
    case 'action':
      return { kind, activity: '', inputs: {}, timeoutSeconds: 60 };
    case 'approval':
      return { kind, title: 'Approve', assignee: { role: 'reviewer' }, form: [] };
    case 'wait':
      return { kind, durationSeconds: 3600 };
    case 'parallel':
      return { kind };
    case 'join':
      return { kind, mode: 'all' };
    case 'set':
      return { kind, assignments: {} };
    case 'subflow':
      return { kind, flowKey: '', inputs: {} };
    case 'end':
      return { kind, outcome: 'done' };
  }
}

/**
 * An action calling `activity`, every declared input mapped to the flow value of the same name:
 * usually right for ids like orderId, and otherwise flagged by validation until edited.
 */
export function actionContent(activity: ActivityDescriptor): NodeContent {
  const inputs = Object.fromEntries(
    Object.keys(activity.inputs).map((name) => [name, { var: name }]),
  );
  return {
    kind: 'action',
    label: activity.title,
    activity: activity.name,
    inputs,
    timeoutSeconds: 60,
  };
}
