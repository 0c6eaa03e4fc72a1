import { currentLocale, i18n } from '../i18n/i18n.ts';

/**
 * A moment in the reader's own time zone, with the zone named ("CST", "GMT+8") so a time read
 * aloud to a colleague elsewhere cannot be mistaken; `utc` shows it in UTC for audit work.
 */
export function formatInstant(iso: string | undefined, options: { utc?: boolean } = {}): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(currentLocale(), {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    timeZoneName: 'short',
    ...(options.utc && { timeZone: 'UTC' }),
  }).format(new Date(iso));
}

/** "in 3 h", "2 d ago": how far an SLA due date is from now. */
export function relativeToNow(iso: string, now = Date.now()): string {
  const minutes = Math.round((new Date(iso).getTime() - now) / 60_000);
  const size = Math.abs(minutes);
  const span =
    size < 60
      ? i18n.t('time.minutes', { n: size })
      : size < 48 * 60
        ? i18n.t('time.hours', { n: Math.round(size / 60) })
        : i18n.t('time.days', { n: Math.round(size / 1440) });
  return minutes >= 0 ? i18n.t('time.inFuture', { span }) : i18n.t('time.inPast', { span });
}

export function formatAmounts(amounts: Record<string, number> | undefined): string {
  const entries = Object.entries(amounts ?? {});
  if (entries.length === 0) return '—';
  return entries
    .map(([currency, amount]) => {
      try {
        return new Intl.NumberFormat(currentLocale(), { style: 'currency', currency }).format(
          amount,
        );
      } catch {
        return `${amount} ${currency}`;
      }
    })
    .join(', ');
}
