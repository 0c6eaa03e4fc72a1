import { useTranslation } from 'react-i18next';

interface DateRangeInputsProps {
  from: string;
  to: string;
  onFrom(value: string): void;
  onTo(value: string): void;
  /** `audit-filter` → `audit-filter-from`, `audit-filter-to`. */
  testIdPrefix: string;
}

/** The "from … to …" day pickers of the oversight screens (audit log, metrics). */
export function DateRangeInputs({ from, to, onFrom, onTo, testIdPrefix }: DateRangeInputsProps) {
  const { t } = useTranslation();
  return (
    <>
      <label>
        {t('oversight.from')}{' '}
        <input
          type="date"
          value={from}
          onChange={(e) => onFrom(e.target.value)}
          data-testid={`${testIdPrefix}-from`}
        />
      </label>
      <label>
        {t('oversight.to')}{' '}
        <input
          type="date"
          value={to}
          onChange={(e) => onTo(e.target.value)}
          data-testid={`${testIdPrefix}-to`}
        />
      </label>
    </>
  );
}
