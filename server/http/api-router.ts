import { type Request, type Response, Router } from 'express';
import type { z } from 'zod';
import type { Logger } from '#platform/logger';
import type { ApiIdentity, Authenticate } from '../auth/identity.ts';
import { ApiError } from './api-errors.ts';
import { type ApiRoute, FileReply } from './api-route.ts';

/** Mounts declared routes: credentials and role first, then input, then the answer's schema. */
export function apiRouter(
  routes: readonly ApiRoute[],
  authenticate: Authenticate,
  logger: Logger,
): Router {
  const router = Router();
  for (const route of routes) {
    router[route.method](route.path, async (request, response, next) => {
      try {
        const caller = await authorize(route, request, authenticate);
        const result = await route.handle({
          params: parseInput(route.params, request.params, 'params'),
          query: parseInput(route.query, request.query, 'query'),
          body: parseInput(route.body, request.body ?? {}, 'body'),
          caller,
          request,
          response,
        });
        if (!response.headersSent) reply(route, response, result, logger);
      } catch (error) {
        next(error);
      }
    });
  }
  return router;
}

async function authorize(
  route: ApiRoute,
  request: Request,
  authenticate: Authenticate,
): Promise<ApiIdentity | undefined> {
  const caller = await authenticate(request);
  if (route.access === 'public') return caller;
  if (!caller) throw new ApiError(401, 'unauthenticated', 'Sign in or send an API token.');
  if (!caller.roles.some((role) => route.access.includes(role))) {
    throw new ApiError(403, 'forbidden', `Needs one of the roles: ${route.access.join(', ')}.`);
  }
  return caller;
}

function parseInput(schema: z.ZodType | undefined, value: unknown, location: string): unknown {
  if (!schema) return undefined;
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new ApiError(
    400,
    'invalid_request',
    `The request's ${location} is not valid.`,
    parsed.error.issues.map((issue) => ({
      location,
      path: issue.path.join('.'),
      message: issue.message,
    })),
  );
}

function reply(route: ApiRoute, response: Response, result: unknown, logger: Logger): void {
  const { success } = route;
  if (result instanceof FileReply) {
    response.status(200).type(result.contentType).attachment(result.fileName).send(result.content);
    return;
  }
  if (!('schema' in success)) {
    response.status(success.status ?? 204).end();
    return;
  }
  const checked = success.schema.safeParse(result);
  if (!checked.success) {
    logger.error(
      { route: `${route.method.toUpperCase()} ${route.path}`, issues: checked.error.issues },
      'answer does not match its declared schema',
    );
    throw new ApiError(500, 'internal', 'Something went wrong on our side.');
  }
  response.status(success.status ?? 200).json(checked.data);
}
