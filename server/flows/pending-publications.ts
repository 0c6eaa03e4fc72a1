import type { FlowDefinition } from '#flow-language';
import { isDuplicateKey } from '#platform/database';
import type { ApprovalWeakening } from './approval-weakening.ts';
import {
  type flowRecords,
  type PendingPublicationRecord,
  pendingPublicationId,
} from './flow-records.ts';

/** Publishing would weaken approvals: held until another admin confirms `publicationId`. */
export class SecondAdminRequired extends Error {
  override name = 'SecondAdminRequired';

  constructor(readonly pending: PendingPublicationRecord) {
    super(
      `This version weakens who approves; another admin must confirm publication ${pending.contentHash}.`,
    );
  }
}

/** A weakening publication asked for by a token with no person behind it. */
export class WeakeningNeedsPerson extends Error {
  override name = 'WeakeningNeedsPerson';
  constructor() {
    super(
      'Only a signed-in admin (or a token acting for one) may publish a version that weakens who approves.',
    );
  }
}

/** The admin who asked for a weakening publication tried to confirm it too. */
export class SameAdminRefused extends Error {
  override name = 'SameAdminRefused';
  constructor() {
    super('A different admin must confirm a publication that weakens who approves.');
  }
}

/** A newer version was published since the request: the weakening was judged against an old one. */
export class PublicationOutdated extends Error {
  override name = 'PublicationOutdated';
  constructor(key: string) {
    super(`Flow "${key}" has a newer version since this was requested; publish again.`);
  }
}

type PendingModel = ReturnType<typeof flowRecords>['PendingPublication'];

export interface PublicationRequest {
  flow: FlowDefinition;
  contentHash: string;
  baseVersion: number;
  weakenings: ApprovalWeakening[];
  requestedBy: string;
  note?: string;
  backtestId?: string;
}

/**
 * Holds a weakening publication. The first request for some content stands (its requester is
 * the one who may not confirm it); one made against an older version is replaced.
 */
export async function holdForSecondAdmin(
  pending: PendingModel,
  request: PublicationRequest,
): Promise<SecondAdminRequired> {
  const record: PendingPublicationRecord = {
    _id: pendingPublicationId(request.flow.key, request.contentHash),
    key: request.flow.key,
    contentHash: request.contentHash,
    definition: request.flow,
    baseVersion: request.baseVersion,
    weakenings: request.weakenings,
    requestedBy: request.requestedBy,
    requestedAt: new Date(),
    ...(request.note && { note: request.note }),
    ...(request.backtestId && { backtestId: request.backtestId }),
  };
  const earlier = await pending.findById(record._id).lean();
  if (earlier?.baseVersion === record.baseVersion) return new SecondAdminRequired(earlier);
  if (earlier) await pending.deleteOne({ _id: record._id });
  try {
    await pending.create(record);
    return new SecondAdminRequired(record);
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    const winner = await pending.findById(record._id).lean();
    return new SecondAdminRequired(winner ?? record);
  }
}
