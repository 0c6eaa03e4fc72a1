import { beforeEach, describe, expect, it } from 'vitest';
import { beginDrag, endDrag, useFlowEditor } from '../../../designer/src/flows/editor-store.ts';
import { refundFlow } from './sample-flows.ts';

const editor = () => useFlowEditor.getState();
const history = () => useFlowEditor.temporal.getState();
const nodeIds = () => editor().nodes.map((node) => node.id);

describe('flow editor store', () => {
  beforeEach(() => editor().load(refundFlow()));

  it('starts a loaded flow with an empty history', () => {
    expect(history().pastStates).toHaveLength(0);
    expect(editor().document()).toEqual(refundFlow());
  });

  it('undoes and redoes adding a node', () => {
    const id = editor().addNode({ kind: 'end', outcome: 'done' }, { x: 5, y: 5 });
    expect(id).toBe('end-1');
    history().undo();
    expect(nodeIds()).not.toContain('end-1');
    history().redo();
    expect(nodeIds()).toContain('end-1');
  });

  it('does not record selection or measuring in the history', () => {
    editor().select('small');
    editor().onNodesChange([
      { type: 'dimensions', id: 'small', dimensions: { width: 170, height: 60 } },
    ]);
    expect(history().pastStates).toHaveLength(0);
  });

  it('records a whole drag as one step', () => {
    beginDrag();
    for (let x = 1; x <= 20; x += 1) {
      editor().onNodesChange([{ type: 'position', id: 'start', position: { x, y: 0 } }]);
    }
    endDrag();
    expect(history().pastStates).toHaveLength(1);
    history().undo();
    expect(editor().nodes[0]?.position).toEqual({ x: 0, y: 0 });
  });

  it('replaces the edge of a port that is connected again', () => {
    editor().connect({
      source: 'small',
      sourceHandle: 'true',
      target: 'rejected',
      targetHandle: 'in',
    });
    const fromTrue = editor().edges.filter(
      (e) => e.source === 'small' && e.sourceHandle === 'true',
    );
    expect(fromTrue.map((e) => e.target)).toEqual(['rejected']);
  });

  it('removes the edges of deleted nodes', () => {
    editor().select('review');
    editor().deleteSelected();
    expect(nodeIds()).not.toContain('review');
    expect(editor().edges.map((e) => e.id)).toEqual(['e1', 'e2', 'e4']);
  });

  it('pastes copies that do not clash with existing ids, again and again', () => {
    editor().select('refund');
    editor().copy();
    editor().paste();
    editor().paste();
    expect(nodeIds().filter((id) => id.startsWith('action-'))).toEqual(['action-1', 'action-2']);
    const positions = editor()
      .nodes.filter((n) => n.id.startsWith('action-'))
      .map((n) => n.position);
    expect(positions).toEqual([
      { x: -60, y: 240 },
      { x: -20, y: 280 },
    ]);
  });

  it('updates node content and marks the flow changed', () => {
    const before = editor().revision;
    editor().updateContent('rejected', { kind: 'end', outcome: 'declined' });
    expect(editor().revision).not.toBe(before);
    expect(
      editor()
        .document()
        .nodes.find((n) => n.id === 'rejected'),
    ).toMatchObject({
      outcome: 'declined',
    });
  });

  it('lays the flow out top-down in one undoable step', () => {
    editor().autoLayout();
    const y = (id: string) => editor().nodes.find((n) => n.id === id)?.position.y ?? 0;
    expect(y('start')).toBeLessThan(y('small'));
    expect(y('small')).toBeLessThan(y('refund'));
    history().undo();
    expect(editor().document()).toEqual(refundFlow());
  });
});

describe('renaming exits', () => {
  beforeEach(() => editor().load(refundFlow()));

  it('keeps edges attached when a decision switches to cases', () => {
    editor().updateContent(
      'small',
      { kind: 'decision', cases: [{ id: 'case_1', when: true }] },
      { true: 'case_1', false: 'default' },
    );
    const exits = editor()
      .edges.filter((edge) => edge.source === 'small')
      .map((edge) => [edge.sourceHandle, edge.target]);
    expect(exits).toEqual([
      ['case_1', 'refund'],
      ['default', 'review'],
    ]);
  });

  it('leaves edges of other nodes alone', () => {
    editor().updateContent('refund', editor().nodes[2]?.data.content ?? { kind: 'parallel' }, {
      next: 'error',
    });
    expect(editor().edges.find((edge) => edge.id === 'e5')?.sourceHandle).toBe('approved');
    expect(editor().edges.find((edge) => edge.id === 'e4')?.sourceHandle).toBe('error');
  });
});
