import { describe, expect, it } from 'vitest';
import { CARD_LAYOUT_HEIGHT, cardExits } from '../../../designer/src/flows/card-size.ts';
import { type FlowDocument, toCanvas } from '../../../designer/src/flows/flow-graph.ts';
import { nodePorts } from '../../../designer/src/flows/node-summary.ts';
import { shippedPolicyDocument } from '../../../policies/shipped-policies.ts';

type Point = { x: number; y: number };
type Card = { id: string; x: number; y: number; width: number; exits: Map<string, number> };

/** The cards as the designer draws a shipped policy: at its positions, or laid out top-down. */
function cardsOf(document: FlowDocument): Map<string, Card> {
  const { nodes } = toCanvas(document);
  return new Map(
    nodes.map((node) => {
      const { width, slots } = cardExits(nodePorts(node.data.content));
      const exits = new Map(slots.map((slot) => [slot.port, slot.center]));
      return [node.id, { id: node.id, ...node.position, width, exits }];
    }),
  );
}

/**
 * React Flow's default edge from an exit at a card's bottom to the entry at the top middle of
 * another: a cubic Bézier whose handles reach half the drop down and up (a quarter-curvature
 * loop when the target sits higher).
 */
function edgePoints(from: Point, to: Point): Point[] {
  const drop = to.y - from.y;
  const reach = drop >= 0 ? drop / 2 : 0.25 * 25 * Math.sqrt(-drop);
  const [c1, c2] = [
    { x: from.x, y: from.y + reach },
    { x: to.x, y: to.y - reach },
  ];
  return Array.from({ length: 99 }, (_, i) => {
    const t = (i + 1) / 100;
    const [a, b, c, d] = [(1 - t) ** 3, 3 * (1 - t) ** 2 * t, 3 * (1 - t) * t ** 2, t ** 3];
    return {
      x: a * from.x + b * c1.x + c * c2.x + d * to.x,
      y: a * from.y + b * c1.y + c * c2.y + d * to.y,
    };
  });
}

const inside = (point: Point, card: Card) =>
  point.x > card.x &&
  point.x < card.x + card.width &&
  point.y > card.y &&
  point.y < card.y + CARD_LAYOUT_HEIGHT;

/** Each edge that runs across a card it neither leaves nor enters, as `source.exit→target over card`. */
function edgesOverCards(document: FlowDocument): string[] {
  const cards = cardsOf(document);
  return (document.edges ?? []).flatMap((edge) => {
    const source = cards.get(edge.source);
    const target = cards.get(edge.target);
    if (!source || !target) return [];
    const exit = edge.handle ?? 'next';
    const from = { x: source.x + (source.exits.get(exit) ?? 0), y: source.y + CARD_LAYOUT_HEIGHT };
    const to = { x: target.x + target.width / 2, y: target.y };
    const others = [...cards.values()].filter((card) => card !== source && card !== target);
    const crossed = others.find((card) => edgePoints(from, to).some((p) => inside(p, card)));
    return crossed ? [`${edge.source}.${exit}→${edge.target} over ${crossed.id}`] : [];
  });
}

describe('the shipped policies drawn in the designer', () => {
  it.each([
    'a-to-z-claim',
    'chargeback',
    'vendor-po-acknowledgement',
    'marketplace-refund',
  ] as const)('draws no edge of %s across a card it does not join', (key) => {
    expect(edgesOverCards(shippedPolicyDocument(key) as FlowDocument)).toEqual([]);
  });
});
