import { z } from 'zod';
import { ElementIdSchema, JsonValueSchema } from '../primitives.ts';

const failedSchema = z.strictObject({ error: z.string().min(1) });

/** What an action node's activity answers in a test run: its output, or a failure. */
export const SampleActionResultSchema = z.union([
  z.strictObject({ output: JsonValueSchema }),
  failedSchema,
]);
export type SampleActionResult = z.infer<typeof SampleActionResultSchema>;

export const SAMPLE_VERDICTS = ['approve', 'reject', 'timeout'] as const;
export const SampleVerdictSchema = z.enum(SAMPLE_VERDICTS);
export type SampleVerdict = z.infer<typeof SampleVerdictSchema>;

/**
 * How an approval task settles in a test run: a bare verdict, or the verdict with what the
 * reviewers filled in (the form the flow reads afterwards), who they were and their comment.
 */
export const SampleApprovalSchema = z.union([
  SampleVerdictSchema,
  z.strictObject({
    verdict: SampleVerdictSchema,
    approvers: z.array(z.string().min(1)).optional(),
    comment: z.string().optional(),
    form: z.record(z.string(), JsonValueSchema).default({}),
  }),
]);
export type SampleApproval = z.infer<typeof SampleApprovalSchema>;

/** How a subflow ends in a test run: an outcome with its variables, or a failure. */
export const SampleSubflowResultSchema = z.union([
  z.strictObject({
    outcome: z.string().min(1),
    variables: z.record(z.string(), JsonValueSchema).default({}),
  }),
  failedSchema,
]);
export type SampleSubflowResult = z.infer<typeof SampleSubflowResultSchema>;

export const SampleCaseContextSchema = z.strictObject({
  id: z.string().min(1).default('test-run'),
  requestedBy: z.string().min(1).default('test-run-requester'),
  startedAt: z.iso.datetime().default('2026-01-01T00:00:00.000Z'),
  brand: z.string().min(1).optional(),
  marketplace: z.string().min(1).optional(),
  store: z.string().min(1).optional(),
  /** What Amazon's notifications said about the order while the case ran (`case.amazon`). */
  amazon: z
    .strictObject({
      orderStatus: z.string().min(1).optional(),
      shipmentStatus: z.string().min(1).optional(),
    })
    .optional(),
});

export const DEFAULT_MAX_STEPS = 1_000;

/**
 * A sample case for a test run: everything the outside world would answer, keyed by node id.
 * Nothing is called; a node the run reaches without an answer here stops the test run.
 */
export const TestRunSampleSchema = z.strictObject({
  caseInput: z.record(z.string(), JsonValueSchema).default({}),
  caseContext: SampleCaseContextSchema.default(SampleCaseContextSchema.parse({})),
  actions: z.record(ElementIdSchema, SampleActionResultSchema).default({}),
  approvals: z.record(ElementIdSchema, SampleApprovalSchema).default({}),
  subflows: z.record(ElementIdSchema, SampleSubflowResultSchema).default({}),
  /** Guards against a loop that never ends: the run stops after entering this many nodes. */
  maxSteps: z.int().min(1).max(100_000).default(DEFAULT_MAX_STEPS),
});
export type TestRunSample = z.infer<typeof TestRunSampleSchema>;
export type TestRunSampleInput = z.input<typeof TestRunSampleSchema>;
