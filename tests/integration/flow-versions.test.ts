import type { Connection } from 'mongoose';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectDatabase } from '#platform/database';
import { FlowRejected, FlowVersions } from '../../server/flows/flow-versions.ts';
import { exampleCatalog } from '../unit/flow-language/fixtures/activity-catalog.ts';
import { refundFlowDocument } from '../unit/flow-language/fixtures/refund-flow.ts';

let database: Connection;
let flows: FlowVersions;

beforeAll(async () => {
  database = await connectDatabase(`${inject('mongoBaseUri')}/flow-versions`);
  flows = new FlowVersions(database, exampleCatalog);
});
afterAll(async () => {
  await database?.close();
});

const draftOf = (key: string, changes: Record<string, unknown> = {}) => ({
  ...structuredClone(refundFlowDocument),
  key,
  ...changes,
});

describe('flow versions', () => {
  it('publishes a valid draft as version 1 with its content hash', async () => {
    await flows.saveDraft(draftOf('refund-a'), 'admin-ada');
    const published = await flows.publish('refund-a', 'admin-ada');
    expect(published).toMatchObject({ key: 'refund-a', version: 1, publishedBy: 'admin-ada' });
    expect(published.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(published.definition.version).toBe(1);
  });

  it('returns the same version when nothing changed, and a new one when something did', async () => {
    await flows.saveDraft(draftOf('refund-b'), 'admin-ada');
    const first = await flows.publish('refund-b', 'admin-ada');
    const moved = structuredClone(refundFlowDocument);
    moved.nodes[0] = { ...moved.nodes[0], position: { x: 500, y: 500 } } as never;
    await flows.saveDraft({ ...moved, key: 'refund-b' }, 'admin-ada');
    expect((await flows.publish('refund-b', 'admin-ada')).version).toBe(first.version);

    await flows.saveDraft(draftOf('refund-b', { name: 'Renamed policy' }), 'admin-ada');
    const second = await flows.publish('refund-b', 'admin-bob');
    expect(second.version).toBe(2);
    expect(second.contentHash).not.toBe(first.contentHash);
    expect((await flows.get('refund-b', 1)).definition.name).toBe(refundFlowDocument.name);
    expect((await flows.versions('refund-b')).map((record) => record.version)).toEqual([1, 2]);
  });

  it('saves an incomplete draft with its problems but refuses to publish it', async () => {
    const broken = draftOf('refund-c', {
      edges: refundFlowDocument.edges.filter((edge) => edge.id !== 'e-manual'),
    });
    const saved = await flows.saveDraft(broken, 'admin-ada');
    expect(saved.issues).toContainEqual(
      expect.objectContaining({ nodeId: 'policy', code: 'decision.missing-edge' }),
    );
    const refusal = await flows.publish('refund-c', 'admin-ada').catch((error) => error);
    expect(refusal).toBeInstanceOf(FlowRejected);
    expect((refusal as FlowRejected).issues[0]?.nodeId).toBe('policy');
    expect(await flows.versions('refund-c')).toEqual([]);
  });

  it('refuses to save a document that is not a flow', async () => {
    const refusal = await flows
      .saveDraft({ key: 'refund-d', nodes: [{ id: 'x', kind: 'teleport' }] }, 'admin-ada')
      .catch((error) => error);
    expect(refusal).toBeInstanceOf(FlowRejected);
  });

  it('pins the published subflows a flow calls', async () => {
    const child = draftOf('grading-child');
    await flows.saveDraft(child, 'admin-ada');
    await flows.publish('grading-child', 'admin-ada');
    const parent = {
      key: 'with-subflow',
      name: 'With subflow',
      version: 1,
      nodes: [
        { id: 'start', kind: 'start', trigger: 'return.received' },
        { id: 'grade', kind: 'subflow', flowKey: 'grading-child' },
        { id: 'done', kind: 'end', outcome: 'done' },
      ],
      edges: [
        { id: 'a', source: 'start', target: 'grade' },
        { id: 'b', source: 'grade', target: 'done' },
      ],
    };
    await flows.saveDraft(parent, 'admin-ada');
    const published = await flows.publish('with-subflow', 'admin-ada');
    const pinned = await flows.pinSubflows(published.definition);
    expect(Object.keys(pinned)).toEqual(['grading-child']);
    expect(pinned['grading-child']?.version).toBe(1);
  });
});
