import { afterEach, describe, expect, it } from 'vitest';
import { ISSUE } from '#flow-language';
import { problemText } from '../../../designer/src/flows/problems-panel.tsx';
import { chooseLanguage } from '../../../designer/src/i18n/i18n.ts';

describe('flow problems in Chinese', () => {
  afterEach(() => chooseLanguage('en'));

  it('words every problem code of the flow language, none left in the server’s English', () => {
    chooseLanguage('zh-CN');
    const english = 'ENGLISH FALLBACK';
    const untranslated = Object.values(ISSUE).filter(
      (code) =>
        problemText({ code, nodeId: 'n1', field: 'inputs.x', message: english }) === english,
    );
    expect(untranslated).toEqual([]);
  });

  it('names a record built for an input that takes no object', () => {
    chooseLanguage('zh-CN');
    const issue = {
      code: ISSUE.actionRecordNotObject,
      nodeId: 'tell',
      field: 'inputs.label',
      message: 'Action (tell) builds a record for "label", …',
    };
    expect(problemText(issue)).toBe('动作 tell 为不接受对象的输入构造了记录（inputs.label）。');
  });
});
