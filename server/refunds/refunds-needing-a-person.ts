import type { RefundNeedingAPerson, RefundResolutionRequest } from '#api-contract/refunds';
import { caseModel } from '#platform/cases/case-record';
import { refundResult } from '../../worker/activities/marketplace/issue-refund.ts';
import {
  type RefundEvidence,
  refundEvidenceStore,
} from '../../worker/activities/marketplace/refund-evidence.ts';
import type {
  RefundIntentRecord,
  RefundState,
} from '../../worker/activities/marketplace/refund-intent-record.ts';
import { RefundIntents } from '../../worker/activities/marketplace/refund-intents.ts';
import type { ApiServices } from '../api-services.ts';
import { auditActor } from '../audit/audit-log.ts';
import { type ApiIdentity, isPerson } from '../auth/identity.ts';
import { restrictsCases, scopeCovers } from '../cases/case-scope.ts';
import { conflict, forbidden, notFound } from '../http/api-errors.ts';

/** Where each answer takes a refund in doubt, and what its outcome then says. */
const RESOLUTIONS: Record<RefundResolutionRequest['action'], { to: RefundState; says: string }> = {
  done: { to: 'done', says: 'Amazon paid it' },
  'not-sent': { to: 'failed', says: 'it never reached Amazon' },
  resend: { to: 'prepared', says: 'send it again' },
};

/** Refunds in doubt, and those a person asked to resend until they are sent. */
export async function refundsNeedingAPerson(
  services: ApiServices,
  caller: ApiIdentity,
): Promise<RefundNeedingAPerson[]> {
  const intents = new RefundIntents(services.database);
  const open = await intents.inStates(['needs-review', 'prepared', 'submitting', 'submitted']);
  const waiting = open.filter(
    (intent) => intent.state === 'needs-review' || intent.resolution?.action === 'resend',
  );
  const visible = await inScope(services, caller, waiting);
  const evidence = refundEvidenceStore(services.database);
  const answers = await Promise.all(
    visible.map(async (intent) => toAnswer(intent, await evidence.find(intent._id))),
  );
  return answers.sort((a, b) => a.since.localeCompare(b.since));
}

/** A person's answer: done, not sent, or resend. Only a refund in doubt can be resolved. */
export async function resolveRefund(
  services: ApiServices,
  caller: ApiIdentity,
  refundId: string,
  request: RefundResolutionRequest,
): Promise<RefundNeedingAPerson> {
  if (!isPerson(caller)) throw forbidden('Only a person may resolve a refund, not a token.');
  const intents = new RefundIntents(services.database);
  const intent = await intents.find(refundId);
  if (!intent || (await inScope(services, caller, [intent])).length === 0) {
    throw notFound('refund');
  }
  if (intent.state !== 'needs-review') {
    throw conflict(`The refund is ${intent.state}; only a refund in doubt can be resolved.`);
  }
  const { to, says } = RESOLUTIONS[request.action];
  const resolution = {
    action: request.action,
    by: caller.userId,
    note: request.note,
    at: new Date(),
  };
  const moved = await intents.move(refundId, 'needs-review', to, `${caller.userId}: ${says}`, {
    set: { resolution, outcome: `${says}, per ${caller.name}: ${request.note}` },
  });
  if (!moved) throw conflict('Someone resolved this refund meanwhile.');
  await services.auditLog.record({
    actor: auditActor(caller),
    action: 'refund.resolved',
    target: { kind: 'case', id: intent.caseId },
    details: { refundId, orderId: intent.orderId, resolution: request.action, note: request.note },
  });
  const evidence = await refundEvidenceStore(services.database).find(refundId);
  return toAnswer(await intents.get(refundId), evidence);
}

/** A caller limited to some brands, marketplaces or stores sees refunds of their cases only. */
async function inScope(
  services: ApiServices,
  caller: ApiIdentity,
  intents: RefundIntentRecord[],
): Promise<RefundIntentRecord[]> {
  if (!restrictsCases(caller.scope)) return intents;
  const cases = caseModel(services.database);
  const covered = await Promise.all(
    intents.map(async (intent) => {
      const record = await cases.findById(intent.caseId).lean();
      return record !== null && scopeCovers(caller.scope, record);
    }),
  );
  return intents.filter((_, index) => covered[index]);
}

function toAnswer(
  intent: RefundIntentRecord,
  evidence: RefundEvidence | null,
): RefundNeedingAPerson {
  const last = intent.history.at(-1);
  return {
    refundId: intent._id,
    caseId: intent.caseId,
    orderId: intent.orderId,
    account: intent.account,
    currency: intent.currency,
    amount: refundResult(intent).amount,
    state: intent.state,
    reason: intent.outcome ?? last?.note ?? '',
    since: (last?.at ?? intent.updatedAt).toISOString(),
    candidateFeedIds: intent.candidateFeedIds ?? [],
    amazonRecords: evidence
      ? {
          checkedAt: evidence.checkedAt.toISOString(),
          feeds: evidence.feeds,
          financialEvents: evidence.financialEvents,
        }
      : null,
    resolution: intent.resolution
      ? { ...intent.resolution, at: new Date(intent.resolution.at).toISOString() }
      : null,
  };
}
