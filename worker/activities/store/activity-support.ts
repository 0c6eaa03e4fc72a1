import { ApplicationFailure } from '@temporalio/activity';
import type { z } from 'zod';
import type { CatalogActivity } from '../catalog-activity.ts';
import { catalogActivity } from '../catalog-activity.ts';
import type { Coordinates } from './geo.ts';
import type { PostcodeDirectory } from './postcode-areas.ts';
import { storeCatalog } from './store-catalog.ts';
import { StoreError } from './store-system.ts';

/** A catalog entry whose input is parsed by `schema` and whose refusals are final. */
export function storeActivity<S extends z.ZodType>(
  name: string,
  schema: S,
  run: (input: z.infer<S>) => Promise<Record<string, unknown>>,
): CatalogActivity {
  const descriptor = storeCatalog.find((entry) => entry.name === name);
  if (!descriptor) throw new Error(`${name} is not in the store catalog`);
  return catalogActivity(descriptor, async (input) => {
    try {
      return await run(parseInput(schema, input));
    } catch (error) {
      // A refusal (no stock, wrong store) would be refused again; anything else may pass.
      if (!(error instanceof StoreError)) throw error;
      throw ApplicationFailure.nonRetryable(error.message, failureType(error.code), error.code);
    }
  });
}

function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  throw new StoreError('invalid', `invalid input: ${problems.join('; ')}`);
}

/** e.g. insufficient-stock → StoreInsufficientStock. */
export const failureType = (code: string) =>
  `Store${code.replace(/(^|-)(\w)/g, (_match, _dash, letter: string) => letter.toUpperCase())}`;

/** Exact coordinates when the flow has them, else the postcode's centroid. */
export function buyerLocation(
  input: { latitude?: number; longitude?: number; postcode?: string; country?: string },
  postcodes: PostcodeDirectory,
): Coordinates {
  const { latitude, longitude, postcode, country } = input;
  if (latitude !== undefined && longitude !== undefined) return { latitude, longitude };
  const centroid = postcode ? postcodes(postcode, country) : undefined;
  if (centroid) return centroid;
  throw new StoreError('invalid', postcode ? `unknown postcode ${postcode}` : 'no buyer location');
}
