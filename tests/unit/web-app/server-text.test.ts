import { afterEach, describe, expect, it } from 'vitest';
import { ApiRequestError } from '../../../designer/src/api/client.ts';
import { problemText } from '../../../designer/src/flows/problems-panel.tsx';
import { chooseLanguage } from '../../../designer/src/i18n/i18n.ts';
import { reasonOf } from '../../../designer/src/session/use-loaded.ts';

const missingExit = {
  code: 'node.missing-edge',
  nodeId: 'n3',
  message: 'Decision "Within 7 days?" (n3) has no outgoing connection.',
};
const refusal = new ApiRequestError(409, 'decision_refused', 'A rejection needs a comment.');

describe('what the server says, in the reader’s language', () => {
  afterEach(() => chooseLanguage('en'));

  it('shows the server’s own English sentence in English', () => {
    expect(problemText(missingExit)).toBe(missingExit.message);
    expect(reasonOf(refusal)).toBe('A rejection needs a comment.');
  });

  it('translates known codes into Chinese, naming the node and keeping the engine’s reason', () => {
    chooseLanguage('zh-CN');
    expect(problemText(missingExit)).toBe('n3 没有出口。');
    expect(reasonOf(refusal)).toBe('引擎拒绝了此决定：A rejection needs a comment.');
  });

  it('falls back to the server’s English for a code the web app does not know yet', () => {
    chooseLanguage('zh-CN');
    expect(problemText({ code: 'node.brand-new', message: 'Something new.' })).toBe(
      'Something new.',
    );
    expect(reasonOf(new ApiRequestError(418, 'teapot', 'I am a teapot.'))).toBe('I am a teapot.');
  });
});
