import { i18n } from '../i18n/i18n.ts';

/** How long a task has waited since it opened ("2 h"); never "in 0 min" for one opened now. */
export function waitingFor(openedAt: string, now = Date.now()): string {
  const minutes = Math.max(0, Math.floor((now - new Date(openedAt).getTime()) / 60_000));
  if (minutes < 60) return i18n.t('time.minutes', { n: minutes });
  if (minutes < 48 * 60) return i18n.t('time.hours', { n: Math.floor(minutes / 60) });
  return i18n.t('time.days', { n: Math.floor(minutes / 1440) });
}
