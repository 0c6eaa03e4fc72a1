import { afterEach, describe, expect, it } from 'vitest';
import { ApiRequestError } from '../../../designer/src/api/client.ts';
import { chooseLanguage } from '../../../designer/src/i18n/i18n.ts';
import { refusalInWords, refusalText } from '../../../designer/src/inbox/refusal-words.ts';

const names: Record<string, string> = { 'reviewer-rob': 'Rob Reviewer' };
const nameOf = (id: string | undefined) => (id && names[id]) || id || '—';

describe('refusals on a task, in words for people', () => {
  afterEach(() => chooseLanguage('en'));

  it('names people instead of ids and says what to do', () => {
    expect(refusalInWords('reviewer-rob has already decided this task.', nameOf)).toBe(
      'Rob Reviewer already decided this task; each person decides once.',
    );
    expect(refusalInWords('The task is claimed by reviewer-rob.', nameOf)).toBe(
      'Rob Reviewer is working on this task (claimed).',
    );
    expect(refusalInWords('The requester may not decide their own request.', nameOf)).toBe(
      'You asked for this case yourself, so someone else has to decide it.',
    );
    expect(refusalInWords('The form field "Grade" is required.', nameOf)).toBe(
      'Fill in “Grade” first.',
    );
  });

  it('speaks Chinese when the reader does', () => {
    chooseLanguage('zh-CN');
    const refused = new ApiRequestError(
      409,
      'decision_refused',
      'reviewer-rob has already decided this task.',
    );
    expect(refusalText(refused, nameOf)).toBe(
      'Rob Reviewer 已对此任务做出决定；每人只能决定一次。',
    );
  });

  it('leaves an unknown refusal to the server’s own words', () => {
    const odd = new ApiRequestError(409, 'conflict', 'Something new went wrong.');
    expect(refusalInWords(odd.message, nameOf)).toBeUndefined();
    expect(refusalText(odd, nameOf)).toBe('Something new went wrong.');
  });
});
