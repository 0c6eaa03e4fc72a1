import { fillTemplate, messageCodes } from './message-template.ts';

/**
 * A change between two versions of a flow as a code and its values, so each reader words it in
 * their own language: the web app from its en and zh-CN messages, the server (audit log) in
 * English from the messages below. Values are names and numbers as the flow holds them, amounts
 * already in the currency's units; `kind`, `kindBefore` and `kindAfter` name a node kind and
 * `dimension` a scope dimension, which readers translate too.
 */
export const FLOW_CHANGE_MESSAGES_EN = {
  'name-changed': 'name: "{{before}}" → "{{after}}"',
  'scope-changed': 'scope, {{dimension}}: {{before}} → {{after}}',
  'scope-set': 'scope, {{dimension}}: only {{after}}',
  'scope-cleared': 'scope, {{dimension}}: no longer only {{before}}',
  'input-added': 'new input: {{input}}',
  'required-input-added': 'new required input: {{input}}',
  'input-now-required': '{{input}} now required',
  'input-no-longer-required': '{{input}} no longer required',
  'input-removed': 'input removed: {{input}}',
  'threshold-changed': '{{rule}} threshold {{before}} → {{after}}',
  'rule-changed': '{{rule}}: the rule changed',
  'case-added': 'new rule: {{rule}}',
  'case-removed': '{{rule}}: no longer applies',
  'approvals-required-changed': '{{approval}}: approvals required {{before}} → {{after}}',
  'assignee-changed': '{{approval}}: decided by {{before}} → {{after}}',
  'sla-changed': '{{approval}}: SLA {{before}} h → {{after}} h',
  'sla-added': '{{approval}}: SLA {{after}} h',
  'sla-removed': '{{approval}}: no SLA (was {{before}} h)',
  'form-field-added': '{{approval}}: new form field "{{field}}"',
  'required-form-field-added': '{{approval}}: new required form field "{{field}}"',
  'form-field-now-required': '{{approval}}: "{{field}}" now required',
  'form-field-no-longer-required': '{{approval}}: "{{field}}" no longer required',
  'form-field-removed': '{{approval}}: form field "{{field}}" removed',
  'approval-added': 'new approval: {{assignee}}, {{count}} approvals required',
  'step-added': 'new step: {{activity}}',
  'subflow-added': 'new subflow: {{flow}} v{{version}}',
  'latest-subflow-added': 'new subflow: {{flow}}, its latest version',
  'node-added': 'new {{kind}}: {{node}}',
  'approval-removed': 'approval removed: {{approval}}',
  'step-removed': 'no longer calls {{activity}} ({{node}})',
  'node-removed': '{{kind}} removed: {{node}}',
  'node-kind-changed': '{{node}}: {{kindBefore}} → {{kindAfter}}',
  'activity-changed': '{{node}}: calls {{after}} instead of {{before}}',
  'trigger-changed': 'trigger: {{before}} → {{after}}',
  'trigger-set': 'trigger: {{after}}',
  'trigger-cleared': 'trigger: none (was {{before}})',
  'outcome-changed': '{{node}}: outcome {{before}} → {{after}}',
  'edge-retargeted': '{{from}} now leads to {{to}} instead of {{before}}',
  'port-retargeted': '{{from}} ({{port}}) now leads to {{to}} instead of {{before}}',
} as const;

export type FlowChangeCode = keyof typeof FLOW_CHANGE_MESSAGES_EN;
export const FLOW_CHANGE_CODES = messageCodes(FLOW_CHANGE_MESSAGES_EN);

export type FlowChangeParams = Record<string, string | number>;

export interface FlowChange {
  code: FlowChangeCode;
  params: FlowChangeParams;
}

/** Params naming a node kind or a scope dimension: words a reader translates, not names. */
export const KIND_PARAMS = ['kind', 'kindBefore', 'kindAfter'] as const;
export const DIMENSION_PARAM = 'dimension';

/** The change in English, for the audit log and API readers without a language of their own. */
export function changeInEnglish({ code, params }: FlowChange): string {
  return fillTemplate(FLOW_CHANGE_MESSAGES_EN[code], params);
}
