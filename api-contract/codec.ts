import { z } from 'zod';

/** Where the Temporal UI's codec endpoint points; the UI appends `/decode`. */
export const CODEC_PATH = '/api/codec';

/** Temporal's remote codec protocol: payloads as JSON, metadata values and data in base64. */
const base64 = z.string().max(4_000_000).base64();

export const codecPayloadSchema = z.object({
  metadata: z.record(z.string().max(256), base64).default({}),
  data: base64.optional(),
});

export const codecPayloadsSchema = z.object({
  payloads: z.array(codecPayloadSchema).max(1_000),
});
export type CodecPayloads = z.infer<typeof codecPayloadsSchema>;
