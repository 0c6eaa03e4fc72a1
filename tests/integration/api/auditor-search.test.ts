import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiHarness } from '../../support/api-harness.ts';
import { openCaseApi, publish, refundReviewFlow } from './case-api-support.ts';

let harness: ApiHarness;
const suffix = randomUUID().slice(0, 8);
const flowKey = `search-${suffix}`;
const trigger = `refund.search.${suffix}`;
const orderIds = ['303-1234567-7654321', '303-7654321-1234567', '028-5550000-1112223'];
const caseIds = [`Search-A-${suffix}`, `search-b-${suffix}`, `other-c-${suffix}`];
let startedAt: string;

beforeAll(async () => {
  harness = await openCaseApi('auditor-search');
  await publish(harness, refundReviewFlow(flowKey, trigger));
  startedAt = new Date(Date.now() - 1_000).toISOString();
  for (const [index, orderId] of orderIds.entries()) {
    const { status } = await harness.call('post', '/api/cases', 'requester', {
      trigger,
      caseId: caseIds[index],
      // Auto-approved amounts: the runs finish on their own.
      input: { orderId, amount: 10 },
    });
    expect(status).toBe(201);
  }
});
afterAll(async () => {
  await harness?.close();
});

async function runsFound(query: string): Promise<string[]> {
  const { status, body } = await harness.call(
    'get',
    `/api/runs?flowKey=${flowKey}&${query}`,
    'auditor',
  );
  expect(status).toBe(200);
  return (body.items as { caseId: string }[]).map((run) => run.caseId).sort();
}

async function logFound(query: string): Promise<{ action: string; actor: { name: string } }[]> {
  const { status, body } = await harness.call('get', `/api/audit/log?${query}`, 'auditor');
  expect(status).toBe(200);
  return body.items;
}

describe('auditors search runs', () => {
  it('by part of the order id, anywhere in it', async () => {
    expect(await runsFound('orderId=1234567')).toEqual([caseIds[0], caseIds[1]].sort());
    expect(await runsFound('orderId=5550000-111')).toEqual([caseIds[2]]);
    expect(await runsFound(`orderId=${orderIds[0]}`)).toEqual([caseIds[0]]);
  });

  it('by part of the case id, in any case', async () => {
    expect(await runsFound('caseId=search-')).toEqual([caseIds[0], caseIds[1]].sort());
    expect(await runsFound(`caseId=OTHER-C-${suffix}`)).toEqual([caseIds[2]]);
  });

  it('takes what is typed literally: pattern characters match themselves, never everything', async () => {
    expect(await runsFound('orderId=.*')).toEqual([]);
    expect(await runsFound('orderId=303.1234567')).toEqual([]);
    expect(await runsFound(`caseId=${encodeURIComponent('(')}`)).toEqual([]);
    expect(await runsFound(`caseId=${encodeURIComponent('search-[ab]')}`)).toEqual([]);
  });

  it('refuses an operator in place of a value', async () => {
    const { status } = await harness.call('get', '/api/runs?orderId[$ne]=x', 'auditor');
    expect(status).toBe(400);
  });
});

describe('auditors filter the audit log', () => {
  it('by part of the person’s name, in any case, with the action', async () => {
    const entries = await logFound('person=RIT&action=case.submitted');
    expect(entries.length).toBeGreaterThanOrEqual(3);
    expect(new Set(entries.map((entry) => entry.actor.name))).toEqual(new Set(['Rita']));
    expect(await logFound('person=rob&action=case.submitted')).toEqual([]);
    expect(await logFound(`person=${encodeURIComponent('.*')}`)).toEqual([]);
  });

  it('by period: the submissions fall inside it and outside a period before it', async () => {
    const inside = await logFound(`action=case.submitted&from=${startedAt}`);
    expect(inside.length).toBeGreaterThanOrEqual(3);
    expect(await logFound(`action=case.submitted&to=${startedAt}`)).toEqual([]);
    const later = new Date(Date.now() + 3_600_000).toISOString();
    expect(await logFound(`from=${later}`)).toEqual([]);
  });

  it('refuses an operator or an unknown filter', async () => {
    expect((await harness.call('get', '/api/audit/log?person[$ne]=x', 'auditor')).status).toBe(400);
    expect((await harness.call('get', '/api/audit/log?from=someday', 'auditor')).status).toBe(400);
  });
});
