import { z } from 'zod';
import { canonicalJson } from './canonical-json.ts';
import { InputMappingSchema } from './input-mapping.ts';
import {
  ElementIdSchema,
  IdentifierSchema,
  JsonLogicRuleSchema,
  PositionSchema,
  SlugSchema,
} from './primitives.ts';

const nodeBase = {
  id: ElementIdSchema,
  label: z.string().optional(),
  // Designer layout only: excluded from the content hash and from semantic diffs.
  position: PositionSchema.optional(),
};

function exactlyOne(a: unknown, b: unknown): boolean {
  return (a === undefined) !== (b === undefined);
}

export const StartNodeSchema = z.strictObject({
  ...nodeBase,
  kind: z.literal('start'),
  /** Absent on a new flow until the admin picks one; publishing needs it (start.no-trigger). */
  trigger: z.string().min(1).optional(),
});
export type StartNode = z.infer<typeof StartNodeSchema>;

export const DecisionCaseSchema = z.strictObject({
  id: IdentifierSchema,
  label: z.string().optional(),
  when: JsonLogicRuleSchema,
});
export type DecisionCase = z.infer<typeof DecisionCaseSchema>;

export const DecisionNodeSchema = z
  .strictObject({
    ...nodeBase,
    kind: z.literal('decision'),
    condition: JsonLogicRuleSchema.optional(),
    // Evaluated in order; the first case whose rule is truthy wins, else the default edge.
    cases: z.array(DecisionCaseSchema).min(1).optional(),
  })
  .refine((node) => exactlyOne(node.condition, node.cases), {
    message: 'A decision needs either a condition or cases, not both',
    path: ['condition'],
  });
export type DecisionNode = z.infer<typeof DecisionNodeSchema>;

export const RetryPolicySchema = z
  .strictObject({
    maximumAttempts: z.int().min(1),
    initialIntervalSeconds: z.number().positive(),
    backoffCoefficient: z.number().min(1),
    maximumIntervalSeconds: z.number().positive(),
  })
  .refine((retry) => retry.maximumIntervalSeconds >= retry.initialIntervalSeconds, {
    message: 'maximumIntervalSeconds must be at least initialIntervalSeconds',
    path: ['maximumIntervalSeconds'],
  });
export type RetryPolicy = z.infer<typeof RetryPolicySchema>;

export const ActionNodeSchema = z.strictObject({
  ...nodeBase,
  kind: z.literal('action'),
  activity: z.string().min(1),
  inputs: z.record(IdentifierSchema, InputMappingSchema).default({}),
  resultVariable: IdentifierSchema.optional(),
  retry: RetryPolicySchema.optional(),
  timeoutSeconds: z.int().positive(),
});
export type ActionNode = z.infer<typeof ActionNodeSchema>;

export const AssigneeSchema = z.union([
  z.strictObject({ role: z.string().min(1) }),
  z.strictObject({ group: z.string().min(1) }),
  // The group is known only when the task opens, e.g. the staff of the store a return was
  // routed to: the expression must give a group name then, or the run stops at the node.
  z.strictObject({ groupFrom: JsonLogicRuleSchema }),
]);
export type Assignee = z.infer<typeof AssigneeSchema>;
/** Who an open task is for: a computed group is resolved by the time the task opens. */
export type TaskAssignee = Exclude<Assignee, { groupFrom: unknown }>;

/** Store staff carry the group `store.<storeId>` (group names allow letters, digits, ".", "_", "-"). */
export const STORE_STAFF_GROUP_PREFIX = 'store.';

/** A role or group by name; a computed group by its expression (JSON), as people compare them. */
export function assigneeName(assignee: Assignee): string {
  if ('role' in assignee) return assignee.role;
  if ('group' in assignee) return assignee.group;
  return canonicalJson(assignee.groupFrom);
}

/** "The staff of the store the return was routed to", given the routing step's result variable. */
export function routedStoreStaff(routeVariable: string): Assignee {
  return { groupFrom: { cat: [STORE_STAFF_GROUP_PREFIX, { var: `${routeVariable}.storeId` }] } };
}

export const FORM_FIELD_TYPES = ['string', 'number', 'boolean', 'text', 'select'] as const;

export const FormFieldSchema = z
  .strictObject({
    name: IdentifierSchema,
    label: z.string().min(1),
    type: z.enum(FORM_FIELD_TYPES),
    required: z.boolean().default(false),
    options: z.array(z.string().min(1)).min(1).optional(),
  })
  .refine((field) => (field.type === 'select') === (field.options !== undefined), {
    message: 'Select fields need options, and only select fields may have them',
    path: ['options'],
  });
export type FormField = z.infer<typeof FormFieldSchema>;

export const SlaSchema = z.strictObject({
  durationSeconds: z.int().positive(),
  // With a role, a breach reassigns the task and it stays open; without, the timeout edge is taken.
  escalateToRole: z.string().min(1).optional(),
});
export type Sla = z.infer<typeof SlaSchema>;

