import {
  Branch,
  type CaseRecordIndex,
  type FlowGraph,
  FlowWalk,
  initialVariables,
  type NodeOfKind,
  type WalkEffects,
} from '#flow-language';

class NoRecordedAnswer extends Error {}

/**
 * Effects that answer a walk from a past case's record and do nothing else: no input compared,
 * no decision settled by the node's rules, no refund or task counted, no stack captured. What
 * the shared walk costs by itself, so the ceiling any backtest effects could reach.
 */
class NoCostEffects implements WalkEffects {
  readonly tracesRules = false;
  readonly route = { entered() {}, left() {} };

  constructor(private readonly caseRecord: CaseRecordIndex) {}

  record(): void {}

  failure(): Error {
    return new NoRecordedAnswer();
  }

  unknownNode(): Error {
    return new NoRecordedAnswer();
  }

  atSafePoint(): undefined {
    return undefined;
  }

  async callActivity(node: NodeOfKind<'action'>, _input: unknown, visit: number) {
    const call = this.caseRecord.calls.get(node.id)?.[visit - 1];
    if (!call || call.error !== undefined) throw new NoRecordedAnswer();
    return call.output;
  }

  failedCall(): undefined {
    return undefined;
  }

  async awaitApproval(
    node: NodeOfKind<'approval'>,
    visit: number,
    _opening: unknown,
    then: (answer: never) => string,
  ): Promise<string> {
    const task = this.caseRecord.tasks.get(node.id)?.[visit - 1];
    const decision = task?.decisions.at(-1);
    if (!decision) throw new NoRecordedAnswer();
    const settlement = decision.verdict === 'reject' ? 'rejected' : 'approved';
    return then({ settlement, approvers: [decision.actor], comment: null, form: {} } as never);
  }

  async runSubflow(): Promise<never> {
    throw new NoRecordedAnswer();
  }

  async sleepFor(): Promise<void> {}

  sleepUntil(): undefined {
    return undefined;
  }

  async runBranches(): Promise<never> {
    throw new NoRecordedAnswer();
  }
}

/** Walks `graph`'s flow over one past case with effects that cost nothing; where it stopped. */
export async function walkAtNoCost(graph: FlowGraph, index: CaseRecordIndex): Promise<string> {
  const walk = new FlowWalk(graph, index.pastCase, new NoCostEffects(index));
  try {
    const stop = await walk.walk(graph.start().id, new Branch(initialVariables(graph.flow)));
    return stop.kind === 'end' ? stop.outcome : 'join';
  } catch (error) {
    if (error instanceof NoRecordedAnswer) return 'stopped';
    throw error;
  }
}
