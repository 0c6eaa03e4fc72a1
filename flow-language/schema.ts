import { z } from 'zod';
import { FlowNodeSchema } from './nodes.ts';
import {
  ElementIdSchema,
  FieldMapSchema,
  IdentifierSchema,
  SlugSchema,
  VariableSpecSchema,
} from './primitives.ts';

export const EdgeSchema = z.strictObject({
  id: ElementIdSchema,
  source: ElementIdSchema,
  target: ElementIdSchema,
  // The outgoing port of the source node (see HANDLE); omitted means "next".
  handle: z.string().min(1).optional(),
  label: z.string().optional(),
});
export type Edge = z.infer<typeof EdgeSchema>;

export const ScopeSchema = z.strictObject({
  brands: z.array(z.string().min(1)).optional(),
  marketplaces: z.array(z.string().min(1)).optional(),
  stores: z.array(z.string().min(1)).optional(),
});
export type Scope = z.infer<typeof ScopeSchema>;

// Strict objects everywhere: a misspelt key (say "retyr") must fail loudly, not vanish.
export const FlowDefinitionSchema = z.strictObject({
  key: SlugSchema,
  name: z.string().min(1),
  version: z.int().min(1),
  description: z.string().optional(),
  scope: ScopeSchema.optional(),
  inputs: FieldMapSchema.default({}),
  variables: z.record(IdentifierSchema, VariableSpecSchema).default({}),
  nodes: z.array(FlowNodeSchema),
  edges: z.array(EdgeSchema).default([]),
});
/** A parsed flow: defaults applied. Build one from JSON with parseFlowDefinition. */
export type FlowDefinition = z.infer<typeof FlowDefinitionSchema>;
/** The JSON shape as stored or sent by the designer, before defaults are applied. */
export type FlowDefinitionInput = z.input<typeof FlowDefinitionSchema>;
