/** An answer other than success, with a stable code clients branch on and a sentence people read. */
export class ApiError extends Error {
  override name = 'ApiError';

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues?: readonly unknown[],
    /** More fields of the answer, for the client to act on (an id to confirm, …). */
    readonly extra?: Record<string, unknown>,
  ) {
    super(message);
  }
}

export const notFound = (what: string) => new ApiError(404, 'not_found', `No such ${what}.`);

export const conflict = (message: string) => new ApiError(409, 'conflict', message);

export const forbidden = (message: string) => new ApiError(403, 'forbidden', message);
