import { type RequestHandler, Router } from 'express';
import swaggerUi from 'swagger-ui-express';
import { z } from 'zod';
import {
  createDocument,
  type ZodOpenApiOperationObject,
  type ZodOpenApiPathsObject,
} from 'zod-openapi';
import type { ApiRoute } from './api-route.ts';

const errorAnswer = z
  .object({
    error: z.string(),
    message: z.string(),
    issues: z.array(z.unknown()).optional(),
  })
  .meta({ id: 'ErrorAnswer' });

/** The OpenAPI 3.1 document, generated from the same route declarations the router mounts. */
export function openApiDocument(routes: readonly ApiRoute[]) {
  const paths: ZodOpenApiPathsObject = {};
  for (const route of routes) {
    const path = route.path.replace(/:(\w+)/g, '{$1}');
    paths[path] = { ...paths[path], [route.method]: operation(route) };
  }
  return createDocument({
    openapi: '3.1.0',
    info: {
      title: 'Acorn Flow API',
      version: '1',
      description: 'Refund and approval flows: design, run, review and audit.',
    },
    components: {
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'acorn.sid' },
        apiToken: { type: 'http', scheme: 'bearer' },
      },
    },
    paths,
  });
}

function operation(route: ApiRoute): ZodOpenApiOperationObject {
  const { success } = route;
  const content =
    'schema' in success
      ? { 'application/json': { schema: success.schema } }
      : 'files' in success
        ? Object.fromEntries(success.files.map((type) => [type, {}]))
        : undefined;
  return {
    tags: [route.tag],
    summary: route.summary,
    description:
      route.access === 'public' ? 'No credentials needed.' : `Roles: ${route.access.join(', ')}.`,
    ...(route.access !== 'public' && { security: [{ session: [] }, { apiToken: [] }] }),
    requestParams: {
      ...(route.params && { path: route.params as z.ZodObject }),
      ...(route.query && { query: route.query as z.ZodObject }),
    },
    ...(route.body && {
      requestBody: { content: { 'application/json': { schema: route.body } } },
    }),
    responses: {
      [String(success.status ?? 200)]: { description: success.description, content },
      '4XX': {
        description: 'Refused: the code and message say why.',
        content: { 'application/json': { schema: errorAnswer } },
      },
    },
  };
}

/** `/api/openapi.json` and an interactive page at `/api/docs`, served without a CDN. */
export function openApiRoutes(routes: readonly ApiRoute[]): Router {
  const document = openApiDocument(routes);
  const router = Router();
  router.get('/api/openapi.json', (_request, response) => {
    response.json(document);
  });
  router.use('/api/docs', swaggerUi.serve as RequestHandler[]);
  router.get('/api/docs', swaggerUi.setup(document) as RequestHandler);
  return router;
}
