import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../../server/auth/identity.ts';
import type { ApiRoute } from '../../../server/http/api-route.ts';
import { apiRoutes } from '../../../server/routes/index.ts';
import type { ApiHarness } from '../../support/api-harness.ts';
import { ApiClient, newPassword, openAuthApi } from './auth-support.ts';

/** Signed-in users, one per role, an integration token, and nobody. */
interface Caller {
  label: string;
  roles: Role[];
  client: ApiClient;
}

interface Cell {
  route: string;
  caller: string;
  status: number;
  expected: 'allowed' | '401' | '403';
  ok: boolean;
}

let harness: ApiHarness;
let callers: Caller[];

beforeAll(async () => {
  harness = await openAuthApi('role-matrix');
  callers = [{ label: 'anonymous', roles: [], client: new ApiClient(harness.baseUrl) }];
  for (const role of ['admin', 'reviewer', 'auditor', 'requester'] as const) {
    callers.push({ label: role, roles: [role], client: await signedIn(role) });
  }
  const { secret } = await harness.services.apiTokens.issue(
    { name: 'matrix integration', roles: ['requester'], groups: [], scope: {} },
    'role-matrix',
  );
  callers.push({
    label: 'integration',
    roles: ['requester'],
    client: new ApiClient(harness.baseUrl, secret),
  });
});
afterAll(async () => {
  await harness?.close();
});

async function signedIn(role: Role): Promise<ApiClient> {
  const password = newPassword();
  const user = await harness.services.users.create({
    username: `matrix-${role}`,
    displayName: `Matrix ${role}`,
    password,
    roles: [role],
    groups: role === 'reviewer' ? ['refund-reviewer'] : [],
    scope: {},
  });
  const client = new ApiClient(harness.baseUrl);
  const login = await client.login(user.username, password);
  if (login.status !== 200) throw new Error(`${role} could not sign in: ${login.status}`);
  return client;
}

/** Logout ends the callers' sessions, so it is walked last. */
const walkOrder = (routes: ApiRoute[]) =>
  [...routes].sort(
    (a, b) => Number(a.path === '/api/auth/logout') - Number(b.path === '/api/auth/logout'),
  );

const filledPath = (path: string) => path.replace(/:(\w+)/g, (_, name) => `matrix-${name}`);

function expectation(route: ApiRoute, caller: Caller): Cell['expected'] {
  if (route.access === 'public') return 'allowed';
  if (caller.roles.length === 0) return '401';
  return caller.roles.some((role) => route.access.includes(role)) ? 'allowed' : '403';
}

const meets = (expected: Cell['expected'], status: number) =>
  expected === 'allowed' ? status !== 401 && status !== 403 : String(status) === expected;

function table(cells: Cell[]): string {
  const labels = callers.map(({ label }) => label);
  const rows = [...new Set(cells.map(({ route }) => route))].map((route) => {
    const statuses = labels.map((caller) => {
      const cell = cells.find((c) => c.route === route && c.caller === caller);
      return cell ? `${cell.status}${cell.ok ? '' : ` ✗ want ${cell.expected}`}` : '';
    });
    return [route, ...statuses];
  });
  const header = ['route', ...labels];
  const widths = header.map((_, column) =>
    Math.max(...[header, ...rows].map((row) => (row[column] ?? '').length)),
  );
  return [header, ...rows]
    .map((row) => row.map((text, column) => text.padEnd(widths[column] ?? 0)).join(' | '))
    .join('\n');
}

describe('every route checks the caller’s role', () => {
  it('signs each caller in as who they are', async () => {
    for (const caller of callers.slice(1)) {
      const me = await caller.client.call('get', '/api/auth/me');
      expect(me.status, caller.label).toBe(200);
      expect(me.body.roles).toEqual(caller.roles);
    }
  });

  it('answers 401 to nobody, 403 to roles it does not name, and neither to roles it names', async () => {
    const routes = walkOrder(apiRoutes(harness.services));
    expect(routes.map(({ path }) => path)).toEqual(
      expect.arrayContaining(['/api/auth/login', '/api/users', '/api/tokens/:tokenId']),
    );
    const cells: Cell[] = [];
    for (const route of routes) {
      const name = `${route.method.toUpperCase()} ${route.path}`;
      const sendsBody = ['post', 'put', 'patch'].includes(route.method);
      for (const caller of callers) {
        const answer = await caller.client.call(
          route.method,
          filledPath(route.path),
          sendsBody ? {} : undefined,
        );
        const expected = expectation(route, caller);
        cells.push({
          route: name,
          caller: caller.label,
          status: answer.status,
          expected,
          ok: meets(expected, answer.status),
        });
      }
    }
    const wrong = cells.filter(({ ok }) => !ok);
    expect(wrong, `role × route matrix:\n${table(cells)}`).toEqual([]);
  });
});
