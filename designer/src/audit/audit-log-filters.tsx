import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { en } from '../i18n/en.ts';
import { currentLanguage, i18n } from '../i18n/i18n.ts';
import { DateRangeInputs } from '../session/date-range-inputs.tsx';

/** What the audit log is filtered by; `from` and `to` are instants (ISO), `to` exclusive. */
export interface LogFilters {
  action?: string;
  person?: string;
  from?: string;
  to?: string;
}

/** Every action the web app can name, as its code (`case.exported`). */
export const AUDIT_ACTIONS: readonly string[] = Object.entries(en.auditActions).flatMap(
  ([group, actions]) => Object.keys(actions).map((action) => `${group}.${action}`),
);

/**
 * The instant a day begins, in the zone the times are shown in: the reader's own, or UTC with
 * the toggle on. `dayAfter` gives the next day's start, so a "to" day counts whole.
 */
export function dayStart(day: string, utc: boolean, dayAfter = false): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return undefined;
  const [year, month, date] = match.slice(1).map(Number) as [number, number, number];
  const next = dayAfter ? 1 : 0;
  const start = utc
    ? new Date(Date.UTC(year, month - 1, date + next))
    : new Date(year, month - 1, date + next);
  return start.toISOString();
}

export function LogFilterBar({
  utc,
  onApply,
}: {
  utc: boolean;
  onApply: (filters: LogFilters) => void;
}) {
  const [action, setAction] = useState('');
  const [person, setPerson] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const { t } = useTranslation();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply({
      action: action || undefined,
      person: person.trim() || undefined,
      from: dayStart(from, utc),
      to: dayStart(to, utc, true),
    });
  };
  return (
    <form className="filters" onSubmit={submit} data-testid="audit-filters">
      <select
        value={action}
        onChange={(e) => setAction(e.target.value)}
        aria-label={t('audit.filterAction')}
        data-testid="audit-filter-action"
      >
        <option value="">{t('oversight.anyAction')}</option>
        {AUDIT_ACTIONS.map((code) => (
          <option key={code} value={code}>
            {actionLabel(code)}
          </option>
        ))}
      </select>
      <input
        placeholder={t('oversight.person')}
        value={person}
        onChange={(e) => setPerson(e.target.value)}
        data-testid="audit-filter-person"
      />
      <DateRangeInputs
        from={from}
        to={to}
        onFrom={setFrom}
        onTo={setTo}
        testIdPrefix="audit-filter"
      />
      <button type="submit" data-testid="audit-filter-apply">
        {t('audit.filter')}
      </button>
    </form>
  );
}

/** English readers filter by the code they see in the log; others by its meaning, code beside. */
function actionLabel(code: string): string {
  if (currentLanguage() === 'en') return code;
  return `${i18n.t(`auditActions.${code}` as never)} (${code})`;
}
