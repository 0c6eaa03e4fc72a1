import type { Logger } from '#platform/logger';
import { everyInterval } from '../periodic-round.ts';
import type { AuditLog } from './audit-log.ts';

/**
 * Publishes the audit log's head now and then every `intervalSeconds`, so at most that much of
 * the log's tail can be cut unnoticed. A failed publication is logged and retried next time.
 */
export function startAuditHeadPublisher(
  deps: { auditLog: AuditLog; logger: Logger },
  intervalSeconds: number,
): () => void {
  return everyInterval(
    intervalSeconds,
    async () => {
      const head = await deps.auditLog.publishHead();
      if (head) deps.logger.debug({ sequence: head.sequence }, 'published the audit log head');
    },
    (error) =>
      deps.logger.error({ err: error }, 'audit head not published; retrying at the next interval'),
  );
}
