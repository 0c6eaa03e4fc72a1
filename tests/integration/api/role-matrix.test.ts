import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../../server/auth/identity.ts';
import type { ApiRoute } from '../../../server/http/api-route.ts';
import { apiRoutes } from '../../../server/routes/index.ts';
import type { ApiHarness } from '../../support/api-harness.ts';
import { ApiClient, newPassword, openAuthApi } from './auth-support.ts';
import { inboxTaskOf, refundReviewFlow } from './case-api-support.ts';

// The README's "Users and roles" table, written out route by route by hand. It is the
// specification: the routes' own `access` declarations are never read to build expectations.
const SIGNED_IN: readonly Role[] = ['admin', 'reviewer', 'auditor', 'requester', 'store-staff'];
const READERS: readonly Role[] = ['admin', 'reviewer', 'auditor'];
const INBOX: readonly Role[] = ['admin', 'reviewer', 'store-staff'];
const AUDITORS: readonly Role[] = ['admin', 'auditor'];
const ADMIN: readonly Role[] = ['admin'];

const README_ROLE_TABLE: Record<string, readonly Role[] | 'public'> = {
  'POST /api/auth/login': 'public',
  'POST /api/auth/logout': SIGNED_IN,
  'GET /api/auth/me': SIGNED_IN,
  'GET /api/me/preferences': SIGNED_IN,
  'PUT /api/me/preferences': SIGNED_IN,
  // requester: submit cases (people and integrations)
  'POST /api/cases': ['admin', 'requester'],
  'GET /api/case-forms': ['admin', 'requester'],
  'GET /api/my-cases': ['admin', 'requester'],
  // reviewer: work the inbox (and read the runs and flows behind its tasks)
  'GET /api/inbox': INBOX,
  'GET /api/tasks/:taskId': INBOX,
  'POST /api/tasks/:taskId/claim': INBOX,
  'POST /api/tasks/:taskId/unclaim': INBOX,
  'POST /api/tasks/:taskId/delegate': INBOX,
  'POST /api/tasks/:taskId/decide': INBOX,
  'GET /api/runs': READERS,
  'GET /api/runs/:caseId': READERS,
  'GET /api/flows': READERS,
  'GET /api/flows/:flowKey/draft': READERS,
  'GET /api/flows/:flowKey/versions': READERS,
  'GET /api/flows/:flowKey/versions/:version': READERS,
  'GET /api/flows/:flowKey/diff': READERS,
  'GET /api/flows/:flowKey/publications': READERS,
  'GET /api/activity-catalog': READERS,
  // auditor: read everything (runs, metrics, users, tokens, audit log), change nothing
  'GET /api/metrics': AUDITORS,
  'GET /api/refunds/needing-a-person': AUDITORS,
  'GET /api/users': AUDITORS,
  'GET /api/users/:userId': AUDITORS,
  'GET /api/tokens': AUDITORS,
  'GET /api/audit/cases/:caseId/timeline': AUDITORS,
  'GET /api/audit/cases/:caseId/export': AUDITORS,
  'POST /api/audit/cases/:caseId/verify-replay': AUDITORS,
  'GET /api/audit/log': AUDITORS,
  'POST /api/audit/log/verify': AUDITORS,
  'POST /api/codec/decode': AUDITORS,
  'GET /api/privacy/report': AUDITORS,
  'GET /api/privacy/cases/:caseId': AUDITORS,
  'POST /api/privacy/cases/:caseId/reveal': AUDITORS,
  'GET /api/accounts': AUDITORS,
  'GET /api/exchange-rates': AUDITORS,
  'GET /api/metrics/group': AUDITORS,
  // admin: design and publish flows, manage users and tokens, cancel runs, operate
  'POST /api/flows': ADMIN,
  'PUT /api/flows/:flowKey/draft': ADMIN,
  'POST /api/flows/:flowKey/archive': ADMIN,
  'POST /api/flows/:flowKey/unarchive': ADMIN,
  'POST /api/flows/:flowKey/publish': ADMIN,
  'POST /api/flows/:flowKey/publications/:publicationId/confirm': ADMIN,
  'POST /api/flows/:flowKey/validate': ADMIN,
  'POST /api/flows/:flowKey/test-run': ADMIN,
  'POST /api/flows/:flowKey/backtests': ADMIN,
  'GET /api/flows/:flowKey/backtests/:backtestId': ADMIN,
  'GET /api/flows/:flowKey/publish-preview': ADMIN,
  'POST /api/flows/:flowKey/draft/backtests': ADMIN,
  'POST /api/flows/:flowKey/versions/:version/restore': ADMIN,
  'GET /api/flows/:flowKey/intake': ADMIN,
  'POST /api/runs/:caseId/cancel': ADMIN,
  'POST /api/privacy/cases/:caseId/legal-hold': ADMIN,
  'POST /api/privacy/cases/:caseId/legal-hold/release': ADMIN,
  'POST /api/refunds/:refundId/resolution': ADMIN,
  'POST /api/users': ADMIN,
  'PATCH /api/users/:userId': ADMIN,
  'POST /api/tokens': ADMIN,
  'DELETE /api/tokens/:tokenId': ADMIN,
  'POST /api/system-checks': ADMIN,
  'GET /api/system-checks/:checkId': ADMIN,
  'PUT /api/accounts/:accountId': ADMIN,
  'DELETE /api/accounts/:accountId': ADMIN,
  'PUT /api/exchange-rates': ADMIN,
};

