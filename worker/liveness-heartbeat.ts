import type { Context } from '@temporalio/activity';
import type { ActivityInterceptors } from '@temporalio/worker';

/**
 * Heartbeats for every activity that runs with a heartbeat timeout, whatever the activity
 * does. The beat says "this worker is alive", not "progress was made": when a worker is
 * killed, Temporal retries its activities on another worker after the heartbeat timeout
 * instead of after the whole start-to-close timeout (15 minutes for a refund).
 * The SDK throttles the beats it sends to the server to 80 % of the timeout.
 */
export function livenessHeartbeat(context: Context): ActivityInterceptors {
  return {
    inbound: {
      async execute(input, next) {
        const timeoutMs = context.info.heartbeatTimeoutMs;
        if (!timeoutMs) return next(input);
        const beat = setInterval(() => context.heartbeat(), Math.max(100, timeoutMs / 4));
        try {
          return await next(input);
        } finally {
          clearInterval(beat);
        }
      },
    },
  };
}
