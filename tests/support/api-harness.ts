import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { ActivityCatalog } from '#flow-language';
import { createLogger } from '#platform/logger';
import { type ApiServices, createApiServices } from '../../server/api-services.ts';
import { createApp } from '../../server/app.ts';
import { bootstrapTokenAuthenticator } from '../../server/auth/bootstrap-tokens.ts';
import type { ApiIdentity, Authenticate, Role } from '../../server/auth/identity.ts';
import { testAuditProtection } from './audit-protection.ts';
import { listen, type RunningApp } from './http.ts';
import { InterpreterHarness } from './interpreter-harness.ts';
import { probeCatalog } from './probe-activities.ts';

// biome-ignore lint/suspicious/noExplicitAny: tests check answers with expect, not with types
export interface ApiAnswer<Body = any> {
  status: number;
  body: Body;
  headers: Headers;
}

/** One caller per role, each with its own bearer token. */
export const testCallers: Record<Role, ApiIdentity & { token: string }> = {
  admin: { userId: 'admin-ada', name: 'Ada', roles: ['admin'], via: 'token', token: randomUUID() },
  reviewer: {
    userId: 'reviewer-rob',
    name: 'Rob',
    roles: ['reviewer'],
    groups: ['refund-reviewer'],
    via: 'token',
    token: randomUUID(),
  },
  auditor: {
    userId: 'auditor-aud',
    name: 'Aud',
    roles: ['auditor'],
    via: 'token',
    token: randomUUID(),
  },
  requester: {
    userId: 'requester-rita',
    name: 'Rita',
    roles: ['requester'],
    via: 'token',
    token: randomUUID(),
  },
  'store-staff': {
    userId: 'staff-sam',
    name: 'Sam',
    roles: ['store-staff'],
    groups: ['store.nyc-soho'],
    via: 'token',
    token: randomUUID(),
  },
};

export interface ApiHarnessOptions {
  catalog?: ActivityCatalog;
  /** Defaults to bearer tokens for `testCallers`. */
  authenticate?: (services: ApiServices) => Authenticate;
  /** Cookie sessions (server/auth/session-middleware.ts); off by default. */
  sessions?: (services: ApiServices) => RequestHandler;
  /** Temporal UI origins allowed to call the codec endpoint. */
  codecCorsOrigins?: string[];
}

/** The real API (real services) on a free port, in front of a real worker and FerretDB. */
export class ApiHarness {
  private constructor(
    readonly interpreter: InterpreterHarness,
    readonly services: ApiServices,
    private readonly app: RunningApp,
  ) {}

  static async open(databaseName: string, options: ApiHarnessOptions = {}): Promise<ApiHarness> {
    const interpreter = await InterpreterHarness.open(databaseName);
    const services = createApiServices({
      temporal: interpreter.client,
      database: interpreter.database,
      taskQueue: interpreter.taskQueue,
      catalog: options.catalog ?? probeCatalog,
      logger: createLogger('api-test', 'silent'),
      audit: testAuditProtection(),
      codecCorsOrigins: options.codecCorsOrigins,
    });
    const authenticate =
      options.authenticate?.(services) ??
      bootstrapTokenAuthenticator(
        Object.fromEntries(Object.values(testCallers).map(({ token, ...id }) => [token, id])),
      );
    const sessions = options.sessions?.(services);
    const app = await listen(createApp({ services, authenticate, ...(sessions && { sessions }) }));
    return new ApiHarness(interpreter, services, app);
  }

  get baseUrl(): string {
    return this.app.baseUrl;
  }

  /** Calls the API as one of `testCallers`, or anonymously when `as` is undefined. */
  // biome-ignore lint/suspicious/noExplicitAny: tests check answers with expect, not with types
  async call<Body = any>(
    method: string,
    path: string,
    as: Role | undefined,
    body?: unknown,
  ): Promise<ApiAnswer<Body>> {
    const headers: Record<string, string> = {};
    if (as) headers.authorization = `Bearer ${testCallers[as].token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${this.baseUrl}${path}`, {
      method: method.toUpperCase(),
      headers,
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    const isJson = response.headers.get('content-type')?.includes('json');
    return {
      status: response.status,
      body: isJson && text ? JSON.parse(text) : text,
      headers: response.headers,
    };
  }

  async close(): Promise<void> {
    await this.app.close();
    await this.interpreter.close();
  }
}
