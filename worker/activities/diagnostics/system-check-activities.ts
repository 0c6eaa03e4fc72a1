import { Context } from '@temporalio/activity';
import { type Connection, trusted } from 'mongoose';
import type { SystemCheckInput, SystemCheckResult } from '../../../workflows/system-check.ts';
import { systemCheckModel } from './system-check-record.ts';

const HEARTBEAT_EVERY_MS = 500;

export function createSystemCheckActivities(connection: Connection) {
  const SystemCheck = systemCheckModel(connection);

  return {
    /**
     * The write is conditional on "not completed yet", so a retry after a crash, or a second
     * delivery of the same attempt, can never complete the check twice.
     */
    async recordSystemCheck(input: SystemCheckInput): Promise<SystemCheckResult> {
      const { attempt } = Context.current().info;
      await SystemCheck.updateOne(
        { _id: input.checkId },
        { $addToSet: { attemptsStarted: attempt } },
        { upsert: true },
      );
      await holdWithHeartbeats(input.holdMs);
      await SystemCheck.updateOne(
        // `trusted` marks our own operator as code, past the connection's sanitizeFilter.
        { _id: input.checkId, completedAt: trusted({ $exists: false }) },
        { $set: { completedAt: new Date(), completedByAttempt: attempt } },
      );
      const record = await SystemCheck.findById(input.checkId).lean().orFail();
      return { checkId: input.checkId, completedByAttempt: record.completedByAttempt ?? attempt };
    },
  };
}

export type SystemCheckActivities = ReturnType<typeof createSystemCheckActivities>;

async function holdWithHeartbeats(holdMs: number): Promise<void> {
  const context = Context.current();
  const deadline = Date.now() + holdMs;
  while (Date.now() < deadline) {
    context.heartbeat();
    await context.sleep(Math.min(HEARTBEAT_EVERY_MS, deadline - Date.now()));
  }
}
