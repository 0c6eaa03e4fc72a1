import type { ChainVerdict } from './audit-api.ts';

/** Says whether the chain reaches the head published outside the database, and if not, what is cut. */
export function chainVerdictText(verdict: ChainVerdict): string {
  const published = verdict.publishedHead
    ? `, published head #${verdict.publishedHead.sequence} of ${verdict.publishedHead.publishedAt}`
    : ', no head published yet';
  if (verdict.ok) {
    return `Chain intact and signed: ${verdict.entries} entries, head ${verdict.headHash.slice(0, 12)}…${published}`;
  }
  if (verdict.missingTail) {
    const { from, to } = verdict.missingTail;
    return `Tail cut: entries #${from} to #${to} are missing (the log ends at #${verdict.entries}${published})`;
  }
  return `Chain broken at #${verdict.brokenAt?.sequence}: ${verdict.brokenAt?.reason}`;
}
