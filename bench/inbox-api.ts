/**
 * Inbox API: p50/p99 of `GET /api/inbox` for a reviewer with 10,000 open tasks in
 * `approval_tasks`, against the same API with 100 open tasks as the baseline. Each database is
 * served by its own API process (`server/main.ts`, as in production); this process sends the
 * load, 8 requests at a time, alternating rounds between the two.
 * Run: npm run bench:inbox
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectDatabase } from '#platform/database';
import {
  findFreePort,
  type ManagedProcess,
  startProcess,
  waitUntil,
} from '../scripts/embedded/managed-process.ts';
import { startTestStack } from '../tests/support/test-stack.ts';
import {
  type ApprovalTaskRecord,
  approvalTaskModel,
} from '../worker/activities/engine/approval-task-record.ts';
import { type CaseRecord, caseModel } from '../worker/activities/engine/case-record.ts';
import { inLanes, percentile, writeResults } from './support/engine-bench.ts';

const CONCURRENCY = 8;
const ROUNDS = 6;
const REQUESTS_PER_ROUND = 50;
const INBOX_PATH = '/api/inbox?view=roles&sort=due';

interface InboxServer {
  openTasks: number;
  url: string;
  reviewerToken: string;
  process: ManagedProcess;
}

/** Open tasks as refund policies leave them: mostly for reviewers, some for a group or admins. */
function openTasks(count: number): ApprovalTaskRecord[] {
  const now = Date.now();
  return Array.from({ length: count }, (_, index) => {
    const workflowId = `case-inbox-bench-${index}`;
    const assignee =
      index % 10 === 0
        ? { assigneeRole: 'admin' }
        : index % 10 === 1
          ? { assigneeGroup: 'refund-reviewer' }
          : { assigneeRole: 'reviewer' };
    return {
      _id: `${workflowId}/review#1`,
      workflowId,
      taskId: 'review#1',
      caseId: `inbox-bench-${index}`,
      flowKey: 'marketplace-refund',
      flowVersion: 1,
      nodeId: 'review',
      title: 'Standard refund review',
      ...assignee,
      approvalsRequired: index % 7 === 0 ? 2 : 1,
      requestedBy: `requester-${index % 50}`,
      status: 'open',
      openedAt: new Date(now - index * 60_000),
      ...(index % 3 === 0 ? {} : { dueAt: new Date(now + ((index * 7919) % 86_400) * 1000) }),
      decisions: [],
    };
  });
}

/** Each task's case, as submission writes it: the inbox checks cases against the caller's scope. */
function runningCases(tasks: ApprovalTaskRecord[]): CaseRecord[] {
  return tasks.map((task) => ({
    _id: task.caseId,
    workflowId: task.workflowId,
    flowKey: task.flowKey,
    flowVersion: task.flowVersion,
    trigger: 'refund.requested',
    requestedBy: task.requestedBy,
    marketplace: 'amazon.com',
    submittedAt: task.openedAt,
    status: 'running',
  }));
}

async function seedTasks(uri: string, count: number): Promise<void> {
  const database = await connectDatabase(uri);
  const tasks = openTasks(count);
  for (let start = 0; start < tasks.length; start += 500) {
    const batch = tasks.slice(start, start + 500);
    await approvalTaskModel(database).insertMany(batch);
    await caseModel(database).insertMany(runningCases(batch));
  }
  await database.close();
}

async function startInboxServer(
  temporalAddress: string,
  mongoUri: string,
  openTaskCount: number,
  logDir: string,
): Promise<InboxServer> {
  await seedTasks(mongoUri, openTaskCount);
  const port = await findFreePort();
  const adminToken = randomBytes(24).toString('base64url');
  const url = `http://127.0.0.1:${port}`;
  const api = await startProcess({
    name: `api-${openTaskCount}`,
    command: process.execPath,
    args: ['--import', 'tsx', 'server/main.ts'],
    cwd: new URL('..', import.meta.url).pathname,
    logFile: join(logDir, `api-${openTaskCount}.log`),
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      MONGODB_URI: mongoUri,
      TEMPORAL_ADDRESS: temporalAddress,
      ACORN_ADMIN_TOKEN: adminToken,
      ACORN_SESSION_SECRET: randomBytes(32).toString('base64url'),
      ACORN_HISTORY_SWEEP_SECONDS: '0',
      LOG_LEVEL: 'warn',
    },
  });
  await waitUntil(`the API on ${url}`, async () => (await fetch(`${url}/health`)).ok, 60_000);
  const issued = await fetch(`${url}/api/tokens`, {
    method: 'POST',
    headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      name: 'inbox bench reviewer',
      roles: ['reviewer'],
      groups: ['refund-reviewer'],
    }),
  });
  if (issued.status !== 201) throw new Error(`token refused: ${await issued.text()}`);
  const { secret } = (await issued.json()) as { secret: string };
  return { openTasks: openTaskCount, url, reviewerToken: secret, process: api };
}

async function listInbox(server: InboxServer): Promise<number> {
  const began = performance.now();
  const answer = await fetch(`${server.url}${INBOX_PATH}`, {
    headers: { authorization: `Bearer ${server.reviewerToken}` },
  });
  const page = (await answer.json()) as { total?: number };
  if (!answer.ok || page.total !== Math.round(server.openTasks * 0.9)) {
    throw new Error(`inbox answered ${answer.status}: ${JSON.stringify(page).slice(0, 200)}`);
  }
  return performance.now() - began;
}

const stack = await startTestStack();
const logDir = await mkdtemp(join(tmpdir(), 'acorn-inbox-bench-'));
const servers: InboxServer[] = [];
try {
  for (const count of [100, 10_000]) {
    servers.push(
      await startInboxServer(
        stack.temporalAddress,
        `${stack.mongoBaseUri}/inbox-bench-${count}`,
        count,
        logDir,
      ),
    );
  }
  const latencies = new Map<InboxServer, number[]>(servers.map((server) => [server, []]));
  for (const server of servers) await inLanes(CONCURRENCY, Array(20).fill(server), listInbox);
  for (let round = 0; round < ROUNDS; round += 1) {
    const order = round % 2 ? [...servers].reverse() : servers;
    for (const server of order) {
      const requests = Array(REQUESTS_PER_ROUND).fill(server);
      latencies.get(server)?.push(...(await inLanes(CONCURRENCY, requests, listInbox)));
    }
  }
  const rows = servers.map((server) => {
    const measured = latencies.get(server) ?? [];
    return {
      openTasks: server.openTasks,
      requests: measured.length,
      p50Ms: Math.round(percentile(measured, 50)),
      p95Ms: Math.round(percentile(measured, 95)),
      p99Ms: Math.round(percentile(measured, 99)),
    };
  });
  const p99Ratio = Number(((rows[1]?.p99Ms ?? 0) / (rows[0]?.p99Ms || 1)).toFixed(1));
  console.table(rows);
  console.log(`p99 with 10,000 open tasks / with 100: ${p99Ratio}`);
  await writeResults('inbox-api', { concurrency: CONCURRENCY, path: INBOX_PATH, rows, p99Ratio });
} finally {
  await Promise.all(servers.map((server) => server.process.stop()));
  await stack.stop();
  await rm(logDir, { recursive: true, force: true });
}