/**
 * Acts that count people (README "Security model"): refused to tokens with no user behind them.
 * Publishing counts people here because the matrix's draft weakens who approves.
 */
const PERSON_ONLY = new Set([
  'POST /api/flows/:flowKey/publish',
  'POST /api/tasks/:taskId/claim',
  'POST /api/tasks/:taskId/delegate',
  'POST /api/tasks/:taskId/decide',
  'POST /api/flows/:flowKey/publications/:publicationId/confirm',
  'PUT /api/me/preferences',
]);

/**
 * Where a scoped caller must not see cases outside their scope: `case` routes show case data,
 * `none` routes show no case data (flows, users, tokens, system checks, the activity catalog).
 */
const READ_SCOPE: Record<string, 'case' | 'none' | 'own'> = {
  'GET /api/auth/me': 'none',
  'GET /api/case-forms': 'none',
  // Only the caller's own cases, inside their scope: tests/integration/api/my-cases.test.ts.
  'GET /api/my-cases': 'own',
  'GET /api/me/preferences': 'none',
  'GET /api/inbox': 'case',
  'GET /api/tasks/:taskId': 'case',
  'GET /api/runs': 'case',
  'GET /api/runs/:caseId': 'case',
  'GET /api/metrics': 'case',
  'GET /api/refunds/needing-a-person': 'case',
  'GET /api/audit/cases/:caseId/timeline': 'case',
  'GET /api/audit/cases/:caseId/export': 'case',
  'POST /api/audit/cases/:caseId/verify-replay': 'case',
  'GET /api/audit/log': 'case',
  'GET /api/privacy/report': 'case',
  'GET /api/privacy/cases/:caseId': 'case',
  'GET /api/flows': 'none',
  'GET /api/flows/:flowKey/draft': 'none',
  'GET /api/flows/:flowKey/versions': 'none',
  'GET /api/flows/:flowKey/versions/:version': 'none',
  'GET /api/flows/:flowKey/diff': 'none',
  'GET /api/flows/:flowKey/publications': 'none',
  'GET /api/activity-catalog': 'none',
  'GET /api/users': 'none',
  'GET /api/users/:userId': 'none',
  'GET /api/tokens': 'none',
  'GET /api/system-checks/:checkId': 'none',
  // Admins only, over the flow's cases in every scope (see README, Backtests).
  'GET /api/flows/:flowKey/backtests/:backtestId': 'none',
  // Admins only: a count of the flow's cases in every scope, no case data.
  'GET /api/flows/:flowKey/publish-preview': 'none',
  'GET /api/flows/:flowKey/intake': 'none',
  // Accounts and rates show no case data; the group view counts a scoped caller's cases only.
  'GET /api/accounts': 'none',
  'GET /api/exchange-rates': 'none',
  'GET /api/metrics/group': 'case',
};

interface Caller {
  label: string;
  roles: Role[];
  person: boolean;
  client: ApiClient;
}

interface Cell {
  route: string;
  caller: string;
  status: number;
  expected: 'allowed' | '401' | '403';
  ok: boolean;
}

