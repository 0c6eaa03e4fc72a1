import { z } from 'zod';
import { caseIdSchema } from './cases.ts';

export const auditCaseParamsSchema = z.object({ caseId: caseIdSchema });

/** One line of a case's audit timeline: the business trail and Temporal's history, merged. */
export const timelineItemSchema = z.object({
  at: z.string(),
  /** `trail`: what the flow did in the domain's words; `history`: what Temporal recorded. */
  source: z.enum(['trail', 'history']),
  /** The run of a continued-as-new chain; trail lines carry the run that saved them, if known. */
  runId: z.string().optional(),
  /** Trail sequence or history event id. */
  ref: z.number().int(),
  who: z.string(),
  what: z.string(),
  nodeId: z.string().optional(),
  activityType: z.string().optional(),
  inputs: z.unknown().optional(),
  outputs: z.unknown().optional(),
  failure: z.string().optional(),
});
export type TimelineItem = z.infer<typeof timelineItemSchema>;

export const archivedRunSchema = z.object({
  runId: z.string(),
  status: z.enum(['running', 'closed']),
  /** Where the history came from: Temporal itself or the MongoDB archive once Temporal dropped it. */
  source: z.enum(['temporal', 'archive']),
  sha256: z.string().optional(),
  closedAt: z.string().optional(),
});

export const caseTimelineSchema = z.object({
  caseId: z.string(),
  workflowId: z.string(),
  /** `live`: the trail comes from the running workflow; `saved`: from `case_trail_events`. */
  trailSource: z.enum(['live', 'saved']),
  runs: z.array(archivedRunSchema),
  items: z.array(timelineItemSchema),
});
export type CaseTimeline = z.infer<typeof caseTimelineSchema>;

export const caseExportQuerySchema = z.object({
  format: z.enum(['json', 'csv']).default('json'),
  /** The CSV's headers in this language (the web app's); English without it. */
  lang: z.enum(['en', 'zh-CN']).optional(),
});

export const replayVerdictSchema = z.object({
  ok: z.boolean(),
  runsChecked: z.number().int(),
  /** SHA-256 over the replayed runs' history hashes, in chain order. */
  historyHash: z.string(),
  runs: z.array(archivedRunSchema),
  divergence: z
    .object({
      runId: z.string(),
      /** `tampered`: an archived copy no longer matches its hash; `nondeterminism`: the current code
       * emits other commands than the history recorded; `replay-failed`: any other replay error. */
      kind: z.enum(['tampered', 'nondeterminism', 'replay-failed']),
      message: z.string(),
      eventId: z.number().int().optional(),
    })
    .optional(),
});
export type ReplayVerdict = z.infer<typeof replayVerdictSchema>;

const filterValue = z.string().trim().min(1).max(200);

/** Strict: an unknown or bracketed parameter (`person[$ne]`) is refused, never ignored. */
export const auditLogQuerySchema = z.strictObject({
  action: filterValue.optional(),
  /** The acting user's id. */
  actor: filterValue.optional(),
  /** Part of the acting person's name, any case: `ada` finds "Ada Lovelace". */
  person: filterValue.optional(),
  /** Written on or after this instant (a date means its midnight UTC). */
  from: z.coerce.date().optional(),
  /** Written before this instant. */
  to: z.coerce.date().optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export const auditLogEntrySchema = z.object({
  sequence: z.number().int(),
  at: z.string(),
  actor: z.object({
    userId: z.string(),
    name: z.string(),
    via: z.enum(['session', 'token', 'system']),
  }),
  action: z.string(),
  target: z.object({ kind: z.string(), id: z.string() }),
  details: z.record(z.string(), z.unknown()).optional(),
  /** The case the entry is about, and where it belongs: what a scoped auditor may read. */
  caseId: z.string().optional(),
  caseScope: z
    .object({
      brand: z.string().optional(),
      marketplace: z.string().optional(),
      store: z.string().optional(),
    })
    .optional(),
  previousHash: z.string(),
  hash: z.string(),
  /** The audit key that signed the hash; absent on entries written before signing. */
  keyId: z.string().optional(),
  hmac: z.string().optional(),
});

export const auditLogPageSchema = z.object({
  items: z.array(auditLogEntrySchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

export const chainVerdictSchema = z.object({
  ok: z.boolean(),
  entries: z.number().int(),
  headHash: z.string(),
  brokenAt: z.object({ sequence: z.number().int(), reason: z.string() }).optional(),
  /** The newest head published outside the database: the chain must reach it, hash for hash. */
  publishedHead: z
    .object({
      sequence: z.number().int(),
      hash: z.string(),
      keyId: z.string(),
      publishedAt: z.string(),
    })
    .optional(),
  /** Entries the published head proves were written and the log no longer has. */
  missingTail: z.object({ from: z.number().int(), to: z.number().int() }).optional(),
});
