import type { FlowGraph } from '#flow-language';
import type { ApprovalBook } from './approval-book.ts';
import type { BusinessTrail } from './business-trail.ts';
import type { FlowRunInput } from './types.ts';

export { Branch } from '#flow-language';

export interface RunContext {
  readonly input: FlowRunInput;
  readonly graph: FlowGraph;
  readonly trail: BusinessTrail;
  readonly book: ApprovalBook;
  /** How often each node has been entered; makes activity, task and child ids unique per visit. */
  readonly visits: Record<string, number>;
  readonly activeNodes: Map<string, number>;
}
