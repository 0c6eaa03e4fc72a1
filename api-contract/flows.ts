import { z } from 'zod';
import {
  ACTIVITY_SYSTEMS,
  FLOW_CHANGE_CODES,
  NODE_KINDS,
  SAMPLE_VERDICTS,
  SlugSchema,
  UNKNOWN_ANSWER_CODES,
} from '#flow-language';

// Flow documents and JSON values travel as plain records here: the server parses them with the
// flow language (which names every problem by node), and OpenAPI can describe plain records.

/** Flow keys in URLs: the flow language's slug, e.g. `refund-7-day-no-reason`. */
export const flowKeyParamsSchema = z.strictObject({ flowKey: SlugSchema });

export const flowVersionParamsSchema = z.strictObject({
  flowKey: SlugSchema,
  version: z.coerce.number().int().min(1),
});

/** A flow as the designer edits it; it may be incomplete, but it names its key. */
export const flowDocumentSchema = z.looseObject({ key: z.string().min(1) });
export type FlowDocumentBody = z.infer<typeof flowDocumentSchema>;

/** One problem, named by node (and field) wherever it has one. */
export const flowIssueSchema = z.object({
  nodeId: z.string().optional(),
  edgeId: z.string().optional(),
  field: z.string().optional(),
  code: z.string(),
  message: z.string(),
  severity: z.literal('warning').optional(),
});
export type FlowIssueAnswer = z.infer<typeof flowIssueSchema>;

export const flowListQuerySchema = z.strictObject({
  /** `true` lists archived flows too. */
  archived: z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true'),
});

export const flowSummarySchema = z.object({
  key: z.string(),
  name: z.string(),
  trigger: z.string().optional(),
  draft: z.object({
    savedAt: z.iso.datetime(),
    savedBy: z.string(),
    /** Problems that would block publishing the draft as it is. */
    issueCount: z.number().int(),
  }),
  latestVersion: z.number().int().optional(),
  latestPublishedAt: z.iso.datetime().optional(),
  latestPublishedBy: z.string().optional(),
  archived: z.boolean(),
});
export type FlowSummary = z.infer<typeof flowSummarySchema>;

export const flowListSchema = z.object({ flows: z.array(flowSummarySchema) });
export type FlowList = z.infer<typeof flowListSchema>;

export const draftSchema = z.object({
  key: z.string(),
  document: flowDocumentSchema,
  savedAt: z.iso.datetime(),
  savedBy: z.string(),
  archived: z.boolean(),
  issues: z.array(flowIssueSchema),
  /** Also the ETag: a save sends it back as `If-Match` so it cannot overwrite a newer draft. */
  revision: z.number().int().optional(),
});
export type DraftAnswer = z.infer<typeof draftSchema>;

/** A draft is saved even with problems; they are listed so the designer can mark the nodes. */
export const savedDraftSchema = z.object({
  key: z.string(),
  savedAt: z.iso.datetime(),
  /** The new ETag, for the next save's `If-Match`. */
  revision: z.number().int(),
  issues: z.array(flowIssueSchema),
});

/**
 * A change between two versions as a code and its values (flow-language/flow-changes.ts): the web
 * app words it in the reader's language; `changeInEnglish` words it for the audit log.
 */
export const flowChangeSchema = z.object({
  code: z.enum(FLOW_CHANGE_CODES),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
});
export type FlowChangeAnswer = z.infer<typeof flowChangeSchema>;

/** A stale save (409 `draft_changed`): who saved the draft since, and which nodes differ. */
export const draftChangedSchema = z.object({
  revision: z.number().int(),
  savedAt: z.iso.datetime(),
  savedBy: z.string(),
  changedNodes: z.array(z.string()),
  changes: z.array(flowChangeSchema),
});
export type DraftChangedAnswer = z.infer<typeof draftChangedSchema>;
export type SavedDraftAnswer = z.infer<typeof savedDraftSchema>;

/** Without a document, the saved draft is validated. */
export const validateRequestSchema = z.strictObject({ document: flowDocumentSchema.optional() });

export const validationSchema = z.object({
  valid: z.boolean(),
  issues: z.array(flowIssueSchema),
});
export type ValidationAnswer = z.infer<typeof validationSchema>;

export const versionSummarySchema = z.object({
  key: z.string(),
  version: z.number().int(),
  contentHash: z.string(),
  publishedAt: z.iso.datetime(),
  publishedBy: z.string(),
  /** The second admin who confirmed a version that weakened its approvals. */
  confirmedBy: z.string().optional(),
  /** Why it was published, in the publisher's words. */
  note: z.string().optional(),
  /** The backtest of this content the publisher saw. */
  backtestId: z.string().optional(),
});
export type VersionSummary = z.infer<typeof versionSummarySchema>;

