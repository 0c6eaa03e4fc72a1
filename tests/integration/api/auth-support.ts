import { randomBytes } from 'node:crypto';
import { createAuthenticator } from '../../../server/auth/authenticator.ts';
import { sessionMiddleware } from '../../../server/auth/session-middleware.ts';
import { type ApiAnswer, ApiHarness, testCallers } from '../../support/api-harness.ts';

/** The API as `server/main.ts` builds it: real users, API tokens and cookie sessions. */
export function openAuthApi(databaseName: string): Promise<ApiHarness> {
  return ApiHarness.open(databaseName, {
    authenticate: (services) =>
      createAuthenticator({
        users: services.users,
        apiTokens: services.apiTokens,
        bootstrapTokens: Object.fromEntries(
          Object.values(testCallers).map(({ token, ...identity }) => [token, identity]),
        ),
      }),
    sessions: (services) =>
      sessionMiddleware({
        connection: services.database,
        secret: randomBytes(32).toString('hex'),
        secureCookie: false,
      }),
  });
}

/** A browser (keeps the session cookie) or an integration (sends a bearer token). */
export class ApiClient {
  cookie: string | undefined;

  constructor(
    private readonly baseUrl: string,
    readonly token?: string,
  ) {}

  // biome-ignore lint/suspicious/noExplicitAny: tests check answers with expect, not with types
  async call<Body = any>(method: string, path: string, body?: unknown): Promise<ApiAnswer<Body>> {
    // As the designer does on every call (the API's cross-site request guard wants it).
    const headers: Record<string, string> = { 'x-acorn-request': '1' };
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    if (this.cookie) headers.cookie = this.cookie;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${this.baseUrl}${path}`, {
      method: method.toUpperCase(),
      headers,
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    const sessionCookie = response.headers
      .getSetCookie()
      .find((cookie) => cookie.startsWith('acorn.sid='));
    if (sessionCookie) this.cookie = sessionCookie.split(';')[0];
    const text = await response.text();
    const isJson = response.headers.get('content-type')?.includes('json');
    return {
      status: response.status,
      body: isJson && text ? JSON.parse(text) : text,
      headers: response.headers,
    };
  }

  login(username: string, password: string): Promise<ApiAnswer> {
    return this.call('post', '/api/auth/login', { username, password });
  }
}

export const newPassword = () => `pw-${randomBytes(12).toString('base64url')}`;
