import { createContext, useContext } from 'react';
import { createStore, type StoreApi, useStore } from 'zustand';
import type { FlowIssue } from '#flow-language';

/** What the canvas paints over nodes without touching the flow: issues, diff or path marks, badges. */
export interface Decorations {
  issues: Record<string, FlowIssue[]>;
  marks: Record<string, string>;
  badges: Record<string, string>;
}

export type DecorationStore = StoreApi<Decorations>;

export function createDecorations(initial: Partial<Decorations> = {}): DecorationStore {
  return createStore<Decorations>(() => ({ issues: {}, marks: {}, badges: {}, ...initial }));
}

export const DecorationsContext = createContext<DecorationStore>(createDecorations());

const NO_ISSUES: FlowIssue[] = [];

// Each node subscribes to its own entries only, so new issues elsewhere do not re-render it.
export function useNodeDecoration(id: string) {
  const store = useContext(DecorationsContext);
  const issues = useStore(store, (state) => state.issues[id] ?? NO_ISSUES);
  const mark = useStore(store, (state) => state.marks[id]);
  const badge = useStore(store, (state) => state.badges[id]);
  return { issues, mark, badge };
}