/** Publishing unchanged content answers the existing version instead of a new number. */
export const publishedSchema = versionSummarySchema;
export type PublishedAnswer = z.infer<typeof publishedSchema>;

export const versionListSchema = z.object({ versions: z.array(versionSummarySchema) });
export type VersionList = z.infer<typeof versionListSchema>;

export const publicationParamsSchema = z.strictObject({
  flowKey: SlugSchema,
  publicationId: z.string().regex(/^[0-9a-f]{64}$/, 'A publication id is a content hash'),
});

/**
 * A publication that lowers the bar for approving (an approval removed, fewer approvals, the
 * requester allowed to decide, other assignees), waiting for a second admin to confirm it.
 */
export const pendingPublicationSchema = z.object({
  key: z.string(),
  publicationId: z.string(),
  /** The version it would replace (0: none). */
  baseVersion: z.number().int(),
  weakenings: z.array(z.object({ nodeId: z.string(), message: z.string() })),
  requestedBy: z.string(),
  requestedAt: z.iso.datetime(),
});
export type PendingPublication = z.infer<typeof pendingPublicationSchema>;

export const pendingPublicationListSchema = z.object({
  publications: z.array(pendingPublicationSchema),
});

/** A published version exactly as frozen: its full definition and content hash. */
export const flowVersionSchema = versionSummarySchema.extend({
  definition: flowDocumentSchema,
});
export type FlowVersionAnswer = z.infer<typeof flowVersionSchema>;

const versionOrDraft = z.union([z.literal('draft'), z.coerce.number().int().min(1)]);

export const diffQuerySchema = z.strictObject({
  from: z.coerce.number().int().min(1),
  /** A later version, or `draft` for the working copy. */
  to: versionOrDraft.default('draft'),
});
export type DiffQuery = z.infer<typeof diffQuerySchema>;

const elementDiffSchema = z.object({
  added: z.array(z.string()),
  removed: z.array(z.string()),
  changed: z.array(z.string()),
});

export const flowDiffSchema = z.object({
  key: z.string(),
  from: z.number().int(),
  to: z.union([z.literal('draft'), z.number().int()]),
  nodes: elementDiffSchema.extend({
    /** Only the layout changed. */
    moved: z.array(z.string()),
  }),
  edges: elementDiffSchema,
  /** Top-level fields (name, inputs, variables, scope, ...) that differ. */
  settings: z.array(z.string()),
  /** The changes as codes with values: threshold-changed {rule, before: "200.00", after: "150.00"}. */
  changes: z.array(flowChangeSchema),
});
export type FlowDiffAnswer = z.infer<typeof flowDiffSchema>;

export const archiveStateSchema = z.object({
  key: z.string(),
  archived: z.boolean(),
  archivedAt: z.iso.datetime().optional(),
});
export type ArchiveStateAnswer = z.infer<typeof archiveStateSchema>;

const fieldSpecSchema = z.object({
  type: z.string(),
  required: z.boolean(),
  description: z.string().optional(),
  enum: z.array(z.union([z.string(), z.number()])).optional(),
});

export const activitySchema = z.object({
  name: z.string(),
  system: z.enum(ACTIVITY_SYSTEMS),
  title: z.string(),
  description: z.string(),
  inputs: z.record(z.string(), fieldSpecSchema),
  output: z.record(z.string(), fieldSpecSchema),
  /** Moves money or stock: a test run never calls it, it reads the sample. */
  sideEffects: z.boolean(),
});
export const activityCatalogSchema = z.object({ activities: z.array(activitySchema) });
export type ActivityCatalogAnswer = z.infer<typeof activityCatalogSchema>;

const failedAnswer = z.strictObject({ error: z.string().min(1) });

/**
 * A sample case for a test run of the saved draft (or of `document`, unsaved). Activities,
 * approvals and subflows are answered from here by node id; nothing is called.
 */
