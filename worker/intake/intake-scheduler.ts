import type { Client } from '@temporalio/client';
import type { Connection } from 'mongoose';
import type { Logger } from 'pino';
import type { AuditKeyRing } from '#platform/audit/audit-keys';
import { AccountPoller } from './account-poller.ts';
import { currentAccounts, type IntakeAccountSource } from './intake-account.ts';
import { IntakeCaseStarter } from './intake-case-start.ts';
import type { IntakeConfig } from './intake-config.ts';
import { IntakeRecords } from './intake-records.ts';
import { NotificationIntake } from './notification-intake.ts';
import type { NotificationQueue } from './notification-queue.ts';

export interface IntakeOptions {
  database: Connection;
  temporal: Client;
  taskQueue: string;
  /** Each account is polled with its own clients and cursors; a function is read before each poll. */
  accounts: IntakeAccountSource;
  config: IntakeConfig;
  logger: Logger;
  /** Where Amazon's notifications arrive (SQS in production); none: notifications are off. */
  notifications?: NotificationQueue;
  /** The audit log's signing keys: each case intake starts is audited once. */
  auditKeys: AuditKeyRing;
}

const NOTIFICATION_WAIT_SECONDS = 20;
const NOTIFICATION_RETRY_MS = 30_000;

/**
 * Runs intake in the worker process: one poll of each account every interval (a poll that
 * fails is logged and tried again next time; polls of one account never overlap), and one
 * consumer of the notification queue. `stop()` waits for the work in hand to finish.
 */
export function startIntake(options: IntakeOptions): { stop(): Promise<void> } {
  const polling = options.config.pollIntervalMs > 0;
  if (!polling && !options.notifications) return { stop: async () => {} };
  const records = new IntakeRecords(options.database);
  const starter = new IntakeCaseStarter(options);
  let stopped = false;
  const pollEach = async () => {
    for (const account of await currentAccounts(options.accounts)) {
      if (stopped) return;
      const poller = new AccountPoller(account, records, starter, options.config.poll);
      try {
        const tallies = await poller.pollOnce();
        options.logger.info({ accountId: account.accountId, tallies }, 'intake poll done');
      } catch (error) {
        options.logger.warn({ err: error, accountId: account.accountId }, 'intake poll failed');
      }
    }
  };
  // One account after another: polls of one account never overlap, and each account's own
  // rate limits are met by its own clients.
  const loops = polling
    ? [
        repeat(
          options.config.pollIntervalMs,
          () => stopped,
          () => pollEach().catch((error) => options.logger.warn({ err: error }, 'intake failed')),
        ),
      ]
    : [];
  if (options.notifications) {
    const intake = new NotificationIntake(options.notifications, {
      database: options.database,
      temporal: options.temporal,
      records,
      starter,
      accounts: options.accounts,
    });
    loops.push(
      repeat(
        0,
        () => stopped,
        async () => {
          try {
            await intake.drainOnce(NOTIFICATION_WAIT_SECONDS);
          } catch (error) {
            options.logger.warn({ err: error }, 'notification intake failed');
            await new Promise((resolve) => setTimeout(resolve, NOTIFICATION_RETRY_MS));
          }
        },
      ),
    );
  }
  return {
    async stop() {
      stopped = true;
      await Promise.all(loops.map((loop) => loop.stop()));
    },
  };
}

/** Runs `work` now and then `everyMs` after each run ends, until `done()`. */
function repeat(everyMs: number, done: () => boolean, work: () => Promise<void>) {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const next = () => {
    if (done()) return;
    running = work().then(() => {
      if (!done()) timer = setTimeout(next, everyMs);
    });
  };
  next();
  return {
    async stop() {
      clearTimeout(timer);
      await running;
    },
  };
}
