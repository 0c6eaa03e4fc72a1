import { i18n } from '../i18n/i18n.ts';
import type { ChainVerdict } from './audit-api.ts';

/** Says whether the chain reaches the head published outside the database, and if not, what is cut. */
export function chainVerdictText(verdict: ChainVerdict): string {
  const { t } = i18n;
  const published = verdict.publishedHead
    ? t('audit.chainPublished', {
        sequence: verdict.publishedHead.sequence,
        at: verdict.publishedHead.publishedAt,
      })
    : t('audit.chainNotPublished');
  if (verdict.ok) {
    const head = verdict.headHash.slice(0, 12);
    return t('audit.chainIntact', { entries: verdict.entries, head, published });
  }
  if (verdict.missingTail) {
    const { from, to } = verdict.missingTail;
    return t('audit.chainTailCut', { from, to, entries: verdict.entries, published });
  }
  return t('audit.chainBroken', {
    sequence: verdict.brokenAt?.sequence ?? '',
    reason: verdict.brokenAt?.reason ?? '',
  });
}
