import { i18n } from '../i18n/i18n.ts';

/** A span of seconds in the unit a person reads at a glance. */
export function duration(seconds: number | null): string {
  if (seconds === null) return '—';
  if (seconds < 120) return i18n.t('time.seconds', { n: Math.round(seconds) });
  if (seconds < 7200) return i18n.t('time.minutes', { n: Math.round(seconds / 60) });
  return i18n.t('time.hours', { n: (seconds / 3600).toFixed(1) });
}
