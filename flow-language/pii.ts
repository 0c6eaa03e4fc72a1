import { describeNode, type FlowIssue, ISSUE } from './issues.ts';
import type { FlowNode } from './nodes.ts';
import { isPlainObject } from './primitives.ts';
import { analyzeRule } from './rule-analysis.ts';
import { nodeRules } from './rule-locations.ts';
import type { ValidationContext } from './validation-context.ts';

/**
 * Buyer data declared `pii: true` travels as an envelope encrypted with the case's own key
 * (platform/pii-envelope.ts seals and opens it). The flow language only needs its shape: the
 * workflow passes envelopes along, and never needs the clear value.
 */
export const PII_ENVELOPE_VERSION = 'v1';

/**
 * The marker is `piiEnvelope`, not `$pii`: FerretDB refuses document keys that start with "$"
 * (`invalid key: "$pii" (key must not start with '$' sign)`), and envelopes sit inside trail
 * events and outbox records.
 */
export interface PiiEnvelope {
  piiEnvelope: typeof PII_ENVELOPE_VERSION;
  /** The case key that sealed it (the case id). */
  keyId: string;
  iv: string;
  /** Ciphertext and GCM tag, base64. */
  data: string;
}

const ENVELOPE_KEYS = ['data', 'iv', 'keyId', 'piiEnvelope'];

export function isPiiEnvelope(value: unknown): value is PiiEnvelope {
  if (!isPlainObject(value) || value.piiEnvelope !== PII_ENVELOPE_VERSION) return false;
  const keys = Object.keys(value).sort();
  return (
    keys.length === ENVELOPE_KEYS.length &&
    keys.every((key, i) => key === ENVELOPE_KEYS[i] && typeof value[key] === 'string')
  );
}

/** Input names that usually hold a person's data: the validator asks for `pii: true` on them. */
const PII_NAME = /e[-_]?mail|phone|name|address|postcode|zip/i;

/** Where a value is only passed along (to an activity, a subflow, a variable), never computed on. */
const PASS_THROUGH_KINDS: ReadonlySet<FlowNode['kind']> = new Set(['action', 'subflow', 'set']);

/** The var paths that hold PII: declared inputs, and activity result fields declared PII. */
function piiPaths({ flow, catalog }: ValidationContext): string[] {
  const inputs = Object.entries(flow.inputs)
    .filter(([, spec]) => spec.pii)
    .map(([name]) => name);
  const results = flow.nodes.flatMap((node) => {
    if (node.kind !== 'action' || node.resultVariable === undefined) return [];
    const activity = catalog.find((entry) => entry.name === node.activity);
    return Object.entries(activity?.output ?? {})
      .filter(([, spec]) => spec.pii)
      .map(([field]) => `${node.resultVariable}.${field}`);
  });
  return [...inputs, ...results];
}

const readsPii = (path: string, pii: readonly string[]) =>
  pii.some((root) => path === root || path.startsWith(`${root}.`));

/** `{"var": "buyerEmail"}` (or `{"var": ["buyerEmail"]}`): the value itself, untouched. */
function isPassThrough(rule: unknown): boolean {
  if (!isPlainObject(rule) || Object.keys(rule).length !== 1) return false;
  const target = Array.isArray(rule.var) && rule.var.length === 1 ? rule.var[0] : rule.var;
  return typeof target === 'string';
}

/**
 * Rules never compute on PII: the workflow holds only ciphertext, so a comparison would run
 * on an envelope (and a clear value in a rule would land in the trail and Temporal's history).
 * Passing the value along unchanged is allowed; the activity that needs it decrypts it.
 */
export function checkPiiRules(context: ValidationContext): FlowIssue[] {
  const pii = piiPaths(context);
  if (pii.length === 0) return [];
  return [...context.nodesById.values()].flatMap((node) =>
    nodeRules(node).flatMap(({ field, rule }) => {
      if (PASS_THROUGH_KINDS.has(node.kind) && isPassThrough(rule)) return [];
      const read = analyzeRule(rule).vars.find(({ path }) => readsPii(path, pii));
      if (read === undefined) return [];
      const message =
        `${describeNode(node)}, ${field}: reads "${read.path}", which is buyer data (pii); ` +
        'rules may only pass it along unchanged, never compare or compute on it';
      return [{ nodeId: node.id, field, code: ISSUE.piiInRule, message }];
    }),
  );
}

/** Advice, not an error: an input named like a person's data should be declared `pii`. */
export function checkPiiNames({ flow }: Pick<ValidationContext, 'flow'>): FlowIssue[] {
  return Object.entries(flow.inputs)
    .filter(([name, spec]) => PII_NAME.test(name) && !spec.pii)
    .map(([name]) => ({
      field: `inputs.${name}`,
      code: ISSUE.piiNotMarked,
      severity: 'warning' as const,
      message: `Input "${name}" looks like buyer data: mark it "pii": true so it is encrypted and erased on time`,
    }));
}
