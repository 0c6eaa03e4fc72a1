import { type Assignee, canonicalJson, routedStoreStaff } from '#flow-language';
import type { RuleField } from '../rule-fields.ts';

export type AssigneeKind = 'role' | 'group' | 'routedStore' | 'groupFrom';

const STORE_ID = '.storeId';

/** The result variable of the step that routed the return (it has a `storeId`), if the flow has one. */
export function routeVariable(fields: readonly RuleField[]): string | undefined {
  const storeId = fields.find((field) => field.value.endsWith(STORE_ID));
  return storeId?.value.slice(0, -STORE_ID.length);
}

/** How the editor shows an assignee: the routed store's staff is a computed group it recognises. */
export function assigneeKind(assignee: Assignee, route: string | undefined): AssigneeKind {
  if ('role' in assignee) return 'role';
  if ('group' in assignee) return 'group';
  const routed = route === undefined ? undefined : canonicalJson(routedStoreStaff(route));
  return routed === canonicalJson(assignee) ? 'routedStore' : 'groupFrom';
}
