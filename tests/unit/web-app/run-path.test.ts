import { describe, expect, it } from 'vitest';
import type { TrailEventView } from '#api-contract/cases';
import { runPath } from '../../../designer/src/runs/run-path.ts';

const flow = {
  edges: [
    { id: 'e-start', source: 'start', target: 'check' },
    { id: 'e-small', source: 'check', target: 'auto', handle: 'true' },
    { id: 'e-large', source: 'check', target: 'review', handle: 'false' },
    { id: 'e-again', source: 'review', target: 'check', handle: 'rejected' },
    { id: 'e-ok', source: 'review', target: 'done', handle: 'approved' },
  ],
};

let sequence = 0;
const event = (
  type: string,
  nodeId: string,
  details?: Record<string, unknown>,
): TrailEventView => ({
  sequence: ++sequence,
  at: '2026-11-23T03:00:00.000Z',
  type,
  nodeId,
  ...(details && { details }),
});

describe('the path a run took', () => {
  it('follows the handles the trail names, an edge without one leaving by "next"', () => {
    const trail = [
      event('node.entered', 'start'),
      event('node.left', 'start', { handle: 'next' }),
      event('node.entered', 'check'),
      event('node.left', 'check', { handle: 'false' }),
      event('node.entered', 'review'),
    ];
    const path = runPath(flow, trail, ['review']);
    expect(path.nodeIds).toEqual(['start', 'check', 'review']);
    expect(path.edgeIds).toEqual(['e-start', 'e-large']);
    expect(path.badges).toEqual({ review: 'now' });
  });

  it('counts nodes entered more than once', () => {
    const trail = [
      event('node.entered', 'check'),
      event('node.left', 'check', { handle: 'false' }),
      event('node.entered', 'review'),
      event('node.left', 'review', { handle: 'rejected' }),
      event('node.entered', 'check'),
      event('node.left', 'check', { handle: 'true' }),
      event('node.entered', 'auto'),
    ];
    const path = runPath(flow, trail);
    expect(path.badges).toEqual({ check: '2×' });
    expect(path.edgeIds.sort()).toEqual(['e-again', 'e-large', 'e-small']);
  });
});
