import { z } from 'zod';
import { FieldMapSchema } from './primitives.ts';

export const ACTIVITY_SYSTEMS = ['marketplace', 'store', 'finance', 'notify'] as const;
export const ActivitySystemSchema = z.enum(ACTIVITY_SYSTEMS);
export type ActivitySystem = z.infer<typeof ActivitySystemSchema>;

/** What an action node may call. The worker registers the implementations; this is the contract. */
export const ActivityDescriptorSchema = z
  .strictObject({
    name: z
      .string()
      .regex(
        /^[a-z]+\.[a-z][A-Za-z0-9]*$/,
        'Expected "system.camelCaseName", e.g. "marketplace.issueRefund"',
      ),
    system: ActivitySystemSchema,
    title: z.string().min(1),
    description: z.string(),
    inputs: FieldMapSchema,
    output: FieldMapSchema,
    // Side-effecting activities move money or stock; the designer preview must never run them.
    sideEffects: z.boolean(),
  })
  .refine((activity) => activity.name.startsWith(`${activity.system}.`), {
    message: 'The activity name must start with its system, e.g. "finance.postLedger"',
    path: ['name'],
  });
export type ActivityDescriptor = z.infer<typeof ActivityDescriptorSchema>;

export const ActivityCatalogSchema = z
  .array(ActivityDescriptorSchema)
  .refine((list) => new Set(list.map((a) => a.name)).size === list.length, {
    message: 'Activity names must be unique',
  });
/** A plain array so the catalog can be served to the designer as JSON. */
export type ActivityCatalog = readonly ActivityDescriptor[];

export function findActivity(
  catalog: ActivityCatalog,
  name: string,
): ActivityDescriptor | undefined {
  return catalog.find((activity) => activity.name === name);
}