/** Real ids, so that handlers run their own checks behind the role check. */
interface Resources {
  flowKey: string;
  flowDocument: object;
  trigger: string;
  caseId: string;
  taskId: string;
  publicationId: string;
  userId: string;
  reviewerId: string;
  tokenId: string;
  checkId: string;
  backtestId: string;
}

let harness: ApiHarness;
let callers: Caller[];
let ids: Resources;

beforeAll(async () => {
  harness = await openAuthApi('role-matrix');
  callers = [
    { label: 'anonymous', roles: [], person: false, client: new ApiClient(harness.baseUrl) },
  ];
  const groups = ['refund-reviewer'];
  const people = {
    admin: await signedIn(['admin'], { groups }),
    reviewer: await signedIn(['reviewer'], { groups }),
    auditor: await signedIn(['auditor']),
    requester: await signedIn(['requester']),
    'store-staff': await signedIn(['store-staff'], { groups: ['store.nyc-soho'] }),
  };
  for (const [role, { client }] of Object.entries(people)) {
    callers.push({ label: role, roles: [role as Role], person: true, client });
  }
  callers.push(
    await tokenCaller('integration', ['requester']),
    await tokenCaller('admin integration', ['admin']),
  );
  ids = await realResources(people.admin.client, people.reviewer.userId);
});
afterAll(async () => {
  await harness?.close();
});

async function signedIn(roles: Role[], extra: { groups?: string[]; scope?: object } = {}) {
  const password = newPassword();
  const user = await harness.services.users.create({
    username: `matrix-${randomUUID().slice(0, 8)}`,
    displayName: `Matrix ${roles.join('+')}`,
    password,
    roles,
    groups: extra.groups ?? [],
    scope: extra.scope ?? {},
  });
  const client = new ApiClient(harness.baseUrl);
  const login = await client.login(user.username, password);
  if (login.status !== 200) throw new Error(`${roles} could not sign in: ${login.status}`);
  return { client, userId: user._id };
}

async function tokenCaller(label: string, roles: Role[]): Promise<Caller> {
  const { secret } = await harness.services.apiTokens.issue(
    { name: `matrix ${label}`, roles, groups: [], scope: {} },
    'role-matrix',
  );
  return { label, roles, person: false, client: new ApiClient(harness.baseUrl, secret) };
}

/** A published flow with a weakening publication waiting, a case with its task, a token, a check. */
async function realResources(admin: ApiClient, reviewerId: string): Promise<Resources> {
  const flowKey = `matrix-${randomUUID().slice(0, 8)}`;
  const trigger = `refund.${flowKey}`;
  const flows = harness.services.flows;
  await flows.saveDraft(refundReviewFlow(flowKey, trigger, { approvalsRequired: 2 }), 'matrix');
  await flows.publish(flowKey, 'matrix');
  const submitted = await submitCase(trigger, 'amazon.com');
  const weakened = refundReviewFlow(flowKey, trigger, { approvalsRequired: 1 });
  await flows.saveDraft(weakened, 'matrix');
  const held = await flows.publish(flowKey, 'another-admin').catch((error) => error.pending);
  const spare = await signedIn(['requester']);
  const token = await harness.services.apiTokens.issue(
    { name: 'matrix spare', roles: ['requester'], groups: [], scope: {} },
    'role-matrix',
  );
  const check = await admin.call('post', '/api/system-checks', {});
  return {
    flowKey,
    flowDocument: weakened,
    trigger,
    caseId: submitted,
    taskId: await inboxTaskOf(harness, submitted),
    publicationId: held.contentHash,
    userId: spare.userId,
    reviewerId,
    tokenId: token.token._id,
    checkId: check.body.checkId,
    backtestId: (await admin.call('post', `/api/flows/${flowKey}/backtests`, {})).body.backtestId,
  };
}

async function submitCase(trigger: string, marketplace: string): Promise<string> {
  const input = { orderId: `888-${randomUUID().slice(0, 8)}`, amount: 150 };
  const { body } = await harness.call('post', '/api/cases', 'requester', {
    trigger,
    input,
    marketplace,
  });
  return body.caseId;
}

const PATH_VALUES: Record<string, (resources: Resources) => string> = {
  flowKey: (r) => r.flowKey,
  version: () => '1',
  caseId: (r) => r.caseId,
  taskId: (r) => r.taskId,
  publicationId: (r) => r.publicationId,
  userId: (r) => r.userId,
  tokenId: (r) => r.tokenId,
  checkId: (r) => r.checkId,
  backtestId: (r) => r.backtestId,
  refundId: () => 'matrix-refund',
  accountId: () => 'matrix-account',
};

