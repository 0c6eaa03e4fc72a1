import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { contentHash, type FlowDefinition, parseFlowDefinition, sha256Hex } from '#flow-language';
import { refundFlow, refundFlowDocument } from './fixtures/refund-flow.ts';

function nodeSha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([key, item]) => [key, reverseKeys(item)]),
  );
}

function parsed(document: unknown): FlowDefinition {
  const result = parseFlowDefinition(document);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.flow;
}

function changed(change: (flow: FlowDefinition) => void): string {
  const flow = structuredClone(refundFlow);
  change(flow);
  return contentHash(flow);
}

describe('sha256Hex', () => {
  it.each([
    '',
    'abc',
    'abcdbcdecdefdefgefghfghighijhijkijkljklmjklmnklmnolmnopmnopqnopq',
    'a'.repeat(55),
    'a'.repeat(56),
    'a'.repeat(64),
    'x'.repeat(1000),
    'Rückerstattung 退款 🧾',
  ])('matches node:crypto for %#', (text) => {
    expect(sha256Hex(text)).toBe(nodeSha256(text));
  });

  it('hashes a lone surrogate as the database stores it (U+FFFD), so a saved trail verifies', () => {
    const sent = 'reason: \ud83d broken emoji';
    const stored = Buffer.from(sent, 'utf8').toString('utf8');
    expect(stored).toBe('reason: \ufffd broken emoji');
    expect(sha256Hex(sent)).toBe(sha256Hex(stored));
    expect(sha256Hex(sent)).toBe(nodeSha256(sent));
  });
});

describe('contentHash', () => {
  const base = contentHash(refundFlow);

  it('is a 64-digit hex SHA-256', () => {
    expect(base).toMatch(/^[0-9a-f]{64}$/);
  });

  it('ignores key order', () => {
    expect(contentHash(parsed(reverseKeys(refundFlowDocument)))).toBe(base);
  });

  it('ignores node and edge order', () => {
    expect(
      changed((flow) => {
        flow.nodes.reverse();
        flow.edges.reverse();
      }),
    ).toBe(base);
  });

  it('ignores layout', () => {
    expect(
      changed((flow) => {
        for (const node of flow.nodes) node.position = { x: 1, y: 2 };
      }),
    ).toBe(base);
    expect(
      changed((flow) => {
        for (const node of flow.nodes) delete node.position;
      }),
    ).toBe(base);
  });

  it('ignores the version number, so an unchanged republish is detectable', () => {
    expect(changed((flow) => (flow.version = 2))).toBe(base);
  });

  it('changes with semantics', () => {
    expect(
      changed((flow) => {
        const policy = flow.nodes.find((n) => n.id === 'policy');
        if (policy?.kind === 'decision')
          policy.condition = { '<=': [{ var: 'daysSinceDelivery' }, 15] };
      }),
    ).not.toBe(base);
    expect(
      changed((flow) => (flow.edges[1] = { ...flow.edges[1], target: 'review' } as never)),
    ).not.toBe(base);
    expect(
      changed((flow) => (flow.inputs.orderTotal = { type: 'number', required: false })),
    ).not.toBe(base);
  });

  it('changes with labels, which auditors and reviewers see', () => {
    expect(
      changed((flow) => (flow.nodes[1] = { ...flow.nodes[1], label: 'Policy' } as never)),
    ).not.toBe(base);
  });

  it('is the same for equivalent stored forms once defaults are applied', () => {
    const explicit = structuredClone(refundFlowDocument);
    const implicit = structuredClone(refundFlowDocument) as { nodes: Record<string, unknown>[] };
    const review = implicit.nodes.find((n) => n.id === 'review');
    delete review?.forbidRequester;
    delete review?.approvalsRequired;
    expect(contentHash(parsed(implicit))).toBe(contentHash(parsed(explicit)));
  });
});
