import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { reasonOf } from '../session/use-loaded.ts';
import { type FlowIntakeAnswer, flowsApi } from './flows-api.ts';

interface ArchiveConfirmationProps {
  flowKey: string;
  onConfirm(): void;
  onCancel(): void;
}

/** Archiving turns the flow's cases away: say how many it takes before doing it. */
export function ArchiveConfirmation({ flowKey, onConfirm, onCancel }: ArchiveConfirmationProps) {
  const { t } = useTranslation();
  const [intake, setIntake] = useState<FlowIntakeAnswer>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    flowsApi.intake(flowKey).then(setIntake, (failure: unknown) => setError(reasonOf(failure)));
  }, [flowKey]);
  return (
    <div className="archive-confirmation" role="alertdialog" data-testid="archive-confirmation">
      <p>
        {intake
          ? t('publish.archiveQuestion', {
              flow: flowKey,
              cases: intake.cases,
              days: intake.days,
              perDay: intake.perDay,
            })
          : (error ?? t('publish.loading'))}
      </p>
      <p className="muted">{t('publish.archiveMeaning')}</p>
      <button type="button" onClick={onConfirm} disabled={!intake} data-testid="archive-confirm">
        {t('publish.archiveConfirm')}
      </button>{' '}
      <button type="button" onClick={onCancel} data-testid="archive-cancel">
        {t('publish.cancel')}
      </button>
    </div>
  );
}
