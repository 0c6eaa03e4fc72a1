import { z } from 'zod';
import { accountIdSchema } from './accounts.ts';

/** Case ids travel in URLs and workflow ids: letters, digits, `-` and `_` only. */
export const caseIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,100}$/, 'Use 1-100 letters, digits, "-" or "_"');

const scopeValue = z.string().trim().min(1).max(100);

export const caseSubmissionSchema = z
  .object({
    trigger: z.string().trim().min(1).max(200),
    input: z.record(z.string(), z.unknown()),
    /** The caller's idempotency key: the same case id submitted twice starts one run. */
    caseId: caseIdSchema.optional(),
    brand: scopeValue.optional(),
    marketplace: scopeValue.optional(),
    store: scopeValue.optional(),
    /** A configured marketplace account selling in the case's marketplace; absent: chosen by it. */
    account: accountIdSchema.optional(),
  })
  .refine((submission) => !submission.account || submission.marketplace, {
    path: ['marketplace'],
    message: 'A case that names its account names the marketplace it sells in too',
  });
export type CaseSubmissionRequest = z.infer<typeof caseSubmissionSchema>;

export const submittedCaseSchema = z.object({
  caseId: z.string(),
  workflowId: z.string(),
  flowKey: z.string(),
  flowVersion: z.number().int(),
  /** False when this case id had already been submitted: the answer names the existing run. */
  started: z.boolean(),
});
export type SubmittedCaseAnswer = z.infer<typeof submittedCaseSchema>;

export const caseStatusSchema = z.enum(['running', 'completed', 'failed', 'cancelled']);
export type CaseStatus = z.infer<typeof caseStatusSchema>;

export const amountsByCurrencySchema = z.record(z.string(), z.number());

export const caseSummarySchema = z.object({
  caseId: z.string(),
  workflowId: z.string(),
  flowKey: z.string(),
  flowVersion: z.number().int(),
  trigger: z.string().optional(),
  orderId: z.string().optional(),
  requestedBy: z.string(),
  brand: z.string().optional(),
  marketplace: z.string().optional(),
  store: z.string().optional(),
  submittedAt: z.iso.datetime(),
  status: caseStatusSchema,
  outcome: z.string().optional(),
  closedAt: z.iso.datetime().optional(),
  decidedBy: z.enum(['rules', 'people']).optional(),
  slaBreaches: z.number().int().optional(),
  refunded: amountsByCurrencySchema.optional(),
  /** The marketplace account the case's Amazon steps went through; absent: the default. */
  account: z.string().optional(),
});
export type CaseSummary = z.infer<typeof caseSummarySchema>;

const pageFields = {
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
};
export const pageQuerySchema = z.object(pageFields);

const queryText = z.string().trim().min(1).max(200);

/** Strict: an unknown or bracketed parameter (`orderId[$gt]`) is refused, never ignored. */
export const runListQuerySchema = z.strictObject({
  flowKey: queryText.optional(),
  status: caseStatusSchema.optional(),
  outcome: queryText.optional(),
  /** Submitted on or after this instant (a date means its midnight UTC). */
  from: z.coerce.date().optional(),
  /** Submitted before this instant. */
  to: z.coerce.date().optional(),
  /** Part of the order id, any case: `1234567` finds `113-1234567-7654321`. */
  orderId: queryText.optional(),
  /** Part of the case id, any case. */
  caseId: queryText.optional(),
  flowVersion: z.coerce.number().int().min(1).optional(),
  ...pageFields,
});
export type RunListQuery = z.infer<typeof runListQuerySchema>;

export const pagedSchema = <Item extends z.ZodType>(item: Item) =>
  z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });

export const runListSchema = pagedSchema(caseSummarySchema);
export type RunList = z.infer<typeof runListSchema>;

export const trailEventSchema = z.object({
  sequence: z.number().int(),
  at: z.iso.datetime(),
  type: z.string(),
  nodeId: z.string().optional(),
  actor: z.string().optional(),
  details: z.record(z.string(), z.unknown()).optional(),
});
export type TrailEventView = z.infer<typeof trailEventSchema>;

export const openTaskViewSchema = z.object({
  taskId: z.string(),
  nodeId: z.string(),
  title: z.string(),
  assignee: z.object({ role: z.string().optional(), group: z.string().optional() }),
  escalatedTo: z.string().optional(),
  approvalsRequired: z.number().int(),
  openedAt: z.iso.datetime(),
  dueAt: z.iso.datetime().optional(),
  decisions: z.array(
    z.object({
      verdict: z.enum(['approve', 'reject']),
      actor: z.object({ userId: z.string() }),
      comment: z.string().optional(),
      at: z.iso.datetime(),
    }),
  ),
});

export const runDetailSchema = z.object({
  case: caseSummarySchema,
  /** The case input as submitted. */
  input: z.record(z.string(), z.unknown()).optional(),
  /** `live` while the run answers queries; `saved` once it has closed. */
  source: z.enum(['live', 'saved']),
  activeNodes: z.array(z.string()),
  variables: z.record(z.string(), z.unknown()).optional(),
  openTasks: z.array(openTaskViewSchema),
  trail: z.array(trailEventSchema),
});
export type RunDetail = z.infer<typeof runDetailSchema>;

export const caseIdParamsSchema = z.object({ caseId: caseIdSchema });

export const cancelRunSchema = z.object({ reason: z.string().trim().min(1).max(1000) });

export const cancelledRunSchema = z.object({
  caseId: z.string(),
  status: z.literal('cancelling'),
});

/** The requester's own cases: those they submitted, in their scope, newest first. */
export const myCasesQuerySchema = z.strictObject({
  status: caseStatusSchema.optional(),
  ...pageFields,
});
export type MyCasesQuery = z.infer<typeof myCasesQuerySchema>;

const formFieldSchema = z.object({
  type: z.enum(['string', 'number', 'integer', 'boolean', 'date', 'object', 'array']),
  required: z.boolean(),
  description: z.string().optional(),
  pii: z.boolean().optional(),
  enum: z.array(z.union([z.string(), z.number()])).optional(),
});

/** What a requester fills in to submit a case for a trigger: the live flow's declared inputs. */
export const caseFormSchema = z.object({
  trigger: z.string(),
  flowKey: z.string(),
  flowName: z.string(),
  flowVersion: z.number().int(),
  description: z.string().optional(),
  scope: z
    .object({
      brands: z.array(z.string()).optional(),
      marketplaces: z.array(z.string()).optional(),
      stores: z.array(z.string()).optional(),
    })
    .optional(),
  inputs: z.record(z.string(), formFieldSchema),
});
export type CaseForm = z.infer<typeof caseFormSchema>;
export const caseFormsSchema = z.object({ items: z.array(caseFormSchema) });