export const testRunRequestSchema = z.strictObject({
  document: flowDocumentSchema.optional(),
  caseInput: z.record(z.string(), z.unknown()).default({}),
  caseContext: z
    .strictObject({
      id: z.string().min(1).optional(),
      requestedBy: z.string().min(1).optional(),
      startedAt: z.iso.datetime().optional(),
      brand: z.string().min(1).optional(),
      marketplace: z.string().min(1).optional(),
      store: z.string().min(1).optional(),
    })
    .optional(),
  actions: z
    .record(z.string(), z.union([z.strictObject({ output: z.unknown() }), failedAnswer]))
    .default({}),
  approvals: z
    .record(
      z.string(),
      z.union([
        z.enum(SAMPLE_VERDICTS),
        z.strictObject({
          verdict: z.enum(SAMPLE_VERDICTS),
          approvers: z.array(z.string().min(1)).optional(),
          comment: z.string().optional(),
          form: z.record(z.string(), z.unknown()).optional(),
        }),
      ]),
    )
    .default({}),
  subflows: z
    .record(
      z.string(),
      z.union([
        z.strictObject({
          outcome: z.string().min(1),
          variables: z.record(z.string(), z.unknown()).optional(),
        }),
        failedAnswer,
      ]),
    )
    .default({}),
  maxSteps: z.int().min(1).max(100_000).optional(),
});
export type TestRunRequest = z.input<typeof testRunRequestSchema>;

export const testRunStepSchema = z.object({
  nodeId: z.string(),
  kind: z.enum(NODE_KINDS),
  branch: z.string(),
  visit: z.number().int(),
  handle: z.string().optional(),
  edgeId: z.string().optional(),
  branchEdgeIds: z.array(z.string()).optional(),
  /** An approval's task as it would open: a computed group resolved from the sample. */
  task: z
    .object({
      assignee: z.union([z.object({ role: z.string() }), z.object({ group: z.string() })]),
      amount: z
        .object({ field: z.string(), cents: z.number().int(), currency: z.string().optional() })
        .optional(),
    })
    .optional(),
});

/** What a rule read when it was evaluated: each var path with its value. */
const ruleReadsSchema = z.array(z.object({ path: z.string(), value: z.unknown() }));
export type RuleReads = z.infer<typeof ruleReadsSchema>;

export const testRunRuleSchema = z.object({
  nodeId: z.string(),
  purpose: z.string(),
  rule: z.unknown(),
  read: ruleReadsSchema,
  ok: z.boolean(),
  result: z.unknown().optional(),
  error: z.string().optional(),
});

export const testRunSchema = z.object({
  status: z.enum(['completed', 'failed']),
  /** Nodes entered, in order, with the edge each left by. */
  steps: z.array(testRunStepSchema),
  edgeIds: z.array(z.string()),
  rules: z.array(testRunRuleSchema),
  variables: z.record(z.string(), z.unknown()),
  outcome: z.string().optional(),
  endNodeId: z.string().optional(),
  error: z.object({ nodeId: z.string().optional(), message: z.string() }).optional(),
  /** Problems that would block publishing; a draft with problems can still be test-run. */
  issues: z.array(flowIssueSchema),
});
export type TestRunAnswer = z.infer<typeof testRunSchema>;

/** What would the draft (or a version) have decided for the flow's past cases? */
export const backtestRequestSchema = z.strictObject({
  /** A published version; the draft when absent. */
  version: z.int().min(1).optional(),
  /** Days back from now (default 90), or "all". */
  range: z.union([z.int().min(1).max(3_650), z.literal('all')]).optional(),
});
export type BacktestRequestBody = z.input<typeof backtestRequestSchema>;

export const backtestParamsSchema = z.strictObject({
  flowKey: SlugSchema,
  backtestId: z.uuid(),
});

const amountCountSchema = z.object({ cases: z.number(), amount: z.number() });

export const backtestTotalsSchema = z.object({
  cases: z.number(),
  same: z.number(),
  pathChanged: z.number(),
  flipped: z.number(),
  unknown: z.number(),
  engineFaults: z.number(),
  money: z.object({
    paidBefore: z.number(),
    paidAfter: z.number(),
    wouldBePaid: amountCountSchema,
    wouldNotBePaid: amountCountSchema,
    heldForReview: amountCountSchema,
    unpricedRefunds: z.number(),
    net: z.number(),
  }),
  people: z.record(
    z.string(),
    z.object({
      before: z.number(),
      after: z.number(),
      created: z.number(),
      removed: z.number(),
      slaHoursBefore: z.number(),
      slaHoursAfter: z.number(),
    }),
  ),
});

const ruleChangeSchema = z.object({
  purpose: z.string(),
  rule: z.unknown(),
  read: ruleReadsSchema,
  result: z.unknown(),
  recordedRule: z.unknown().optional(),
  recordedResult: z.unknown().optional(),
});

