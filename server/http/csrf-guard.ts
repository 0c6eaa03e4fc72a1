import type { RequestHandler } from 'express';
import { bearerToken } from '../auth/bootstrap-tokens.ts';
import { ApiError } from './api-errors.ts';

/** Sent by the designer on every call; a page on another site cannot add it without CORS. */
export const REQUEST_HEADER = 'x-acorn-request';
const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Cross-site request forgery: another site can make a browser send a form (urlencoded,
 * multipart or text/plain) with the session cookie attached, but neither a JSON content type nor
 * a custom header without a CORS preflight the API never grants. So a state-changing request
 * must carry one of them. A bearer token is never attached by a browser on its own, so a request
 * that brings one was written by its sender and needs neither.
 */
export const csrfGuard: RequestHandler = (request, _response, next) => {
  if (READS.has(request.method) || bearerToken(request)) return next();
  if (request.is('application/json') || request.get(REQUEST_HEADER)) return next();
  next(
    new ApiError(
      403,
      'cross_site_refused',
      `A state-changing request needs a JSON body or the ${REQUEST_HEADER} header.`,
    ),
  );
};
