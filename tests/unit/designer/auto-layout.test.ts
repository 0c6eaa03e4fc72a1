import { describe, expect, it } from 'vitest';
import { layoutTopDown } from '../../../designer/src/flows/auto-layout.ts';

const box = (id: string) => ({ id, width: 170, height: 60 });

describe('auto-layout', () => {
  it('places each step of a chain below the previous one', () => {
    const positions = layoutTopDown(
      [box('a'), box('b'), box('c')],
      [
        { source: 'a', target: 'b' },
        { source: 'b', target: 'c' },
      ],
    );
    const ys = ['a', 'b', 'c'].map((id) => positions.get(id)?.y ?? Number.NaN);
    expect(ys[0]).toBeLessThan(ys[1] ?? 0);
    expect(ys[1]).toBeLessThan(ys[2] ?? 0);
  });

  it('puts branches side by side without overlap', () => {
    const positions = layoutTopDown(
      [box('d'), box('yes'), box('no')],
      [
        { source: 'd', target: 'yes' },
        { source: 'd', target: 'no' },
      ],
    );
    const yes = positions.get('yes');
    const no = positions.get('no');
    expect(yes?.y).toBe(no?.y);
    expect(Math.abs((yes?.x ?? 0) - (no?.x ?? 0))).toBeGreaterThanOrEqual(170);
  });

  it('ignores edges to unknown nodes and sizes unmeasured nodes by default', () => {
    const positions = layoutTopDown(
      [{ id: 'a', width: 0, height: 0 }],
      [{ source: 'a', target: 'ghost' }],
    );
    expect([...positions.keys()]).toEqual(['a']);
  });
});
