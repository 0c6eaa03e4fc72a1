import { describe, expect, it } from 'vitest';
import { en } from '../../../designer/src/i18n/en.ts';
import { zhCN } from '../../../designer/src/i18n/zh-CN.ts';

type Tree = { readonly [key: string]: string | Tree };

/** `{ a: { b: 'x' } }` → `[['a.b', 'x']]`: every message with its full key. */
function messagesOf(tree: Tree, prefix = ''): [string, string][] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string'
      ? [[`${prefix}${key}`, value]]
      : messagesOf(value, `${prefix}${key}.`),
  );
}

const placeholders = (message: string) =>
  [...message.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

const english = new Map(messagesOf(en));
const chinese = new Map(messagesOf(zhCN));

describe('the web app in English and Chinese', () => {
  it('has every key in both languages', () => {
    expect([...chinese.keys()].filter((key) => !english.has(key))).toEqual([]);
    expect([...english.keys()].filter((key) => !chinese.has(key))).toEqual([]);
  });

  it('leaves no message empty', () => {
    const empty = [...english, ...chinese].filter(([, message]) => message.trim() === '');
    expect(empty).toEqual([]);
  });

  it('fills the same placeholders in both languages', () => {
    const differing = [...english].filter(
      ([key, message]) =>
        JSON.stringify(placeholders(message)) !==
        JSON.stringify(placeholders(chinese.get(key) ?? '')),
    );
    expect(differing.map(([key]) => key)).toEqual([]);
  });

  it('is translated: Chinese text differs from English except for names and codes', () => {
    const same = [...english].filter(([key, message]) => chinese.get(key) === message);
    expect(same.map(([key]) => key).filter((key) => !SAME_IN_BOTH.has(key))).toEqual([]);
  });
});

/** Product names and notation read the same in both languages. */
const SAME_IN_BOTH = new Set(['app.brand', 'inspector.sla']);