/** Queries a route needs before its handler runs. */
const QUERIES: Record<string, string> = {
  'GET /api/flows/:flowKey/diff': '?from=1&to=draft',
  'GET /api/metrics/group': '?currency=EUR',
};

function filledPath(path: string, resources: Resources): string {
  return path.replace(/:(\w+)/g, (_, name: string) => {
    const value = PATH_VALUES[name];
    if (!value) throw new Error(`no real value for :${name}; add one to PATH_VALUES`);
    return encodeURIComponent(value(resources));
  });
}

/** Valid bodies, so the handler (not only the schema) answers. */
function bodyFor(route: string, resources: Resources): unknown {
  const bodies: Record<string, () => unknown> = {
    'POST /api/cases': () => ({
      trigger: resources.trigger,
      input: { orderId: `888-${randomUUID().slice(0, 8)}`, amount: 20 },
    }),
    'POST /api/tasks/:taskId/decide': () => ({ verdict: 'approve', requestId: randomUUID() }),
    'POST /api/flows': () =>
      refundReviewFlow(`matrix-new-${randomUUID().slice(0, 8)}`, 'refund.new'),
    'POST /api/users': () => ({
      username: `matrix-new-${randomUUID().slice(0, 8)}`,
      displayName: 'Made by the matrix',
      password: newPassword(),
      roles: ['requester'],
    }),
    'POST /api/tokens': () => ({ name: 'made by the matrix', roles: ['requester'] }),
    'POST /api/tasks/:taskId/delegate': () => ({ toUserId: resources.reviewerId }),
    'PUT /api/flows/:flowKey/draft': () => resources.flowDocument,
    'POST /api/runs/:caseId/cancel': () => ({ reason: 'role matrix' }),
    'POST /api/privacy/cases/:caseId/reveal': () => ({ reason: 'role matrix walks every route' }),
    'POST /api/privacy/cases/:caseId/legal-hold': () => ({ reason: 'role matrix' }),
    'POST /api/privacy/cases/:caseId/legal-hold/release': () => ({ reason: 'role matrix' }),
    'PATCH /api/users/:userId': () => ({ displayName: 'Renamed by the matrix' }),
    'PUT /api/me/preferences': () => ({ language: 'zh-CN' }),
    'POST /api/flows/:flowKey/publish': () => ({ note: 'role matrix' }),
    'PUT /api/accounts/:accountId': () => ({
      kind: 'seller',
      displayName: 'Matrix EU account',
      region: 'eu',
      merchantId: 'A1MATRIX',
      marketplaces: [{ code: 'DE', marketplaceId: 'A1PA6795UKMFR9', currency: 'EUR' }],
      credentials: {
        clientId: { from: 'env', name: 'MATRIX_LWA_CLIENT_ID' },
        clientSecret: { from: 'env', name: 'MATRIX_LWA_CLIENT_SECRET' },
        refreshToken: { from: 'file', key: 'matrix-refresh-token' },
      },
    }),
    'PUT /api/exchange-rates': () => ({
      from: 'USD',
      to: 'EUR',
      date: '2026-01-02',
      rate: 0.91,
      source: 'role matrix',
    }),
  };
  return bodies[route]?.() ?? {};
}

const nameOf = (route: ApiRoute) => `${route.method.toUpperCase()} ${route.path}`;

/** Reads first, then changes; what ends sessions or removes the shared resources goes last. */
const LAST = [
  'POST /api/flows/:flowKey/archive',
  'POST /api/flows/:flowKey/unarchive',
  'POST /api/runs/:caseId/cancel',
  'DELETE /api/tokens/:tokenId',
  'POST /api/auth/logout',
];
const walkOrder = (routes: ApiRoute[]) => {
  const rank = (route: ApiRoute) =>
    route.method === 'get' ? 0 : LAST.includes(nameOf(route)) ? 2 + LAST.indexOf(nameOf(route)) : 1;
  return [...routes].sort((a, b) => rank(a) - rank(b));
};

function expectation(route: string, caller: Caller): Cell['expected'] {
  const allowed = README_ROLE_TABLE[route];
  if (allowed === 'public') return 'allowed';
  if (caller.roles.length === 0) return '401';
  if (!allowed || !caller.roles.some((role) => allowed.includes(role))) return '403';
  return PERSON_ONLY.has(route) && !caller.person ? '403' : 'allowed';
}

