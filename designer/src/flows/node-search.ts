import { i18n } from '../i18n/i18n.ts';
import type { DesignerNode } from './flow-graph.ts';
import { nodeDetail, nodeTitle } from './node-summary.ts';

/** One node as the search box lists it; `value` (the node id) is what picking it selects. */
export interface NodeSearchEntry {
  value: string;
  title: string;
  detail: string;
  /** Matched besides the id: the title as drawn, the kind's name, and the line under the title. */
  keywords: string[];
}

export function nodeSearchEntries(nodes: readonly DesignerNode[]): NodeSearchEntry[] {
  return nodes.map((node) => {
    const { content } = node.data;
    const title = nodeTitle(content);
    const detail = nodeDetail(content);
    return {
      value: node.id,
      title,
      detail,
      keywords: [title, i18n.t(`nodeKinds.${content.kind}`), detail],
    };
  });
}
