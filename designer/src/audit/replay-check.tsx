import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReplayVerdict } from '#api-contract/audit';
import { reasonOf } from '../session/use-loaded.ts';
import { auditApi } from './audit-api.ts';

/** Replays the case's recorded history against today's workflow code and says whether it matches. */
export function ReplayCheck({ caseId }: { caseId: string }) {
  const [verdict, setVerdict] = useState<ReplayVerdict>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const { t } = useTranslation();
  const verify = async () => {
    setBusy(true);
    setError(undefined);
    try {
      setVerdict(await auditApi.verifyReplay(caseId));
    } catch (failure) {
      setError(reasonOf(failure));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="check">
      <button type="button" onClick={verify} disabled={busy} data-testid="verify-replay">
        {busy ? t('audit.replaying') : t('audit.verifyReplay')}
      </button>
      {error && <span className="bad">{error}</span>}
      {verdict && (
        <span className={verdict.ok ? 'verdict ok' : 'verdict bad'} data-testid="replay-verdict">
          {verdict.ok
            ? t('audit.replayPassed', {
                runs: verdict.runsChecked,
                hash: verdict.historyHash.slice(0, 12),
              })
            : t('audit.replayFailed', {
                kind: verdict.divergence?.kind ?? 'unknown',
                message: verdict.divergence?.message ?? '',
              })}
        </span>
      )}
    </div>
  );
}
