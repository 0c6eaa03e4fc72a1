import { afterEach, describe, expect, it } from 'vitest';
import { HANDLE } from '#flow-language';
import { cardExits, labelWidth } from '../../../designer/src/flows/card-size.ts';
import {
  activityDescription,
  activityInputHint,
  activityOutputHint,
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

type Hints = Record<string, Record<string, Record<string, string> | undefined> | undefined>;
const hintIn = (hints: Hints, name: string, field: string) => {
  const [system = '', activity = ''] = name.split('.');
  return hints[system]?.[activity]?.[field];
};

/** Every catalog field that has a description, as "activity field" and its English text. */
function describedFields(side: 'inputs' | 'output') {
  return activityCatalog.flatMap((activity) =>
    Object.entries(activity[side]).flatMap(([field, spec]) =>
      spec.description === undefined
        ? []
        : [{ activity: activity.name, field, description: spec.description }],
    ),
  );
}

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

  for (const [side, block] of [
    ['inputs', 'activityInputHints'],
    ['output', 'activityOutputHints'],
  ] as const) {
    it(`has an English and a Chinese text for every described catalog ${side} field`, () => {
      const fields = describedFields(side);
      expect(fields.length).toBeGreaterThan(0);
      const untranslated = fields
        .filter(({ activity, field }) => !hintIn(zhCN[block], activity, field))
        .map(({ activity, field }) => `${activity} ${field}`);
      expect(untranslated).toEqual([]);
      // English is the catalog's own description, so the inspector reads the same as the API.
      const differing = fields
        .filter(({ activity, field, description }) => {
          return hintIn(en[block], activity, field) !== description;
        })
        .map(({ activity, field }) => `${activity} ${field}`);
      expect(differing).toEqual([]);
    });
  }

  it('gives input and output hints in the reader’s language, a new field’s in English', () => {
    const facts = activityCatalog.find(
      (activity) => activity.name === 'marketplace.readReturnFacts',
    );
    if (!facts) throw new Error('no readReturnFacts in the catalog');
    expect(activityInputHint(facts, 'quantity')).toBe('Units returned (default: all)');
    expect(activityOutputHint(facts, 'refundedCents')).toBe('Already refunded on this item');
    expect(activityOutputHint(facts, 'orderId')).toBeUndefined();
    chooseLanguage('zh-CN');
    expect(activityInputHint(facts, 'quantity')).toBe('退回数量（默认：全部）');
    expect(activityOutputHint(facts, 'refundedCents')).toBe('该商品已退款的金额');
    const newThing = {
      name: 'vendor.newThing',
      inputs: { sku: { type: 'string' as const, required: true, description: 'The SKU' } },
      output: { units: { type: 'integer' as const, required: true, description: 'Units left' } },
    };
    expect(activityInputHint(newThing, 'sku')).toBe('The SKU');
    expect(activityOutputHint(newThing, 'units')).toBe('Units left');
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
