import type { BranchSettled } from '../stepping.ts';
import type { WalkStop } from './effects.ts';

/**
 * Walks a parallel block's branches one after the other, in edge order, for effects that answer
 * without waiting (test runs, backtests): an error `stopsBranch` accepts counts as that branch
 * not arriving; any other stops the walk.
 */
export async function branchesInTurn(
  starts: (() => Promise<WalkStop>)[],
  stopsBranch: (error: unknown) => boolean,
): Promise<BranchSettled<WalkStop>[]> {
  const settled: BranchSettled<WalkStop>[] = [];
  for (const start of starts) {
    try {
      settled.push({ ok: true, stop: await start() });
    } catch (error) {
      if (!stopsBranch(error)) throw error;
      settled.push({ ok: false, error });
    }
  }
  return settled;
}
