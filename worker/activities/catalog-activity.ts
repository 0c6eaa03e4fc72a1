import { ApplicationFailure } from '@temporalio/activity';
import { type ActivityDescriptor, validateCaseInput } from '#flow-language';
import { openPiiInputs, sealPiiOutputs } from '#platform/pii-activities';

export type CatalogImplementation = (input: Record<string, unknown>) => Promise<unknown>;

export interface CatalogActivity {
  descriptor: ActivityDescriptor;
  run: CatalogImplementation;
}

/**
 * Pairs a catalog entry with its implementation and checks every call against the entry's
 * declared inputs, so a mapping the validator let through but the data broke fails fast
 * (non-retryable: the same input would fail on every attempt) with the field named.
 */
export function catalogActivity<Input extends Record<string, unknown>, Output>(
  descriptor: ActivityDescriptor,
  implementation: (input: Input) => Promise<Output>,
): CatalogActivity {
  return {
    descriptor,
    async run(sealedInput) {
      const input = await openPiiInputs(descriptor, sealedInput);
      const issues = validateCaseInput({ inputs: descriptor.inputs }, input);
      if (issues.length > 0) {
        throw ApplicationFailure.nonRetryable(
          `${descriptor.name}: ${issues.map((issue) => issue.message).join('; ')}`,
          'InvalidActivityInput',
          issues,
        );
      }
      return sealPiiOutputs(descriptor, await implementation(input as Input));
    },
  };
}

/** The object the worker registers: catalog name → implementation. */
export function registerCatalog(
  activities: CatalogActivity[],
): Record<string, CatalogImplementation> {
  return Object.fromEntries(activities.map(({ descriptor, run }) => [descriptor.name, run]));
}
