/** Fills `{{name}}` placeholders as i18next does, for messages that also travel as code + values. */
export function fillTemplate(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values[name] ?? ''));
}
