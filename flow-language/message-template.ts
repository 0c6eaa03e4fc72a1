/** Fills `{{name}}` placeholders as i18next does, for messages that also travel as code + values. */
export function fillTemplate(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values[name] ?? ''));
}

/** A message table's codes, as a non-empty list (what an enum schema of them needs). */
export function messageCodes<Code extends string>(
  messages: Record<Code, string>,
): [Code, ...Code[]] {
  return Object.keys(messages) as [Code, ...Code[]];
}
