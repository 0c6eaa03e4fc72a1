import { type ActivityCatalog, findActivity } from './activity-catalog.ts';
import type { FlowNode } from './nodes.ts';
import type { FieldType } from './primitives.ts';
import type { FlowDefinition } from './schema.ts';

/**
 * What rules can read. Rule data is one flat object: declared inputs, declared variables and
 * node results (resultVariable) at the top level, plus the reserved `case` context. A `var`
 * path resolves by its first segment; deeper segments are checked where the shape is known.
 */
export const CASE_CONTEXT_ROOT = 'case';

/**
 * Supplied by the interpreter for every case: who asked, when, and for which store; `amazon`
 * is what Amazon's notifications said about the order since (`orderStatus`, `shipmentStatus`,
 * each absent until one came: read them with a default).
 */
export const CASE_CONTEXT_FIELDS = [
  'id',
  'requestedBy',
  'startedAt',
  'brand',
  'marketplace',
  'store',
  'amazon',
] as const;

/** What `case.amazon` holds: the latest status Amazon's notifications gave, when one came. */
export const AMAZON_CONTEXT_FIELDS = ['orderStatus', 'shipmentStatus'] as const;

/** The value an approval node stores in its resultVariable. */
export const APPROVAL_RESULT_FIELDS = ['outcome', 'approvers', 'comment', 'form'] as const;

/** The value a subflow node stores in its resultVariable. */
export const SUBFLOW_RESULT_FIELDS = ['outcome', 'variables'] as const;

export type DataRootSource = 'input' | 'variable' | 'result' | 'context';

export interface DataRoot {
  name: string;
  source: DataRootSource;
  /** The node that writes a result root. */
  nodeId?: string;
  /** Known second-level fields; 'any' for open objects, 'none' for scalars. */
  fields: readonly string[] | 'any' | 'none';
}

const CONTAINER_TYPES: readonly FieldType[] = ['object', 'array'];

function fieldsOfType(type: FieldType): DataRoot['fields'] {
  return CONTAINER_TYPES.includes(type) ? 'any' : 'none';
}

function resultFields(node: FlowNode, catalog: ActivityCatalog): DataRoot['fields'] {
  if (node.kind === 'approval') return APPROVAL_RESULT_FIELDS;
  if (node.kind === 'subflow') return SUBFLOW_RESULT_FIELDS;
  if (node.kind !== 'action') return 'any';
  const activity = findActivity(catalog, node.activity);
  return activity ? Object.keys(activity.output) : 'any';
}

function resultRoot(node: FlowNode, catalog: ActivityCatalog): DataRoot | undefined {
  if (!('resultVariable' in node) || node.resultVariable === undefined) return undefined;
  const fields = resultFields(node, catalog);
  return { name: node.resultVariable, source: 'result', nodeId: node.id, fields };
}

/** Every root a rule may read, in declaration order; duplicates are kept for conflict checks. */
export function dataRoots(flow: FlowDefinition, catalog: ActivityCatalog): DataRoot[] {
  const inputs = Object.entries(flow.inputs).map(([name, spec]): DataRoot => {
    return { name, source: 'input', fields: fieldsOfType(spec.type) };
  });
  const variables = Object.entries(flow.variables).map(([name, spec]): DataRoot => {
    return { name, source: 'variable', fields: fieldsOfType(spec.type) };
  });
  const results = flow.nodes.flatMap((node) => resultRoot(node, catalog) ?? []);
  const context: DataRoot = {
    name: CASE_CONTEXT_ROOT,
    source: 'context',
    fields: CASE_CONTEXT_FIELDS,
  };
  return [...inputs, ...variables, ...results, context];
}
