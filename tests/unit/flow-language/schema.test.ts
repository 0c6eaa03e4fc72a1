import { describe, expect, it } from 'vitest';
import { parseFlowDefinition } from '#flow-language';
import { refundFlowDocument } from './fixtures/refund-flow.ts';

function documentWith(
  change: (
    doc: Record<string, unknown> & {
      nodes: Record<string, unknown>[];
      edges: Record<string, unknown>[];
    },
  ) => void,
): unknown {
  const doc = structuredClone(refundFlowDocument) as unknown as Parameters<typeof change>[0];
  change(doc);
  return doc;
}

function nodeIn(doc: { nodes: Record<string, unknown>[] }, id: string): Record<string, unknown> {
  const found = doc.nodes.find((n) => n.id === id);
  if (!found) throw new Error(`no node ${id}`);
  return found;
}

function issuesOf(json: unknown) {
  const result = parseFlowDefinition(json);
  if (result.ok) throw new Error('expected a parse failure');
  return result.issues;
}

describe('parseFlowDefinition', () => {
  it('parses the fixture and applies defaults', () => {
    const result = parseFlowDefinition(refundFlowDocument);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const review = result.flow.nodes.find((n) => n.id === 'review');
    expect(review).toMatchObject({ kind: 'approval', forbidRequester: true, approvalsRequired: 1 });
    const minimal = parseFlowDefinition({ key: 'x', name: 'X', version: 1, nodes: [] });
    expect(minimal).toMatchObject({ ok: true, flow: { inputs: {}, variables: {}, edges: [] } });
  });

  it('names the node and field of a missing property', () => {
    const issues = issuesOf(documentWith((doc) => delete nodeIn(doc, 'refund').timeoutSeconds));
    expect(issues).toEqual([
      expect.objectContaining({
        nodeId: 'refund',
        field: 'timeoutSeconds',
        code: 'schema.invalid_type',
      }),
    ]);
    expect(issues[0]?.message).toMatch(
      /^Action "Issue refund" \(refund\), field "timeoutSeconds": /,
    );
  });

  it('rejects unknown node kinds', () => {
    const issues = issuesOf(documentWith((doc) => (nodeIn(doc, 'policy').kind = 'gateway')));
    expect(issues).toEqual([
      expect.objectContaining({ nodeId: 'policy', field: 'kind', code: 'schema.invalid_union' }),
    ]);
  });

  it('rejects misspelt keys instead of dropping them', () => {
    const issues = issuesOf(
      documentWith((doc) => {
        const refund = nodeIn(doc, 'refund');
        refund.retyr = refund.retry;
        delete refund.retry;
      }),
    );
    expect(issues).toEqual([
      expect.objectContaining({ nodeId: 'refund', code: 'schema.unrecognized_keys' }),
    ]);
  });

  it('requires exactly one of condition or cases on a decision', () => {
    const issues = issuesOf(
      documentWith((doc) => (nodeIn(doc, 'policy').cases = [{ id: 'a', when: true }])),
    );
    expect(issues).toEqual([
      expect.objectContaining({ nodeId: 'policy', field: 'condition', code: 'schema.custom' }),
    ]);
  });

  it('requires exactly one of durationSeconds or untilExpression on a wait', () => {
    const issues = issuesOf(documentWith((doc) => doc.nodes.push({ id: 'w', kind: 'wait' })));
    expect(issues).toEqual([expect.objectContaining({ nodeId: 'w', code: 'schema.custom' })]);
  });

  it('requires options on select form fields', () => {
    const issues = issuesOf(
      documentWith((doc) => {
        nodeIn(doc, 'review').form = [{ name: 'grade', label: 'Grade', type: 'select' }];
      }),
    );
    expect(issues).toEqual([
      expect.objectContaining({ nodeId: 'review', field: 'form[0].options' }),
    ]);
  });

  it('rejects rules that are not JSON', () => {
    const issues = issuesOf(
      documentWith((doc) => (nodeIn(doc, 'policy').condition = { '<': [Number.NaN, 1] })),
    );
    expect(issues).toEqual([expect.objectContaining({ nodeId: 'policy', field: 'condition' })]);
  });

  it('names the edge of an edge issue', () => {
    const issues = issuesOf(documentWith((doc) => delete doc.edges[0]?.target));
    expect(issues).toEqual([
      expect.objectContaining({ edgeId: 'e-start', field: 'target', code: 'schema.invalid_type' }),
    ]);
  });

  it('reports flow-level fields by path', () => {
    const issues = issuesOf(
      documentWith((doc) => {
        doc.version = 0;
        doc.inputs = { 'bad.name': { type: 'string', required: true } };
      }),
    );
    expect(issues.map((issue) => issue.field)).toEqual(['version', 'inputs.bad.name']);
    expect(issues.every((issue) => issue.nodeId === undefined)).toBe(true);
  });

  it('falls back to the index when a node has no usable id', () => {
    const issues = issuesOf(documentWith((doc) => delete nodeIn(doc, 'policy').id));
    expect(issues[0]).toMatchObject({ field: 'nodes[1].id', code: 'schema.invalid_type' });
  });

  it('rejects non-objects', () => {
    expect(issuesOf('not a flow')).toEqual([
      expect.objectContaining({ code: 'schema.invalid_type' }),
    ]);
  });
});
