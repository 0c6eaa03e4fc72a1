import { type Connection, trusted } from 'mongoose';
import type { PrivacyReport, PrivacyReportQuery } from '#api-contract/privacy';
import { caseModel } from '#platform/cases/case-record';
import { caseKeyModel } from '#platform/pii-vault';
import type { AccessScope } from '../auth/identity.ts';
import { restrictsCases, scopeFilter } from '../cases/case-scope.ts';
import { type PiiAccessRecord, privacyRecords } from './privacy-records.ts';

/**
 * The evidence a seller hands Amazon for a period: how many cases held buyer data, which were
 * erased, which are kept on legal hold, which keys were re-wrapped, and who saw buyer data in
 * clear (each reveal with its reason).
 */
export async function privacyReport(
  database: Connection,
  scope: AccessScope | undefined,
  period: PrivacyReportQuery,
  retentionSeconds: number,
): Promise<PrivacyReport> {
  const records = privacyRecords(database);
  const [allKeys, allErasures, allHolds, allRotations, allAccess] = await Promise.all([
    caseKeyModel(database).find(within('createdAt', period), { _id: 1 }).lean(),
    records.erasures.find().lean(),
    records.holds.find().sort({ since: 1 }).lean(),
    records.rotations.find(within('at', period)).sort({ at: 1 }).lean(),
    records.access.find(within('at', period)).sort({ at: 1 }).lean(),
  ]);
  // A scoped auditor's report counts only the cases their scope covers.
  const visible = await casesInScope(database, scope, [
    ...[...allKeys, ...allErasures, ...allHolds].map((r) => r._id),
    ...[...allRotations, ...allAccess].map((r) => r.caseId),
  ]);
  const liveKeys = allKeys.filter((r) => visible(r._id));
  const erasures = allErasures.filter((r) => visible(r._id));
  const holds = allHolds.filter((r) => visible(r._id));
  const rotations = allRotations.filter((r) => visible(r.caseId));
  const access = allAccess.filter((r) => visible(r.caseId));
  const inPeriod = (at: Date) =>
    (!period.from || at >= period.from) && (!period.to || at < period.to);
  return {
    ...(period.from && { from: period.from.toISOString() }),
    ...(period.to && { to: period.to.toISOString() }),
    retentionSeconds,
    casesWithPii: liveKeys.length + erasures.filter((e) => inPeriod(e.keyCreatedAt)).length,
    erased: erasures
      .filter((e) => inPeriod(e.erasedAt))
      .map((e) => ({ caseId: e._id, erasedAt: e.erasedAt.toISOString() })),
    onHold: holds.map((h) => ({
      caseId: h._id,
      heldBy: h.heldBy,
      reason: h.reason,
      since: h.since.toISOString(),
    })),
    keysRotated: rotations.map((r) => ({
      caseId: r.caseId,
      fromKeyId: r.fromKeyId,
      toKeyId: r.toKeyId,
      at: r.at.toISOString(),
    })),
    viewers: viewersOf(access),
  };
}

async function casesInScope(
  database: Connection,
  scope: AccessScope | undefined,
  caseIds: string[],
): Promise<(caseId: string) => boolean> {
  if (!restrictsCases(scope)) return () => true;
  const ids = [...new Set(caseIds)];
  const covered = await caseModel(database)
    .find({ _id: trusted({ $in: ids }), ...scopeFilter(scope) }, { _id: 1 })
    .lean();
  const inScope = new Set(covered.map((record) => record._id));
  return (caseId) => inScope.has(caseId);
}

function within(field: string, { from, to }: PrivacyReportQuery): Record<string, unknown> {
  if (!from && !to) return {};
  return { [field]: trusted({ ...(from && { $gte: from }), ...(to && { $lt: to }) }) };
}

function viewersOf(access: PiiAccessRecord[]): PrivacyReport['viewers'] {
  const byUser = new Map<string, PrivacyReport['viewers'][number]>();
  for (const entry of access) {
    const viewer = byUser.get(entry.userId) ?? {
      userId: entry.userId,
      views: 0,
      reveals: 0,
      caseIds: [],
      reasons: [],
    };
    if (entry.kind === 'reveal') viewer.reveals += 1;
    else viewer.views += 1;
    if (!viewer.caseIds.includes(entry.caseId)) viewer.caseIds.push(entry.caseId);
    if (entry.reason) viewer.reasons.push(entry.reason);
    byUser.set(entry.userId, viewer);
  }
  return [...byUser.values()];
}
