import { type ActivityDescriptor, type ActivitySystem, HANDLE } from '#flow-language';
import { i18n } from '../i18n/i18n.ts';

/**
 * Words the catalog and the flow language give in English, in the reader's language. Read
 * through `i18n.t`, not a hook: hundreds of memoized cards should not each subscribe.
 */

/** "marketplace.issueRefund" → "退款": by the activity's name; the catalog's own title if new. */
export function activityTitle(activity: Pick<ActivityDescriptor, 'name' | 'title'>): string {
  const key = `activityTitles.${activity.name}`;
  return i18n.exists(key) ? String(i18n.t(key as never)) : activity.title;
}

/** What an activity does, for the palette's hover text and the inspector; the catalog's own if new. */
export function activityDescription(
  activity: Pick<ActivityDescriptor, 'name' | 'description'>,
): string {
  const key = `activityDescriptions.${activity.name}`;
  return i18n.exists(key) ? String(i18n.t(key as never)) : activity.description;
}

/** An input's hint in the inspector: what to map into it; the catalog's own if new or undeclared. */
export function activityInputHint(
  activity: Pick<ActivityDescriptor, 'name' | 'inputs'>,
  field: string,
): string | undefined {
  return fieldHint('activityInputHints', activity.name, field, activity.inputs[field]);
}

/** What a result field holds; the catalog's own if new or undeclared. */
export function activityOutputHint(
  activity: Pick<ActivityDescriptor, 'name' | 'output'>,
  field: string,
): string | undefined {
  return fieldHint('activityOutputHints', activity.name, field, activity.output[field]);
}

function fieldHint(
  block: 'activityInputHints' | 'activityOutputHints',
  activity: string,
  field: string,
  spec: { description?: string } | undefined,
): string | undefined {
  if (spec?.description === undefined) return undefined;
  const key = `${block}.${activity}.${field}`;
  return i18n.exists(key) ? String(i18n.t(key as never)) : spec.description;
}

/** "marketplace" → "电商平台": the heading activities of one system are listed under. */
export function systemName(system: ActivitySystem): string {
  return String(i18n.t(`activitySystems.${system}` as never));
}

const BUILT_IN_PORTS = new Set<string>(Object.values(HANDLE));

/** "approved" → "通过"; a decision case's exit keeps the case's own name. */
export function portLabel(port: string): string {
  return BUILT_IN_PORTS.has(port) ? String(i18n.t(`ports.${port}` as never)) : port;
}
