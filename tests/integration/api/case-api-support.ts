import { randomUUID } from 'node:crypto';
import { waitUntil } from '../../../scripts/embedded/managed-process.ts';
import { auditLogModel } from '../../../server/audit/audit-log-record.ts';
import { bootstrapTokenAuthenticator } from '../../../server/auth/bootstrap-tokens.ts';
import type { ApiIdentity } from '../../../server/auth/identity.ts';
import { type ApiAnswer, ApiHarness, testCallers } from '../../support/api-harness.ts';

/** Callers beyond one per role: a second reviewer, a lead who also requests, a US-only user. */
export const extraCallers = {
  ann: {
    userId: 'reviewer-ann',
    name: 'Ann',
    roles: ['reviewer'],
    groups: ['refund-reviewer'],
    via: 'token',
  },
  lee: {
    userId: 'lead-lee',
    name: 'Lee',
    roles: ['requester', 'reviewer'],
    groups: ['refund-reviewer'],
    via: 'token',
  },
  usRequester: {
    userId: 'requester-us',
    name: 'Usha',
    roles: ['requester', 'auditor'],
    scope: { marketplaces: ['US'] },
    via: 'token',
  },
} satisfies Record<string, ApiIdentity>;
export type ExtraCaller = keyof typeof extraCallers;

const extraTokens = Object.fromEntries(
  Object.keys(extraCallers).map((name) => [name, randomUUID()]),
) as Record<ExtraCaller, string>;

export function openCaseApi(databaseName: string): Promise<ApiHarness> {
  const identities: Record<string, ApiIdentity> = Object.fromEntries(
    Object.values(testCallers).map(({ token, ...identity }) => [token, identity]),
  );
  for (const [name, identity] of Object.entries(extraCallers)) {
    identities[extraTokens[name as ExtraCaller]] = identity;
  }
  return ApiHarness.open(databaseName, {
    authenticate: () => bootstrapTokenAuthenticator(identities),
  });
}

// biome-ignore lint/suspicious/noExplicitAny: tests check answers with expect, not with types
export async function callAs<Body = any>(
  harness: ApiHarness,
  who: ExtraCaller,
  method: string,
  path: string,
  body?: unknown,
): Promise<ApiAnswer<Body>> {
  const response = await fetch(`${harness.baseUrl}${path}`, {
    method: method.toUpperCase(),
    headers: {
      authorization: `Bearer ${extraTokens[who]}`,
      ...(body !== undefined && { 'content-type': 'application/json' }),
    },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return {
    status: response.status,
    body: text ? JSON.parse(text) : text,
    headers: response.headers,
  };
}

/**
 * Small refunds are approved by the rule; larger ones need `approvalsRequired` reviewers of
 * the refund-reviewer role (and may carry an SLA).
 */
export function refundReviewFlow(
  key: string,
  trigger: string,
  review: Record<string, unknown> = {},
) {
  return {
    key,
    name: key,
    version: 1,
    inputs: {
      orderId: { type: 'string', required: true },
      amount: { type: 'number', required: true },
    },
    variables: {},
    nodes: [
      { id: 'start', kind: 'start', trigger },
      { id: 'small', kind: 'decision', condition: { '<': [{ var: 'amount' }, 50] } },
      {
        id: 'review',
        kind: 'approval',
        title: 'Approve refund',
        assignee: { role: 'refund-reviewer' },
        ...review,
      },
      { id: 'auto', kind: 'end', outcome: 'auto-approved' },
      { id: 'refunded', kind: 'end', outcome: 'refunded' },
      { id: 'rejected', kind: 'end', outcome: 'rejected' },
    ],
    edges: [
      { id: 'e1', source: 'start', target: 'small' },
      { id: 'e2', source: 'small', target: 'auto', handle: 'true' },
      { id: 'e3', source: 'small', target: 'review', handle: 'false' },
      { id: 'e4', source: 'review', target: 'refunded', handle: 'approved' },
      { id: 'e5', source: 'review', target: 'rejected', handle: 'rejected' },
    ],
  };
}

export async function publish(harness: ApiHarness, flow: { key: string }): Promise<void> {
  await harness.services.flows.saveDraft(flow, 'admin-ada');
  await harness.services.flows.publish(flow.key, 'admin-ada');
}

export async function runStatus(harness: ApiHarness, caseId: string): Promise<string> {
  const { body } = await harness.call('get', `/api/runs/${caseId}`, 'admin');
  return body.case?.status;
}

export function waitForStatus(harness: ApiHarness, caseId: string, status: string) {
  return waitUntil(
    `case ${caseId} ${status}`,
    async () => (await runStatus(harness, caseId)) === status,
    30_000,
  );
}

/** Waits until the case's task reaches the inbox projection; returns its public id. */
export async function inboxTaskOf(harness: ApiHarness, caseId: string): Promise<string> {
  let id = '';
  await waitUntil(
    `the task of ${caseId} in the inbox`,
    async () => {
      const { body } = await harness.call('get', '/api/inbox?view=all&pageSize=100', 'admin');
      id = body.items?.find((task: { caseId: string }) => task.caseId === caseId)?.id ?? '';
      return id !== '';
    },
    30_000,
  );
  return id;
}

/** Audit entries of one action and target, read from the log's collection. */
export function auditEntries(harness: ApiHarness, action: string, targetId: string) {
  return auditLogModel(harness.services.database).find({ action, 'target.id': targetId }).lean();
}
