const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

export function formatInstant(iso: string | undefined): string {
  return iso ? dateTime.format(new Date(iso)) : '—';
}

/** "in 3 h", "2 d ago": how far an SLA due date is from now. */
export function relativeToNow(iso: string, now = Date.now()): string {
  const minutes = Math.round((new Date(iso).getTime() - now) / 60_000);
  const size = Math.abs(minutes);
  const text =
    size < 60
      ? `${size} min`
      : size < 48 * 60
        ? `${Math.round(size / 60)} h`
        : `${Math.round(size / 1440)} d`;
  return minutes >= 0 ? `in ${text}` : `${text} ago`;
}

export function formatAmounts(amounts: Record<string, number> | undefined): string {
  const entries = Object.entries(amounts ?? {});
  if (entries.length === 0) return '—';
  return entries
    .map(([currency, amount]) => {
      try {
        return new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(amount);
      } catch {
        return `${amount} ${currency}`;
      }
    })
    .join(', ');
}