/** Allowed means the handler answered: neither refused nor failed (any 5xx is a failure). */
const meets = (expected: Cell['expected'], status: number) =>
  expected === 'allowed'
    ? status !== 401 && status !== 403 && status < 500
    : String(status) === expected;

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

describe('every route checks the caller’s role, against the README’s table', () => {
  it('has a row in the table for every route, and a route for every row', () => {
    const served = apiRoutes(harness.services).map(nameOf).sort();
    expect(served).toEqual(Object.keys(README_ROLE_TABLE).sort());
    const reads = apiRoutes(harness.services)
      .filter((route) => route.method === 'get')
      .map(nameOf);
    for (const read of reads) expect(READ_SCOPE[read], `${read} has no scope rule`).toBeDefined();
  });

  it('signs each caller in as who they are', async () => {
    for (const caller of callers.slice(1)) {
      const me = await caller.client.call('get', '/api/auth/me');
      expect(me.status, caller.label).toBe(200);
      expect(me.body.roles).toEqual(caller.roles);
    }
  });

  it('answers 401 to nobody, 403 to roles (or non-persons) the table refuses, and no 5xx', async () => {
    const cells: Cell[] = [];
    for (const route of walkOrder(apiRoutes(harness.services))) {
      const name = nameOf(route);
      const sendsBody = ['post', 'put', 'patch'].includes(route.method);
      for (const caller of callers) {
        const answer = await caller.client.call(
          route.method,
          `${filledPath(route.path, ids)}${QUERIES[name] ?? ''}`,
          sendsBody ? bodyFor(name, ids) : undefined,
        );
        const expected = expectation(name, caller);
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

describe('every read route keeps a scoped caller to their scope', () => {
  it('shows a German-marketplace auditor and reviewer German cases only', async () => {
    const groups = ['refund-reviewer'];
    const scope = { marketplaces: ['amazon.de'] };
    const auditor = (await signedIn(['auditor'], { scope })).client;
    const reviewer = (await signedIn(['reviewer'], { groups, scope })).client;
    const flowKey = `matrix-scope-${randomUUID().slice(0, 8)}`;
    const trigger = `refund.${flowKey}`;
    await harness.services.flows.saveDraft(refundReviewFlow(flowKey, trigger), 'matrix');
    await harness.services.flows.publish(flowKey, 'matrix');
    const german = await submitCase(trigger, 'amazon.de');
    const american = await submitCase(trigger, 'amazon.com');
    const germanTask = await inboxTaskOf(harness, german);
    const americanTask = await inboxTaskOf(harness, american);
    const at = (caseId: string, taskId: string) => ({ ...ids, flowKey, caseId, taskId });

    const caseReads = apiRoutes(harness.services).filter(
      (route) => READ_SCOPE[nameOf(route)] === 'case',
    );
    const leaks: string[] = [];
    for (const route of caseReads) {
      const name = nameOf(route);
      const allowed = README_ROLE_TABLE[name] as readonly Role[];
      const client = allowed.includes('auditor') ? auditor : reviewer;
      const query = name === 'GET /api/metrics' ? `?flowKey=${flowKey}` : (QUERIES[name] ?? '');
      const read = (resources: Resources) =>
        client.call(route.method, `${filledPath(route.path, resources)}${query}`, undefined);
      const inScope = await read(at(german, germanTask));
      const outOfScope = await read(at(american, americanTask));
      if (inScope.status !== 200) leaks.push(`${name}: ${inScope.status} for an in-scope case`);
      const seen = JSON.stringify(outOfScope.body);
      if (outOfScope.status === 200 && (seen.includes(american) || seen.includes(americanTask))) {
        leaks.push(`${name}: shows the out-of-scope case`);
      }
      if (outOfScope.status !== 200 && outOfScope.status !== 404) {
        leaks.push(`${name}: ${outOfScope.status} for an out-of-scope case`);
      }
      if (name === 'GET /api/metrics') {
        const [flow] = outOfScope.body.flows;
        if (flow?.cases !== 1) leaks.push(`${name}: counts ${flow?.cases} cases, not 1`);
      }
    }
    expect(leaks).toEqual([]);
  });
});
