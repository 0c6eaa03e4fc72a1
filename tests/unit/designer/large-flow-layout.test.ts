import { describe, expect, it } from 'vitest';
import { CARD_MIN_WIDTH, cardExits } from '../../../designer/src/flows/card-size.ts';
import { cardBox, type FlowDocument, toCanvas } from '../../../designer/src/flows/flow-graph.ts';
import { LEGIBLE_ZOOM, readableViewport } from '../../../designer/src/flows/readable-view.ts';
import { SHIPPED_POLICY_KEYS, shippedPolicyDocument } from '../../../policies/shipped-policies.ts';

type Box = { x: number; y: number; width: number; height: number };
const overlaps = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe('a node card makes room for its exits', () => {
  it('gives the refund policy decision five exits side by side, none on another', () => {
    const ports = ['late', 'highValue', 'qualityProblem', 'autoApprove', 'default'];
    const { width, slots } = cardExits(ports);
    expect(slots.map((slot) => slot.port)).toEqual(ports);
    expect(width).toBeGreaterThan(CARD_MIN_WIDTH);
    slots.forEach((slot, i) => {
      const next = slots[i + 1];
      // A label's room ends where the next one's begins, and each fits its name at 6.5px a letter.
      if (next) expect(slot.center + slot.width / 2).toBeCloseTo(next.center - next.width / 2);
      expect(slot.width).toBeGreaterThanOrEqual(slot.port.length * 6.5);
    });
    const last = slots.at(-1);
    expect((last?.center ?? 0) + (last?.width ?? 0) / 2).toBeCloseTo(width);
  });

  it('keeps a two-exit card at the narrowest width, its exits spread across it', () => {
    const { width, slots } = cardExits(['approved', 'rejected']);
    expect(width).toBe(CARD_MIN_WIDTH);
    expect(slots[0]?.center).toBeLessThan(width / 2);
    expect(slots[1]?.center).toBeGreaterThan(width / 2);
  });

  it('lays out every shipped policy without two cards on top of each other', () => {
    for (const key of SHIPPED_POLICY_KEYS) {
      const { nodes } = toCanvas(shippedPolicyDocument(key) as FlowDocument);
      const boxes = nodes.map((node) => ({ ...cardBox(node), ...node.position }));
      const clashes = boxes.flatMap((a, i) =>
        boxes
          .slice(i + 1)
          .filter((b) => overlaps(a, b))
          .map((b) => `${a.id}/${b.id}`),
      );
      expect({ key, clashes }).toEqual({ key, clashes: [] });
    }
  });
});

describe('the view a flow opens with', () => {
  const pane = { width: 800, height: 500 };

  it('fits a small flow whole, centred', () => {
    const bounds = { x: 0, y: 0, width: 400, height: 200 };
    const view = readableViewport(bounds, { x: 150, y: 0, width: 100, height: 60 }, pane);
    expect(view.zoom).toBeGreaterThanOrEqual(LEGIBLE_ZOOM);
    expect(view.x + (bounds.width / 2) * view.zoom).toBeCloseTo(pane.width / 2);
    expect(view.y + (bounds.height / 2) * view.zoom).toBeCloseTo(pane.height / 2);
  });

  it('never zooms a tall flow out below the legible zoom, and centres its start at the top', () => {
    const bounds = { x: -300, y: 0, width: 1200, height: 2600 };
    const start = { x: 200, y: 0, width: 170, height: 60 };
    const view = readableViewport(bounds, start, pane);
    expect(view.zoom).toBe(LEGIBLE_ZOOM);
    const startMiddle = view.x + (start.x + start.width / 2) * view.zoom;
    expect(startMiddle).toBeCloseTo(pane.width / 2);
    const startTop = view.y + start.y * view.zoom;
    expect(startTop).toBeGreaterThan(0);
    expect(startTop).toBeLessThan(pane.height / 4);
  });

  it('anchors a flow without a start at the top middle of its drawing', () => {
    const bounds = { x: 100, y: 50, width: 4000, height: 4000 };
    const view = readableViewport(bounds, undefined, pane);
    expect(view.zoom).toBe(LEGIBLE_ZOOM);
    expect(view.x + (bounds.x + bounds.width / 2) * view.zoom).toBeCloseTo(pane.width / 2);
  });

  it('moves a tall flow as narrow as the pane just enough to keep its left column in view', () => {
    const bounds = { x: -500, y: 0, width: 900, height: 3000 };
    const start = { x: 200, y: 0, width: 170, height: 60 };
    const view = readableViewport(bounds, start, pane);
    expect(view.zoom).toBe(LEGIBLE_ZOOM);
    expect(view.x + bounds.x * view.zoom).toBeCloseTo(32);
    expect(view.x + (bounds.x + bounds.width) * view.zoom).toBeLessThanOrEqual(pane.width);
  });

  it('fits a flow with less than the usual margin across the pane rather than cut it', () => {
    const bounds = { x: -500, y: 0, width: 1040, height: 3000 };
    const start = { x: 200, y: 0, width: 170, height: 60 };
    const view = readableViewport(bounds, start, pane);
    expect(view.x + bounds.x * view.zoom).toBeCloseTo(10);
    expect(view.x + (bounds.x + bounds.width) * view.zoom).toBeCloseTo(pane.width - 10);
  });
});
