import type { Connection } from 'mongoose';
import type { Logger } from '#platform/logger';
import { pastCasesCollection } from '#platform/past-cases/past-case-records';
import { everyInterval } from '../periodic-round.ts';
import { type Compaction, compactPastCases } from './past-case-compaction.ts';

const SINGLES_PREFIX = pastCasesCollection('');

/** The flow keys that have single past-case records (a collection each). */
export async function flowsWithPastCases(database: Connection): Promise<string[]> {
  const db = database.db;
  if (!db) throw new Error('database connection is not open');
  const collections = await db.listCollections({}, { nameOnly: true }).toArray();
  return collections
    .map(({ name }) => name)
    .filter((name) => name.startsWith(SINGLES_PREFIX))
    .map((name) => name.slice(SINGLES_PREFIX.length));
}

/** Compacts every flow's single past-case records; what it packed, per flow key. */
export async function compactEveryFlow(database: Connection): Promise<Map<string, Compaction>> {
  const packed = new Map<string, Compaction>();
  for (const flowKey of await flowsWithPastCases(database)) {
    const compaction = await compactPastCases(database, flowKey);
    if (compaction.records > 0) packed.set(flowKey, compaction);
  }
  return packed;
}

/**
 * Compacts every `intervalSeconds`, so a backtest finds the records closed since the last
 * round already in buckets instead of packing a backlog first. Safe beside another API
 * process's compactor or a backtest's own compaction (see compactPastCases). A failed round is
 * logged and tried again at the next interval.
 */
export function startPastCaseCompactor(
  deps: { database: Connection; logger: Pick<Logger, 'info' | 'warn'> },
  intervalSeconds: number,
): () => void {
  return everyInterval(
    intervalSeconds,
    async () => {
      const packed = await compactEveryFlow(deps.database);
      if (packed.size > 0)
        deps.logger.info({ packed: Object.fromEntries(packed) }, 'compacted past-case records');
    },
    (error) =>
      deps.logger.warn(
        { err: error },
        'past-case compaction failed; retrying at the next interval',
      ),
  );
}
