import { afterEach, describe, expect, it } from 'vitest';
import { chooseLanguage, initialLanguage } from '../../../designer/src/i18n/i18n.ts';
import { formatInstant, relativeToNow } from '../../../designer/src/session/format.ts';

const at = '2026-03-04T05:06:07.000Z';

describe('times on screen', () => {
  afterEach(() => chooseLanguage('en'));

  it('names the time zone they are shown in', () => {
    expect(formatInstant(at, { utc: true })).toBe('Mar 4, 2026, 05:06:07 AM UTC');
    const local = formatInstant(at);
    const zone = new Intl.DateTimeFormat('en-US', { timeZoneName: 'short' })
      .formatToParts(new Date(at))
      .find((part) => part.type === 'timeZoneName')?.value;
    expect(zone).toBeTruthy();
    expect(local.endsWith(` ${zone}`)).toBe(true);
  });

  it('reads in Chinese once Chinese is chosen', () => {
    chooseLanguage('zh-CN');
    expect(formatInstant(at, { utc: true })).toBe('2026年3月4日 UTC 05:06:07');
    expect(relativeToNow(at, Date.parse(at) - 3 * 3_600_000)).toBe('3 小时后');
  });

  it('starts in the browser language unless the user chose one', () => {
    expect(initialLanguage(null, ['zh-CN', 'en'])).toBe('zh-CN');
    expect(initialLanguage(null, ['en-US'])).toBe('en');
    expect(initialLanguage('en', ['zh-TW'])).toBe('en');
    expect(initialLanguage(null, [])).toBe('en');
  });
});
