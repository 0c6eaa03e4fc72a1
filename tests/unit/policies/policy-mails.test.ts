import { describe, expect, it } from 'vitest';
import { type ActionNode, isRecordMapping } from '#flow-language';
import { SHIPPED_POLICY_KEYS, shippedPolicy } from '../../../policies/shipped-policies.ts';
import { activityCatalog } from '../../../worker/activities/catalog.ts';
import {
  BUYER_LANGUAGES,
  TEAM_LANGUAGES,
} from '../../../worker/activities/notify/mail-languages.ts';
import { de } from '../../../worker/activities/notify/mail-templates/de.ts';
import { en } from '../../../worker/activities/notify/mail-templates/en.ts';
import { ja } from '../../../worker/activities/notify/mail-templates/ja.ts';
import { zhCN } from '../../../worker/activities/notify/mail-templates/zh-CN.ts';
import { placeholders } from '../../../worker/activities/notify/mail-templates.ts';

type Texts = Record<string, Record<string, { subject: string; text: string } | undefined>>;
const TEMPLATES: Record<string, Texts> = { en, de, ja, 'zh-CN': zhCN } as Record<string, Texts>;
const LANGUAGES = { buyer: BUYER_LANGUAGES, team: TEAM_LANGUAGES };

const mailNodes = SHIPPED_POLICY_KEYS.flatMap((key) =>
  shippedPolicy(key, activityCatalog)
    .nodes.filter((node): node is ActionNode => node.kind === 'action')
    .filter((node) => node.activity === 'notify.sendEmail')
    .map((node) => [`${key} ${node.id}`, node] as const),
);

describe('mails of the shipped policies', () => {
  it('are there to check', () => {
    expect(mailNodes.length).toBeGreaterThanOrEqual(14);
  });

  it.each(mailNodes)('%s is a written template, with no inline text', (_name, node) => {
    expect(
      Object.keys(node.inputs).filter((input) => ['subject', 'text', 'html'].includes(input)),
    ).toEqual([]);
    expect(node.inputs.template).toMatch(/^(buyer|team)\.[A-Za-z]+$/);
  });

  it.each(mailNodes)(
    '%s exists in every language of its readers, with every value it needs',
    (_name, node) => {
      const [audience = '', name = ''] = String(node.inputs.template).split('.') as [
        'buyer' | 'team',
        string,
      ];
      if (audience === 'buyer')
        expect(node.inputs.marketplace).toEqual({ var: ['case.marketplace', ''] });
      const values = node.inputs.values;
      if (!isRecordMapping(values)) throw new Error('values is not a record');
      for (const language of LANGUAGES[audience as 'buyer' | 'team']) {
        const texts = TEMPLATES[language]?.[audience]?.[name];
        expect(texts, `${language} ${audience}.${name}`).toBeDefined();
        for (const part of [texts?.subject ?? '', texts?.text ?? '']) {
          for (const placeholder of placeholders(part)) {
            const [value = '', format] = placeholder.split(', ');
            expect(Object.keys(values.fields), `${language} needs ${value}`).toContain(value);
            if (format) expect(Object.keys(values.fields)).toContain('currency');
          }
        }
      }
    },
  );
});
