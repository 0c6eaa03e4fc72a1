import {
  type ActivityCatalog,
  type FlowDefinition,
  type FlowDefinitionInput,
  parseFlowDefinition,
  validateFlow,
} from '#flow-language';
import { probeCatalog } from './probe-activities.ts';

type NodeInput = FlowDefinitionInput['nodes'][number];
type EdgeSpec = [source: string, target: string, handle?: string];

export interface FlowSketch {
  inputs?: FlowDefinitionInput['inputs'];
  variables?: FlowDefinitionInput['variables'];
  nodes: NodeInput[];
  edges: EdgeSpec[];
  version?: number;
}

/** Builds a flow from a compact sketch and insists it is valid, as publishing would. */
export function buildFlow(
  key: string,
  sketch: FlowSketch,
  catalog: ActivityCatalog = probeCatalog,
): FlowDefinition {
  const parsed = parseFlowDefinition({
    key,
    name: key,
    version: sketch.version ?? 1,
    inputs: sketch.inputs ?? {},
    variables: sketch.variables ?? {},
    nodes: sketch.nodes,
    edges: sketch.edges.map(([source, target, handle], index) => ({
      id: `e${index}`,
      source,
      target,
      ...(handle ? { handle } : {}),
    })),
  });
  if (!parsed.ok) throw new Error(`${key} does not parse: ${JSON.stringify(parsed.issues)}`);
  const issues = validateFlow(parsed.flow, catalog);
  if (issues.length > 0) throw new Error(`${key} is invalid: ${JSON.stringify(issues, null, 1)}`);
  return parsed.flow;
}

export const probe = (id: string, label: string, extra: Record<string, unknown> = {}) =>
  ({
    id,
    kind: 'action',
    activity: 'notify.probe',
    inputs: { label },
    timeoutSeconds: 30,
    retry: {
      maximumAttempts: 3,
      initialIntervalSeconds: 0.2,
      backoffCoefficient: 2,
      maximumIntervalSeconds: 1,
    },
    ...extra,
  }) as NodeInput;

export const end = (id: string, outcome = id) => ({ id, kind: 'end', outcome }) as NodeInput;
export const start = { id: 'start', kind: 'start', trigger: 'test.started' } as NodeInput;
