import {
  addToSummary,
  type BacktestSummary,
  backtestCase,
  type CaseBacktest,
  type CaseRecordIndex,
  emptyTotals,
  type FlowDefinition,
  FlowGraph,
  selfCheckFault,
} from '#flow-language';

/** How many cases of each list a result keeps (the counts are always complete). */
export const LISTED_CASES = 500;

export interface ListedCase {
  caseId: string;
  currency: string;
  recordedVersion: number;
  recordedOutcome: string;
  replayedOutcome: string;
  recordedPath: string[];
  replayedPath: string[];
  /** Refunds per currency: as the case paid them, and as the flow would have (known amounts). */
  refunds: CaseBacktest['refunds'];
  divergence?: CaseBacktest['divergence'];
  unknown?: CaseBacktest['replayed']['unknown'];
  failure?: string;
  /** What the case was answered from: its record kept at close, or (older cases) its trail. */
  source: 'record' | 'trail';
}

export interface EngineFault {
  caseId: string;
  recordedVersion: number;
  problem: string;
}

export interface BacktestResult {
  summary: BacktestSummary;
  flips: ListedCase[];
  unknowns: ListedCase[];
  engineFaults: EngineFault[];
  /** Cases skipped because their own version is no longer known (the self-check needs it). */
  skipped: number;
  /** Cases answered from their trail: closed before past-case records were kept. */
  fromTrail: number;
}

/** The flow versions cases ran under, for the self-check; undefined when not published. */
export type VersionLookup = (version: number) => Promise<FlowDefinition | undefined>;

/**
 * Walks the target flow over each past case, and first the case's own version over it: a
 * version that does not reproduce its own case is an engine fault, reported and kept out of
 * the comparison (its answers could not be trusted).
 */
export async function runBacktest(
  target: FlowDefinition,
  cases: AsyncIterable<CaseRecordIndex>,
  ownVersion: VersionLookup,
  onProgress: (processed: number) => void = () => undefined,
): Promise<BacktestResult> {
  const graph = new FlowGraph(target);
  const ownGraphs = new Map<number, FlowGraph | undefined>();
  const result: BacktestResult = {
    summary: { total: emptyTotals(), byCurrency: {} },
    flips: [],
    unknowns: [],
    engineFaults: [],
    skipped: 0,
    fromTrail: 0,
  };
  let processed = 0;
  for await (const index of cases) {
    const { pastCase } = index;
    if (index.source === 'trail') result.fromTrail += 1;
    const own = await graphOf(pastCase.flowVersion, ownGraphs, ownVersion);
    processed += 1;
    if (!own) {
      result.skipped += 1;
      continue;
    }
    const fault = selfCheckFault(await backtestCase(own, index));
    const backtest = await backtestCase(graph, index);
    addToSummary(result.summary, backtest, fault !== undefined);
    if (fault)
      keep(result.engineFaults, {
        caseId: pastCase.caseId,
        recordedVersion: pastCase.flowVersion,
        problem: fault,
      });
    else if (backtest.flipped) keep(result.flips, listed(backtest, index));
    if (!fault && backtest.replayed.status === 'unknown')
      keep(result.unknowns, listed(backtest, index));
    if (processed % 250 === 0) {
      onProgress(processed);
      // The walk only awaits promises: let the read-ahead's replies in from the socket.
      await new Promise(setImmediate);
    }
  }
  onProgress(processed);
  return result;
}

async function graphOf(
  version: number,
  cache: Map<number, FlowGraph | undefined>,
  lookup: VersionLookup,
): Promise<FlowGraph | undefined> {
  if (!cache.has(version)) {
    const published = await lookup(version);
    cache.set(version, published && new FlowGraph(published));
  }
  return cache.get(version);
}

function keep<T>(list: T[], entry: T): void {
  if (list.length < LISTED_CASES) list.push(entry);
}

function listed(backtest: CaseBacktest, { pastCase, source }: CaseRecordIndex): ListedCase {
  return {
    source,
    caseId: backtest.caseId,
    currency: backtest.currency,
    recordedVersion: pastCase.flowVersion,
    recordedOutcome: backtest.recorded.outcome,
    replayedOutcome: backtest.replayed.outcome,
    recordedPath: backtest.recorded.path,
    replayedPath: backtest.replayed.path,
    refunds: backtest.refunds,
    ...(backtest.divergence && { divergence: backtest.divergence }),
    ...(backtest.replayed.unknown && { unknown: backtest.replayed.unknown }),
    ...(backtest.replayed.failure && { failure: backtest.replayed.failure }),
  };
}