function uniqueNames(fields: readonly { name: string }[]): boolean {
  return new Set(fields.map((field) => field.name)).size === fields.length;
}

export const TaskPurposeSchema = z.enum(['decision', 'work']);
export type TaskPurpose = z.infer<typeof TaskPurposeSchema>;

export const ApprovalNodeSchema = z
  .strictObject({
    ...nodeBase,
    kind: z.literal('approval'),
    assignee: AssigneeSchema,
    title: z.string().min(1),
    form: z.array(FormFieldSchema).default([]),
    // Distinct people (four-eyes); the interpreter counts approvals by user id.
    approvalsRequired: z.int().min(1).default(1),
    forbidRequester: z.boolean().default(true),
    sla: SlaSchema.optional(),
    resultVariable: IdentifierSchema.optional(),
    // 'work' (a store grading a return) is done by people but decides nothing, so it does not
    // make a case "decided by people". Absent means 'decision': no default, so the content hash
    // of versions published before the field existed stays the same.
    purpose: TaskPurposeSchema.optional(),
    // Whole cents the inbox shows for the task (e.g. a refund total the run computed), read when
    // the task opens; a case input named `…Cents` needs none.
    amount: JsonLogicRuleSchema.optional(),
    // The ISO currency of `amount` (a currency read from Amazon's order, say), so the inbox
    // shows it in that currency's own units; a case input named `currency` needs none.
    amountCurrency: JsonLogicRuleSchema.optional(),
  })
  .refine((node) => uniqueNames(node.form), {
    message: 'Form field names must be unique',
    path: ['form'],
  });
export type ApprovalNode = z.infer<typeof ApprovalNodeSchema>;

export function taskPurpose(node: Pick<ApprovalNode, 'purpose'>): TaskPurpose {
  return node.purpose ?? 'decision';
}

export const WaitNodeSchema = z
  .strictObject({
    ...nodeBase,
    kind: z.literal('wait'),
    durationSeconds: z.int().positive().optional(),
    // Must yield an ISO-8601 UTC date-time; the interpreter treats anything else as an error.
    untilExpression: JsonLogicRuleSchema.optional(),
  })
  .refine((node) => exactlyOne(node.durationSeconds, node.untilExpression), {
    message: 'A wait needs either durationSeconds or untilExpression, not both',
    path: ['durationSeconds'],
  });
export type WaitNode = z.infer<typeof WaitNodeSchema>;

export const ParallelNodeSchema = z.strictObject({
  ...nodeBase,
  kind: z.literal('parallel'),
});
export type ParallelNode = z.infer<typeof ParallelNodeSchema>;

export const JoinNodeSchema = z.strictObject({
  ...nodeBase,
  kind: z.literal('join'),
  mode: z.enum(['all', 'first']).default('all'),
});
export type JoinNode = z.infer<typeof JoinNodeSchema>;

export const SetNodeSchema = z
  .strictObject({
    ...nodeBase,
    kind: z.literal('set'),
    assignments: z.record(IdentifierSchema, JsonLogicRuleSchema),
  })
  .refine((node) => Object.keys(node.assignments).length > 0, {
    message: 'A set node needs at least one assignment',
    path: ['assignments'],
  });
export type SetNode = z.infer<typeof SetNodeSchema>;

export const SubflowNodeSchema = z.strictObject({
  ...nodeBase,
  kind: z.literal('subflow'),
  flowKey: SlugSchema,
  // Without a pinned version the interpreter resolves the latest published one when it starts.
  version: z.int().min(1).optional(),
  inputs: z.record(IdentifierSchema, InputMappingSchema).default({}),
  resultVariable: IdentifierSchema.optional(),
});
export type SubflowNode = z.infer<typeof SubflowNodeSchema>;

export const EndNodeSchema = z.strictObject({
  ...nodeBase,
  kind: z.literal('end'),
  // Reported in metrics (auto-approval rate, ...), so kept to a stable machine-readable form.
  outcome: z.string().regex(/^[a-z][a-z0-9_-]*$/, 'Expected a lowercase outcome like "refunded"'),
});
export type EndNode = z.infer<typeof EndNodeSchema>;

export const FlowNodeSchema = z.discriminatedUnion('kind', [
  StartNodeSchema,
  DecisionNodeSchema,
  ActionNodeSchema,
  ApprovalNodeSchema,
  WaitNodeSchema,
  ParallelNodeSchema,
  JoinNodeSchema,
  SetNodeSchema,
  SubflowNodeSchema,
  EndNodeSchema,
]);
export type FlowNode = z.infer<typeof FlowNodeSchema>;
export type NodeKind = FlowNode['kind'];
export type NodeOfKind<K extends NodeKind> = Extract<FlowNode, { kind: K }>;

export const NODE_KINDS = [
  'start',
  'decision',
  'action',
  'approval',
  'wait',
  'parallel',
  'join',
  'set',
  'subflow',
  'end',
] as const satisfies readonly NodeKind[];
