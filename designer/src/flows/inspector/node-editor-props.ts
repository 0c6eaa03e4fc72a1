import type { ActivityCatalog, NodeKind } from '#flow-language';
import type { NodeContent } from '../flow-graph.ts';
import type { RuleField } from '../rule-fields.ts';

export type ContentOf<K extends NodeKind> = Extract<NodeContent, { kind: K }>;

export interface NodeEditorProps<K extends NodeKind> {
  nodeId: string;
  content: ContentOf<K>;
  onChange(content: ContentOf<K>, renamedExits?: Record<string, string>): void;
  /** What rules in this flow may read, for the rule builder. */
  fields: RuleField[];
  catalog: ActivityCatalog;
}
