import type { z } from 'zod';
import { type FlowIssue, NODE_KIND_TITLES } from './issues.ts';
import { NODE_KINDS, type NodeKind } from './nodes.ts';
import { isPlainObject } from './primitives.ts';
import { type FlowDefinition, FlowDefinitionSchema } from './schema.ts';

export type ParseResult = { ok: true; flow: FlowDefinition } | { ok: false; issues: FlowIssue[] };

type PathSegment = PropertyKey;

/** Parses stored or submitted JSON into a typed flow; errors use the validation issue format. */
export function parseFlowDefinition(json: unknown): ParseResult {
  const result = FlowDefinitionSchema.safeParse(json);
  if (result.success) return { ok: true, flow: result.data };
  return { ok: false, issues: result.error.issues.map((issue) => toFlowIssue(issue, json)) };
}

function formatPath(path: readonly PathSegment[]): string {
  return path
    .map((segment, i) => {
      if (typeof segment === 'number') return `[${segment}]`;
      return i === 0 ? String(segment) : `.${String(segment)}`;
    })
    .join('');
}

// The raw element is read back so the issue can name a node by id even when parsing failed.
function elementAt(json: unknown, collection: string, index: unknown): Record<string, unknown> {
  if (!isPlainObject(json) || typeof index !== 'number') return {};
  const items = json[collection];
  const item = Array.isArray(items) ? items[index] : undefined;
  return isPlainObject(item) ? item : {};
}

function stringField(element: Record<string, unknown>, key: string): string | undefined {
  const value = element[key];
  return typeof value === 'string' ? value : undefined;
}

function nodeTitle(element: Record<string, unknown>, id: string): string {
  const kind = stringField(element, 'kind');
  const title = NODE_KINDS.includes(kind as NodeKind) ? NODE_KIND_TITLES[kind as NodeKind] : 'Node';
  const label = stringField(element, 'label');
  return label ? `${title} "${label}" (${id})` : `${title} (${id})`;
}

function withField(subject: string, field: string): string {
  return field ? `${subject}, field "${field}"` : subject;
}

function toFlowIssue(issue: z.core.$ZodIssue, json: unknown): FlowIssue {
  const [collection, index, ...rest] = issue.path;
  const code = `schema.${issue.code}`;
  if (collection === 'nodes' || collection === 'edges') {
    const element = elementAt(json, collection, index);
    const id = stringField(element, 'id');
    if (id !== undefined) {
      const field = formatPath(rest);
      const subject = collection === 'nodes' ? nodeTitle(element, id) : `Edge ${id}`;
      const idKey = collection === 'nodes' ? 'nodeId' : 'edgeId';
      const message = `${withField(subject, field)}: ${issue.message}`;
      return { [idKey]: id, ...(field ? { field } : {}), code, message };
    }
  }
  const field = formatPath(issue.path);
  return {
    ...(field ? { field } : {}),
    code,
    message: `${withField('Flow', field)}: ${issue.message}`,
  };
}
