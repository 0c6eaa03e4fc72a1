import { ApiRequestError } from '../api/client.ts';
import { i18n } from '../i18n/i18n.ts';
import { reasonOf } from '../session/use-loaded.ts';

type NameOf = (userId: string | undefined) => string;

interface Pattern {
  match: RegExp;
  /** Key under `inbox.refusals`; the groups fill its placeholders in order. */
  key: string;
  params: (groups: string[], nameOf: NameOf) => Record<string, string>;
}

const none = () => ({});

// The engine and the API refuse in fixed English sentences that name people by id; these turn
// them into sentences for people, in the reader's language, with names.
const PATTERNS: Pattern[] = [
  { match: /^Task ".+" is already closed\.$/, key: 'closed', params: none },
  { match: /^The task is already (.+)\.$/, key: 'closed', params: none },
  { match: /^There is no task ".+" in this case\.$/, key: 'noTask', params: none },
  { match: /^The requester may not decide their own request\.$/, key: 'ownRequest', params: none },
  {
    match: /^(.+) has already decided this task\.$/,
    key: 'alreadyDecided',
    params: ([who = ''], nameOf) => ({ name: nameOf(who) }),
  },
  { match: /^A rejection needs a comment that says why\.$/, key: 'needsComment', params: none },
  {
    match: /^This task is for (.+); .+ is not in it\.$/,
    key: 'notYours',
    params: ([needed = '']) => ({ needed }),
  },
  {
    match: /^The form field "(.+)" is required\.$/,
    key: 'fieldRequired',
    params: ([field = '']) => ({ field }),
  },
  {
    match: /^The form field "(.+)" expects an? (.+)\.$/,
    key: 'fieldType',
    params: ([field = '', type = '']) => ({ field, type }),
  },
  {
    match: /^The form has no field "(.+)"\.$/,
    key: 'unknownField',
    params: ([field = '']) => ({ field }),
  },
  {
    match: /^The task is claimed by (.+)\.$/,
    key: 'claimedByOther',
    params: ([who = ''], nameOf) => ({ name: nameOf(who) }),
  },
  {
    match: /^This task is not assigned to your roles or groups\.$/,
    key: 'notAssigned',
    params: none,
  },
];

/**
 * A refusal of a decision or claim in words for people ("Rob Reviewer has already decided this
 * task"), translated; undefined when the sentence is not one of the known refusals.
 */
export function refusalInWords(message: string, nameOf: NameOf): string | undefined {
  for (const pattern of PATTERNS) {
    const found = pattern.match.exec(message);
    if (found) {
      const params = pattern.params(found.slice(1), nameOf);
      return String(i18n.t(`inbox.refusals.${pattern.key}` as never, params as never));
    }
  }
  return undefined;
}

/** Why an action on a task failed, for people: a known refusal in words, else the server's reason. */
export function refusalText(failure: unknown, nameOf: NameOf): string {
  if (failure instanceof ApiRequestError) {
    const worded = refusalInWords(failure.message, nameOf);
    if (worded) return worded;
  }
  return reasonOf(failure);
}