export const backtestCaseSchema = z.object({
  caseId: z.string(),
  currency: z.string(),
  recordedVersion: z.number(),
  recordedOutcome: z.string(),
  replayedOutcome: z.string(),
  recordedPath: z.array(z.string()),
  replayedPath: z.array(z.string()),
  refunds: z.object({
    recorded: z.record(z.string(), z.number()),
    replayed: z.record(z.string(), z.number()),
    replayedUnknown: z.boolean(),
  }),
  divergence: z
    .object({
      nodeId: z.string(),
      recordedHandle: z.string().optional(),
      replayedHandle: z.string().optional(),
      rules: z.array(ruleChangeSchema),
    })
    .optional(),
  unknown: z
    .object({
      nodeId: z.string(),
      kind: z.string(),
      reason: z.string(),
      /** `reason` as a code and its values, for readers in other languages; absent from backtests stored before it was. */
      why: z
        .object({
          code: z.enum(UNKNOWN_ANSWER_CODES),
          values: z.record(z.string(), z.union([z.string(), z.number()])),
        })
        .optional(),
      moneyStep: z.boolean(),
    })
    .optional(),
  failure: z.string().optional(),
  /** Answered from the record kept at close, or (a case closed before records) its trail. */
  source: z.enum(['record', 'trail']).optional(),
});

export const backtestSchema = z.object({
  backtestId: z.string(),
  flowKey: z.string(),
  target: z.object({ kind: z.enum(['draft', 'version']), version: z.number().optional() }),
  range: z.object({ from: z.string().optional(), to: z.string() }),
  requestedBy: z.string(),
  requestedAt: z.string(),
  status: z.enum(['running', 'done', 'failed']),
  /**
   * `eventsRead` counts records read, then (for a flow with cases closed before records were
   * kept) case projections and trail lines; `expected` is the records counted before reading,
   * absent from backtests stored before it was.
   */
  progress: z.object({
    processed: z.number(),
    eventsRead: z.number(),
    expected: z.number().optional(),
  }),
  finishedAt: z.string().optional(),
  error: z.string().optional(),
  result: z
    .object({
      summary: z.object({
        total: backtestTotalsSchema,
        byCurrency: z.record(z.string(), backtestTotalsSchema),
      }),
      flips: z.array(backtestCaseSchema),
      unknowns: z.array(backtestCaseSchema),
      engineFaults: z.array(
        z.object({ caseId: z.string(), recordedVersion: z.number(), problem: z.string() }),
      ),
      skipped: z.number(),
      /** Cases answered from their trail (closed before past-case records were kept). */
      fromTrail: z.number().optional(),
    })
    .optional(),
  /** Set when a scoped admin asked: only cases in these brands, marketplaces, stores count. */
  scope: z
    .object({
      brands: z.array(z.string()).optional(),
      marketplaces: z.array(z.string()).optional(),
      stores: z.array(z.string()).optional(),
    })
    .optional(),
});
export type BacktestAnswer = z.infer<typeof backtestSchema>;

// --- Safe publishing: the publish dialog, the backtest gate, restore as draft, archive ---

/** Publishing says why (kept with the version) and, for a flow with past cases, its backtest. */
export const publishRequestSchema = z.strictObject({
  note: z
    .string()
    .trim()
    .min(1, 'Say why you publish this version: the note is kept with it')
    .max(2_000),
  /** A finished backtest of exactly this draft, required when the flow has past cases. */
  backtestId: z.uuid().optional(),
});
export type PublishRequestBody = z.input<typeof publishRequestSchema>;

export const publishPreviewSchema = z.object({
  key: z.string(),
  contentHash: z.string(),
  /** The live version publishing would replace; absent for a first publication. */
  liveVersion: z.number().int().optional(),
  diff: flowDiffSchema.omit({ key: true, from: true, to: true }).optional(),
  /** The draft is the live version already: publishing changes nothing. */
  unchanged: z.boolean(),
  pastCases: z.number().int(),
  /** Publishing must name a finished backtest of this draft (see publishRequestSchema). */
  backtestRequired: z.boolean(),
  /** Another live flow that takes the same trigger and scope: publishing would be refused. */
  conflict: z.object({ key: z.string(), trigger: z.string() }).optional(),
});
export type PublishPreviewAnswer = z.infer<typeof publishPreviewSchema>;

/** A backtest of the draft as it is now, over `range` (see backtestRequestSchema). */
export const draftBacktestRequestSchema = backtestRequestSchema.pick({ range: true });

export const flowIntakeSchema = z.object({
  key: z.string(),
  days: z.number().int(),
  cases: z.number().int(),
  perDay: z.number(),
});
export type FlowIntakeAnswer = z.infer<typeof flowIntakeSchema>;
