import { z } from 'zod';
import { pagedSchema, trailEventSchema } from './cases.ts';

/**
 * Tasks in URLs use a public id: the base64url of the approval task's record id
 * (`${workflowId}/${taskId}`), which itself contains `/` and `#`.
 */
export const publicTaskIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,400}$/, 'Not a task id');

export const taskIdParamsSchema = z.object({ taskId: publicTaskIdSchema });

/**
 * `mine`: claimed by or delegated to the caller. `roles`: assigned (or escalated) to one of the
 * caller's roles or groups. `all`: both; for admins every open task. `done`: tasks the caller
 * decided, open or closed, the latest decision first.
 */
export const inboxViewSchema = z.enum(['mine', 'roles', 'all', 'done']);
export type InboxView = z.infer<typeof inboxViewSchema>;

const filterText = z.string().trim().min(1).max(200);

/** Strict: an unknown or bracketed parameter (`q[$ne]`) is refused, never ignored. */
export const inboxQuerySchema = z.strictObject({
  view: inboxViewSchema.default('all'),
  sort: z.enum(['due', 'opened']).default('due'),
  /** Part of the case id, the order id, the task's title or the flow, any case. */
  q: filterText.optional(),
  marketplace: filterText.optional(),
  flowKey: filterText.optional(),
  /** `true`: only tasks past their SLA. */
  overdue: z.enum(['true', 'false']).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type InboxQuery = z.infer<typeof inboxQuerySchema>;

export const taskClaimSchema = z.object({
  userId: z.string(),
  claimedAt: z.iso.datetime(),
  delegatedBy: z.string().optional(),
  comment: z.string().optional(),
});
export type TaskClaimView = z.infer<typeof taskClaimSchema>;

export const inboxTaskSchema = z.object({
  id: publicTaskIdSchema,
  caseId: z.string(),
  taskId: z.string(),
  flowKey: z.string(),
  flowVersion: z.number().int(),
  nodeId: z.string(),
  title: z.string(),
  assigneeRole: z.string().optional(),
  assigneeGroup: z.string().optional(),
  escalatedTo: z.string().optional(),
  approvalsRequired: z.number().int(),
  approvals: z.number().int(),
  requestedBy: z.string(),
  status: z.enum(['open', 'approved', 'rejected', 'timed-out', 'cancelled']),
  openedAt: z.iso.datetime(),
  dueAt: z.iso.datetime().optional(),
  overdue: z.boolean(),
  claim: taskClaimSchema.optional(),
  /** From the case: what the reviewer scans the list by. */
  orderId: z.string().optional(),
  marketplace: z.string().optional(),
  /** The marketplace account the case named (or its Amazon steps went through). */
  account: z.string().optional(),
  /** The case's amount as submitted: its first `…Cents` input, in the currency's minor unit. */
  amount: z
    .object({ field: z.string(), cents: z.number().int(), currency: z.string().optional() })
    .optional(),
});
export type InboxTask = z.infer<typeof inboxTaskSchema>;

export const inboxPageSchema = pagedSchema(inboxTaskSchema);
export type InboxPage = z.infer<typeof inboxPageSchema>;

export const taskDetailSchema = z.object({
  task: inboxTaskSchema.extend({
    decisions: z.array(
      z.object({
        userId: z.string(),
        verdict: z.enum(['approve', 'reject']),
        comment: z.string().optional(),
        at: z.iso.datetime(),
      }),
    ),
  }),
  case: z.object({
    caseId: z.string(),
    status: z.string(),
    requestedBy: z.string(),
    submittedAt: z.iso.datetime().optional(),
    orderId: z.string().optional(),
    brand: z.string().optional(),
    marketplace: z.string().optional(),
    store: z.string().optional(),
    /** The marketplace account the case's Amazon steps go through; absent: the default. */
    account: z.string().optional(),
    /** The case input as submitted: order, items, amounts, evidence links. */
    input: z.record(z.string(), z.unknown()).optional(),
  }),
  /** The rule evaluations and steps that led the case to this person, oldest first. */
  reasons: z.array(trailEventSchema),
  /**
   * Why the case came to a person, in business words: the label of the decision case that sent
   * it here ("Quality problem: review the buyer's photos") and its rule.
   */
  businessReason: z
    .object({
      nodeId: z.string(),
      label: z.string(),
      rule: z.unknown().optional(),
    })
    .optional(),
  /** Display names of the people the task names (requester, claim holder, deciders), by id. */
  people: z.record(z.string(), z.string()),
});
export type TaskDetail = z.infer<typeof taskDetailSchema>;

export const delegateTaskSchema = z.object({
  toUserId: z.string().trim().min(1).max(200),
  comment: z.string().trim().max(1000).optional(),
});

export const decideTaskSchema = z
  .object({
    verdict: z.enum(['approve', 'reject']),
    comment: z.string().trim().max(2000).optional(),
    form: z.record(z.string(), z.unknown()).optional(),
    /** Sent again on a double click or retry: the decision is counted once. */
    requestId: z.string().regex(/^[A-Za-z0-9_-]{8,100}$/, 'Use 8-100 letters, digits, "-" or "_"'),
  })
  .refine((decision) => decision.verdict !== 'reject' || !!decision.comment, {
    path: ['comment'],
    message: 'A rejection needs a comment that says why',
  });

export const decisionTallySchema = z.object({
  taskId: z.string(),
  approvals: z.number().int(),
  approvalsRequired: z.number().int(),
  closed: z.boolean(),
});
