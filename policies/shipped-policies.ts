import { readFileSync } from 'node:fs';
import type { ActivityCatalog, FlowDefinition } from '#flow-language';
import { parseFlowDefinition, validateFlow } from '#flow-language';

/** The policies Acorn Flow ships, one `<key>.flow.json` beside this module each. */
export const SHIPPED_POLICY_KEYS = [
  'marketplace-refund',
  'a-to-z-claim',
  'vendor-po-acknowledgement',
  'chargeback',
] as const;
export type ShippedPolicyKey = (typeof SHIPPED_POLICY_KEYS)[number];

/** The policy's JSON exactly as shipped, as an admin would paste it into the designer. */
export function shippedPolicyDocument(key: ShippedPolicyKey): unknown {
  const file = new URL(`./${key}.flow.json`, import.meta.url);
  return JSON.parse(readFileSync(file, 'utf8'));
}

/** A shipped policy parsed and checked against the catalog; a broken one throws with its issues. */
export function shippedPolicy(key: ShippedPolicyKey, catalog: ActivityCatalog): FlowDefinition {
  const parsed = parseFlowDefinition(shippedPolicyDocument(key));
  if (!parsed.ok) throw new Error(`${key} does not parse: ${JSON.stringify(parsed.issues)}`);
  const issues = validateFlow(parsed.flow, catalog);
  if (issues.length > 0) throw new Error(`${key} is invalid: ${JSON.stringify(issues)}`);
  return parsed.flow;
}

/** What seeding needs from flow storage (FlowVersions has it). */
export interface PolicyStore {
  versions(key: string): Promise<readonly unknown[]>;
  saveDraft(document: unknown, savedBy: string): Promise<unknown>;
  publish(key: string, publishedBy: string): Promise<{ version: number }>;
}

export interface SeededPolicy {
  key: ShippedPolicyKey;
  /** The version published now; undefined when the flow already had versions. */
  publishedVersion?: number;
}

export const POLICY_SEEDER = 'acorn-flow (shipped policy)';

/**
 * Saves and publishes each shipped policy whose key has no published version yet. A key an
 * admin has published (or one seeded before) is left alone, so a newer version is never
 * overwritten and a restart changes nothing.
 */
export async function seedShippedPolicies(store: PolicyStore): Promise<SeededPolicy[]> {
  const seeded: SeededPolicy[] = [];
  for (const key of SHIPPED_POLICY_KEYS) {
    if ((await store.versions(key)).length > 0) {
      seeded.push({ key });
      continue;
    }
    await store.saveDraft(shippedPolicyDocument(key), POLICY_SEEDER);
    const { version } = await store.publish(key, POLICY_SEEDER);
    seeded.push({ key, publishedVersion: version });
  }
  return seeded;
}
