/** An answer other than success from the API, with its stable code and any per-field issues. */
export class ApiRequestError extends Error {
  override name = 'ApiRequestError';

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: unknown[] = [],
    /** The whole answer, for errors that carry more than a message (a draft saved since, …). */
    readonly answer: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * Calls the API with the session cookie the browser holds. Answers are JSON; errors become
 * `ApiRequestError`s carrying the server's reason so screens can show it as is.
 */
export async function apiRequest<Answer>(
  method: Method,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const response = await fetch(path, {
    method,
    credentials: 'same-origin',
    // The API refuses a state-changing call without it: a forged cross-site form cannot send it.
    headers: {
      ...headers,
      'x-acorn-request': '1',
      ...(body !== undefined && { 'content-type': 'application/json' }),
    },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  if (response.status === 204) return undefined as Answer;
  const answer = await response.json().catch(() => ({}));
  if (!response.ok) {
    throw new ApiRequestError(
      response.status,
      String(answer.error ?? 'error'),
      String(answer.message ?? response.statusText),
      Array.isArray(answer.issues) ? answer.issues : [],
      answer,
    );
  }
  return answer as Answer;
}

export const api = {
  get: <Answer>(path: string) => apiRequest<Answer>('GET', path),
  post: <Answer>(path: string, body?: unknown) => apiRequest<Answer>('POST', path, body ?? {}),
  put: <Answer>(path: string, body: unknown, headers?: Record<string, string>) =>
    apiRequest<Answer>('PUT', path, body, headers),
  patch: <Answer>(path: string, body: unknown) => apiRequest<Answer>('PATCH', path, body),
  delete: <Answer>(path: string) => apiRequest<Answer>('DELETE', path),
};
