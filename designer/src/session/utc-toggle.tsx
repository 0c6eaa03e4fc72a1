import { useTranslation } from 'react-i18next';

export function UtcToggle({ utc, onChange }: { utc: boolean; onChange: (utc: boolean) => void }) {
  const { t } = useTranslation();
  return (
    <label className="field-check">
      <input
        type="checkbox"
        checked={utc}
        onChange={(event) => onChange(event.target.checked)}
        data-testid="utc-toggle"
      />
      {t('time.showUtc')}
    </label>
  );
}
