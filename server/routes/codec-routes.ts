import type { RequestHandler } from 'express';
import { CODEC_PATH, codecPayloadsSchema } from '#api-contract/codec';
import type { ApiServices } from '../api-services.ts';
import { decodeForViewer } from '../codec/payload-decoding.ts';
import { type ApiRoute, defineRoute } from '../http/api-route.ts';

/** Decoding only: nobody can have the API seal a payload that workers would then accept. */
export function codecRoutes(services: ApiServices): ApiRoute[] {
  return [
    defineRoute({
      method: 'post',
      path: `${CODEC_PATH}/decode`,
      tag: 'Audit',
      summary: 'Open sealed Temporal payloads for the Temporal Web UI (its remote codec protocol)',
      access: ['auditor', 'admin'],
      body: codecPayloadsSchema,
      success: { description: 'The payloads, opened', schema: codecPayloadsSchema },
      handle: ({ caller, body }) =>
        decodeForViewer(
          { codec: services.historyCodec, auditLog: services.auditLog },
          caller,
          body,
        ),
    }),
  ];
}

/**
 * The Temporal UI runs on its own origin and calls the codec endpoint from the browser with
 * the auditor's session cookie: listed origins get CORS with credentials, nobody else does.
 */
export function codecCors(origins: readonly string[]): RequestHandler {
  return (request, response, next) => {
    const origin = request.headers.origin;
    if (!request.path.startsWith(CODEC_PATH) || !origin || !origins.includes(origin)) {
      next();
      return;
    }
    response.vary('Origin');
    response.setHeader('Access-Control-Allow-Origin', origin);
    response.setHeader('Access-Control-Allow-Credentials', 'true');
    if (request.method !== 'OPTIONS') {
      next();
      return;
    }
    response.setHeader('Access-Control-Allow-Methods', 'POST');
    response.setHeader(
      'Access-Control-Allow-Headers',
      'content-type, x-namespace, authorization, caller-type, client-name, client-version',
    );
    response.setHeader('Access-Control-Max-Age', '600');
    response.status(204).end();
  };
}
