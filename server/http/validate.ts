import type { RequestHandler } from 'express';
import type { z } from 'zod';

/** Field paths in the answer let a client point at exactly what it sent wrong. */
export function validateBody<Schema extends z.ZodType>(schema: Schema): RequestHandler {
  return (request, response, next) => {
    const parsed = schema.safeParse(request.body ?? {});
    if (!parsed.success) {
      response.status(400).json({
        error: 'invalid_request',
        issues: parsed.error.issues.map((issue) => ({
          path: issue.path.join('.'),
          message: issue.message,
        })),
      });
      return;
    }
    request.body = parsed.data;
    next();
  };
}
