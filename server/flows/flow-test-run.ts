import type { TestRunAnswer, TestRunRequest } from '#api-contract/flows';
import {
  type ActivityCatalog,
  parseFlowDefinition,
  simulateFlow,
  TestRunSampleSchema,
  validateFlow,
} from '#flow-language';
import { FlowRejected, type FlowVersions } from './flow-versions.ts';

/**
 * Runs the draft (or an unsaved document) against a sample case without side effects. A draft
 * with problems may still be test-run: they are listed beside the path it took.
 */
export async function testRunFlow(
  flows: FlowVersions,
  catalog: ActivityCatalog,
  key: string,
  { document, ...sample }: TestRunRequest,
): Promise<TestRunAnswer> {
  const parsed = parseFlowDefinition(document ?? (await flows.draft(key)).document);
  if (!parsed.ok) throw new FlowRejected('The flow does not parse', parsed.issues);
  const result = await simulateFlow(parsed.flow, TestRunSampleSchema.parse(sample));
  return { ...result, issues: validateFlow(parsed.flow, catalog) };
}
