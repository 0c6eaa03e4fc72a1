import { ACTIVITY_SYSTEMS, type ActivityCatalog, NODE_KINDS } from '#flow-language';
import { i18n } from '../i18n/i18n.ts';
import { CARD_LAYOUT_HEIGHT, CARD_MIN_WIDTH, cardExits } from './card-size.ts';
import { activityTitle, systemName } from './catalog-words.ts';
import type { DesignerEdge, DesignerNode } from './flow-graph.ts';
import { nodePorts } from './node-summary.ts';
import type { PaletteItem } from './palette.tsx';

/** A line of the quick-add menu: what the palette offers, findable by name, kind or system. */
export interface QuickAddChoice {
  value: string;
  label: string;
  group: string;
  keywords: string[];
  item: PaletteItem;
}

export function quickAddChoices(catalog: ActivityCatalog): QuickAddChoice[] {
  const nodesGroup = i18n.t('flows.paletteNodes');
  const kinds = NODE_KINDS.map((kind) => ({
    value: `kind:${kind}`,
    label: i18n.t(`nodeKinds.${kind}`),
    group: nodesGroup,
    keywords: [kind],
    item: { kind },
  }));
  const activities = ACTIVITY_SYSTEMS.flatMap((system) =>
    catalog
      .filter((activity) => activity.system === system)
      .map((activity) => ({
        value: `activity:${activity.name}`,
        label: activityTitle(activity),
        group: systemName(system),
        keywords: [activity.name, system, i18n.t('nodeKinds.action')],
        item: { activity: activity.name },
      })),
  );
  return [...kinds, ...activities];
}

export interface QuickAddPlacement {
  position: { x: number; y: number };
  /** The exit the new node hangs from: the selected node's first exit that leads nowhere yet. */
  after?: { source: string; handle: string };
}

const GAP_BELOW_PX = 70;

function soleSelected(nodes: readonly DesignerNode[]): DesignerNode | undefined {
  const selected = nodes.filter((node) => node.selected);
  return selected.length === 1 ? selected[0] : undefined;
}

/**
 * Where a quick-added node goes: under the selected node's first free exit, wired to it (as n8n
 * does); with nothing selected, where the pointer is (`pointer`, in flow coordinates).
 */
export function quickAddPlacement(
  nodes: readonly DesignerNode[],
  edges: readonly DesignerEdge[],
  pointer: { x: number; y: number },
): QuickAddPlacement {
  const from = soleSelected(nodes);
  if (!from) return { position: pointer };
  const used = new Set(edges.filter((e) => e.source === from.id).map((e) => e.sourceHandle));
  const { slots } = cardExits(nodePorts(from.data.content));
  const exit = slots.find((slot) => !used.has(slot.port));
  const below = from.position.y + (from.measured?.height ?? CARD_LAYOUT_HEIGHT) + GAP_BELOW_PX;
  const exitX = from.position.x + (exit?.center ?? CARD_MIN_WIDTH / 2);
  return {
    position: { x: Math.round(exitX - CARD_MIN_WIDTH / 2), y: Math.round(below) },
    ...(exit && { after: { source: from.id, handle: exit.port } }),
  };
}
