import type { AmazonNotices, FlowGraph } from '#flow-language';
import type { ApprovalBook } from './approval-book.ts';
import type { BusinessTrail } from './business-trail.ts';
import type { FlowRunInput } from './types.ts';

export { Branch } from '#flow-language';

export interface RunContext {
  readonly input: FlowRunInput;
  readonly graph: FlowGraph;
  readonly trail: BusinessTrail;
  readonly book: ApprovalBook;
  /** What Amazon's notifications said about the order meanwhile; rules read it as `case.amazon`. */
  readonly amazon: AmazonNotices;
  /** How often each node has been entered; makes activity, task and child ids unique per visit. */
  readonly visits: Record<string, number>;
  readonly activeNodes: Map<string, number>;
}
