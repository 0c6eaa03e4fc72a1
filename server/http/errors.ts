import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from '#platform/logger';
import { toApiError } from './domain-errors.ts';

export const notFound: RequestHandler = (_request, response) => {
  response.status(404).json({ error: 'not_found', message: 'No such route.' });
};

export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error, request, response, _next) => {
    if (error?.type === 'entity.parse.failed') {
      response.status(400).json({ error: 'invalid_json', message: 'The body is not valid JSON.' });
      return;
    }
    const answer = toApiError(error);
    if (answer && answer.status < 500) {
      response.status(answer.status).json({
        error: answer.code,
        message: answer.message,
        ...(answer.issues && { issues: answer.issues }),
        ...answer.extra,
      });
      return;
    }
    logger.error({ err: error, path: request.path }, 'request failed');
    response.status(500).json({ error: 'internal', message: 'Something went wrong on our side.' });
  };
}
