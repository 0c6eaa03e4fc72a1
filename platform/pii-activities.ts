import { ApplicationFailure, Context } from '@temporalio/activity';
import { type ActivityDescriptor, isPiiEnvelope, type JsonValue } from '#flow-language';
import { openWithRegisteredVaults, registeredPiiVaults } from './pii-vault.ts';

/**
 * Buyer data at the activity boundary. An input the activity declares `pii` arrives sealed and
 * the activity opens it at the moment of use (notify.sendEmail opens `to` only for the SMTP
 * server, so its outbox keeps the envelope); any other input that arrives sealed (a postcode
 * for store routing) is opened here, for this call only. Result fields declared `pii` are
 * sealed with the case key before they return to the workflow, and so to Temporal's history.
 */
export async function openPiiInputs(
  descriptor: ActivityDescriptor,
  input: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  const opened = { ...input };
  for (const [name, value] of Object.entries(input)) {
    if (!isPiiEnvelope(value) || descriptor.inputs[name]?.pii) continue;
    const clear = await openWithRegisteredVaults(value);
    if (clear.erased) throw erased(descriptor.name, name);
    opened[name] = clear.value;
  }
  return opened;
}

export async function sealPiiOutputs(
  descriptor: ActivityDescriptor,
  result: unknown,
): Promise<unknown> {
  const fields = Object.keys(descriptor.output).filter((name) => descriptor.output[name]?.pii);
  if (fields.length === 0 || result === null || typeof result !== 'object') return result;
  const [vault] = registeredPiiVaults();
  if (!vault) throw new Error(`${descriptor.name} returns buyer data but no PII vault is open`);
  return vault.sealFields(currentCaseId(), result as Record<string, JsonValue>, fields);
}

export function erased(activity: string, field: string): ApplicationFailure {
  return ApplicationFailure.nonRetryable(
    `${activity}: "${field}" was erased under retention`,
    'PiiErased',
  );
}

/** Cases run as `case-<caseId>`, their subflows as `case-<caseId>/<node>#<visit>`. */
function currentCaseId(): string {
  const workflowId = Context.current().info.workflowExecution?.workflowId;
  if (!workflowId) throw new Error('buyer data is sealed only inside a case run');
  return workflowId.replace(/^case-/, '').split('/')[0] ?? workflowId;
}
