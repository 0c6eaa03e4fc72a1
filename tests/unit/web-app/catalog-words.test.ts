import { afterEach, describe, expect, it } from 'vitest';
import { HANDLE } from '#flow-language';
import { cardExits, labelWidth } from '../../../designer/src/flows/card-size.ts';
import {
  activityDescription,
  activityTitle,
  portLabel,
  systemName,
} from '../../../designer/src/flows/catalog-words.ts';
import { en } from '../../../designer/src/i18n/en.ts';
import { chooseLanguage } from '../../../designer/src/i18n/i18n.ts';
import { zhCN } from '../../../designer/src/i18n/zh-CN.ts';
import { activityCatalog } from '../../../worker/activities/catalog.ts';

type Titles = Record<string, Record<string, string> | undefined>;
const titleIn = (titles: Titles, name: string) => {
  const [system = '', activity = ''] = name.split('.');
  return titles[system]?.[activity];
};

afterEach(() => chooseLanguage('en'));

describe('the catalog and the exits in the reader’s language', () => {
  it('has an English and a Chinese title for every catalog activity', () => {
    const untitled = activityCatalog
      .filter((activity) => !titleIn(zhCN.activityTitles, activity.name))
      .map((activity) => activity.name);
    expect(untitled).toEqual([]);
    for (const activity of activityCatalog) {
      // English is the catalog's own title, so the palette reads the same as the API.
      expect(titleIn(en.activityTitles, activity.name), activity.name).toBe(activity.title);
    }
  });

  it('has an English and a Chinese description for every catalog activity', () => {
    const undescribed = activityCatalog
      .filter((activity) => !titleIn(zhCN.activityDescriptions, activity.name))
      .map((activity) => activity.name);
    expect(undescribed).toEqual([]);
    for (const activity of activityCatalog) {
      // English is the catalog's own description, so the hover text reads the same as the API.
      expect(titleIn(en.activityDescriptions, activity.name), activity.name).toBe(
        activity.description,
      );
    }
  });

  it('shows activity descriptions in the reader’s language, a new activity’s in English', () => {
    const refund = activityCatalog.find((activity) => activity.name === 'marketplace.issueRefund');
    if (!refund) throw new Error('no issueRefund in the catalog');
    expect(activityDescription(refund)).toBe(refund.description);
    chooseLanguage('zh-CN');
    expect(activityDescription(refund)).toContain('退款');
    const newThing = { name: 'vendor.newThing', description: 'Does a new thing.' };
    expect(activityDescription(newThing)).toBe('Does a new thing.');
  });

  it('shows activity titles and built-in exits in Chinese, case exits by their own name', () => {
    const refund = activityCatalog.find((activity) => activity.name === 'marketplace.issueRefund');
    if (!refund) throw new Error('no issueRefund in the catalog');
    expect(activityTitle(refund)).toBe('Issue refund');
    expect(portLabel('approved')).toBe('approved');
    chooseLanguage('zh-CN');
    expect(activityTitle(refund)).toBe('发起退款');
    expect(systemName('marketplace')).toBe('电商平台');
    expect(activityTitle({ name: 'vendor.newThing', title: 'New thing' })).toBe('New thing');
    for (const port of Object.values(HANDLE)) expect(portLabel(port), port).not.toBe(port);
    expect(portLabel('highValue')).toBe('highValue');
  });

  it('makes each exit’s slot as wide as its translated label needs', () => {
    expect(labelWidth('下一步')).toBe(30);
    expect(labelWidth('next')).toBe(26);
    chooseLanguage('zh-CN');
    const { slots } = cardExits(['next', 'error']);
    const next = slots.find((slot) => slot.port === 'next');
    // Three 10px characters and the slot's padding: "next" in Latin letters would need less.
    expect(next?.width).toBeGreaterThanOrEqual(30 + 12);
    const wide = cardExits(['next', 'error', 'approved', 'rejected', 'timeout', 'default']);
    for (const slot of wide.slots) {
      expect(slot.width, slot.port).toBeGreaterThanOrEqual(labelWidth(portLabel(slot.port)));
    }
  });
});
