import type { Connection } from 'mongoose';
import { caseModel, upsertRetryingOnce } from '#platform/cases/case-record';
import { orderIdOf } from './case-orders.ts';
import type { CaseSubmission, SubmittedCase } from './start-case.ts';

/**
 * The runs projection of a started case, written by whoever started it (the API, the worker's
 * intake). `$set` for what the submission alone knows, `$setOnInsert` for what the worker may
 * already have written if a fast run ended before this write (its status must not go back to
 * running). The input stored is the run's, with buyer data sealed.
 */
export async function recordCaseSubmission(
  connection: Connection,
  submitted: SubmittedCase,
  submission: CaseSubmission,
  submittedAt: Date,
): Promise<void> {
  const { brand, marketplace, store, account, trigger, requestedBy } = submission;
  const orderId = orderIdOf(submitted.caseInput);
  // By id, and safe without a guard: the case id's one Temporal run (a unique start) decided
  // that this case exists; every writer of these fields writes the same values for it.
  await upsertRetryingOnce(() =>
    caseModel(connection).updateOne(
      { _id: submitted.caseId },
      {
        $set: {
          workflowId: submitted.workflowId,
          flowKey: submitted.flowKey,
          flowVersion: submitted.flowVersion,
          trigger,
          requestedBy,
          inputJson: JSON.stringify(submitted.caseInput),
          ...(orderId && { orderId }),
          ...(brand && { brand }),
          ...(marketplace && { marketplace }),
          ...(store && { store }),
          ...(account && { account }),
        },
        $setOnInsert: { submittedAt, status: 'running' },
      },
      { upsert: true },
    ),
  );
}
