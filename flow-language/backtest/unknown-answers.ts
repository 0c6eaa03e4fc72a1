import { fillTemplate, messageCodes } from '../message-template.ts';

/**
 * Why a backtest cannot answer a case from its own record, as a code and its values: the web
 * app words it in the reader's language from its en and zh-CN messages, the API says it in
 * English from these.
 */
export const UNKNOWN_ANSWER_MESSAGES_EN = {
  'input-not-accepted':
    "the case's input does not fit the flow's inputs: {{fields}} ({{problems}})",
  'never-called': 'the case never called {{activity}} here: no result to answer it with',
  'results-not-recorded':
    "the case's trail predates recorded activity results: no result to answer {{activity}} with",
  'other-activity': 'the case called {{recorded}} here, the flow now calls {{activity}}',
  'other-inputs': 'the flow now calls {{activity}} with other inputs than the case did',
  'review-never-had': 'a review by {{role}} the case never had',
  'new-form-field': 'the form field "{{field}}" is new: no reviewer filled it in',
  'too-few-approvers': 'needs {{required}} approver(s); the case had {{had}}',
  'no-subflow-end': 'no recorded end of subflow {{flowKey}}',
} as const;

export type UnknownAnswerCode = keyof typeof UNKNOWN_ANSWER_MESSAGES_EN;
export const UNKNOWN_ANSWER_CODES = messageCodes(UNKNOWN_ANSWER_MESSAGES_EN);

export interface UnknownAnswer {
  code: UnknownAnswerCode;
  values: Record<string, string | number>;
}

export function unknownAnswerInEnglish({ code, values }: UnknownAnswer): string {
  return fillTemplate(UNKNOWN_ANSWER_MESSAGES_EN[code], values);
}
