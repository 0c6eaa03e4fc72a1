/**
 * Inbox API: p50/p95/p99 and requests/s of `GET /api/inbox?sort=due` (first page, default page
 * size, default view) for a signed-in reviewer, with 10,000 open tasks in `approval_tasks`
 * against 100 as the baseline, in the same run. Each database is served by its own API process
 * (`server/main.ts`, as in production); the load comes from a second process
 * (`bench/inbox-api-load.ts`), 8 requests at a time, rounds alternating between the two.
 * Run: npm run bench:inbox
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type ApprovalTaskRecord,
  approvalTaskModel,
} from '#platform/approval-tasks/approval-task-record';
import { type CaseRecord, caseModel } from '#platform/cases/case-record';
import { connectDatabase } from '#platform/database';
import { generatePayloadKey } from '#platform/payload-codec';
import { SHIPPED_POLICY_KEYS, shippedPolicyDocument } from '../policies/shipped-policies.ts';
import {
  findFreePort,
  type ManagedProcess,
  startProcess,
  waitUntil,
} from '../scripts/embedded/managed-process.ts';
import type { ApiIdentity } from '../server/auth/identity.ts';
import { SESSION_COOKIE } from '../server/auth/session-middleware.ts';
import { publicTaskId } from '../server/inbox/public-task-id.ts';
import { type TaskClaimRecord, taskClaimModel } from '../server/inbox/task-claim-record.ts';
import { isEligible } from '../server/inbox/task-eligibility.ts';
import { startTestStack } from '../tests/support/test-stack.ts';
import type { LoadPlan, LoadReport, TargetLoad } from './inbox-api-load.ts';
import { percentile, writeResults } from './support/measurements.ts';

const TASK_COUNTS = [100, 10_000];
const CONCURRENCY = 8;
const WARM_UP_REQUESTS = 16;
const ROUNDS = 4;
const REQUESTS_PER_ROUND = 30;
const INBOX_PATH = '/api/inbox?sort=due';
const INSERT_BATCH = 500;
/** Tasks the bench's reviewer has claimed (through the API), as a reviewer at work has. */
const REVIEWER_CLAIMS = 5;
const BACKLOG_SECONDS = 36 * 3600;
/** The signed-in reviewer whose inbox is listed. */
const REVIEWER = {
  username: 'bench-reviewer',
  name: 'Bench Reviewer',
  roles: ['reviewer'],
  groups: ['refund-reviewer'],
} satisfies Pick<ApiIdentity, 'name' | 'roles' | 'groups'> & { username: string };
const loadScript = new URL('./inbox-api-load.ts', import.meta.url).pathname;
const repoRoot = new URL('..', import.meta.url).pathname;

interface ApprovalNode {
  id: string;
  kind: string;
  title: string;
  assignee: { role?: string };
  approvalsRequired?: number;
  sla?: { durationSeconds: number; escalateToRole?: string };
}

interface ApprovalTemplate extends ApprovalNode {
  flowKey: string;
}

interface SeededInbox {
  /** What the reviewer's inbox must report as `total`: every task assigned to them. */
  reviewerTasks: number;
  /** Tasks of the reviewer's role that nobody holds, for the reviewer to claim. */
  unclaimed: string[];
}

interface InboxServer {
  openTasks: number;
  reviewerTasks: number;
  url: string;
  session: string;
  process: ManagedProcess;
}

/** The approval steps of the shipped policies, so tasks carry real titles, nodes and SLAs. */
function approvalTemplates(): ApprovalTemplate[] {
  return SHIPPED_POLICY_KEYS.flatMap((flowKey) => {
    const policy = shippedPolicyDocument(flowKey) as { nodes: ApprovalNode[] };
    return policy.nodes
      .filter((node) => node.kind === 'approval')
      .map((node) => ({ ...node, flowKey }));
  });
}

/** Most tasks go to the step's role; some to the reviewers' group, some to other people. */
function assigneeOf(index: number, template: ApprovalTemplate) {
  const slot = index % 20;
  if (slot < 2) return { assigneeRole: 'admin' };
  if (slot < 4) return { assigneeGroup: 'store-returns' };
  if (slot < 7) return { assigneeGroup: 'refund-reviewer' };
  return { assigneeRole: template.assignee.role };
}

/**
 * An open task as the workflow writes it: opened over the last 36 hours, due by its step's SLA
 * (escalated once overdue, as the workflow does), and for two-approver steps sometimes one
 * approval in already.
 */
function openTask(index: number, template: ApprovalTemplate, now: number): ApprovalTaskRecord {
  const caseId = `inbox-bench-${index}`;
  const workflowId = `case-${caseId}`;
  const openedAt = now - ((index * 7919) % BACKLOG_SECONDS) * 1000;
  const dueAt = template.sla && openedAt + template.sla.durationSeconds * 1000;
  const escalatedTo = dueAt && dueAt < now ? template.sla?.escalateToRole : undefined;
  const approvalsRequired = template.approvalsRequired ?? 1;
  const firstApproval = {
    userId: `reviewer-${index % 7}`,
    verdict: 'approve' as const,
    at: new Date((openedAt + now) / 2),
  };
  return {
    _id: `${workflowId}/${template.id}#1`,
    workflowId,
    taskId: `${template.id}#1`,
    caseId,
    flowKey: template.flowKey,
    flowVersion: 1,
    nodeId: template.id,
    title: template.title,
    ...assigneeOf(index, template),
    ...(escalatedTo && { escalatedTo }),
    approvalsRequired,
    requestedBy: `requester-${index % 50}`,
    status: 'open',
    openedAt: new Date(openedAt),
    ...(dueAt && { dueAt: new Date(dueAt) }),
    decisions: approvalsRequired > 1 && index % 2 === 0 ? [firstApproval] : [],
  };
}

/** Each task's case, as submission writes it (the inbox reads cases for scoped callers). */
function runningCase(task: ApprovalTaskRecord, index: number): CaseRecord {
  return {
    _id: task.caseId,
    workflowId: task.workflowId,
    flowKey: task.flowKey,
    flowVersion: task.flowVersion,
    trigger: `${task.flowKey}.requested`,
    orderId: `114-${String(index).padStart(7, '0')}-5550123`,
    requestedBy: task.requestedBy,
    brand: ['acorn-home', 'acorn-outdoor'][index % 2],
    marketplace: ['amazon.com', 'amazon.ca', 'amazon.com.mx'][index % 3],
    store: `store-${index % 12}`,
    submittedAt: task.openedAt,
    status: 'running',
  };
}

/** Other reviewers are working one task in 25. */
const heldByOtherReviewer = (index: number) => index % 25 === 10;

function otherReviewersClaims(batch: { task: ApprovalTaskRecord; index: number }[]) {
  return batch
    .filter(({ index }) => heldByOtherReviewer(index))
    .map(
      ({ task, index }): TaskClaimRecord => ({
        _id: task._id,
        userId: `reviewer-${index % 7}`,
        claimedAt: task.openedAt,
      }),
    );
}

/** The server's own rule for whose inbox a task is in, so the expected total cannot drift. */
const assignedToReviewer = (task: ApprovalTaskRecord) =>
  isEligible({ ...REVIEWER, userId: REVIEWER.username, via: 'session' }, task);

async function seedInbox(uri: string, count: number): Promise<SeededInbox> {
  const templates = approvalTemplates();
  const now = Date.now();
  const tasks = Array.from({ length: count }, (_, index) =>
    openTask(index, templates[index % templates.length] as ApprovalTemplate, now),
  );
  const database = await connectDatabase(uri);
  try {
    for (let start = 0; start < count; start += INSERT_BATCH) {
      const batch = tasks.slice(start, start + INSERT_BATCH);
      const indexed = batch.map((task, offset) => ({ task, index: start + offset }));
      await approvalTaskModel(database).insertMany(batch);
      await caseModel(database).insertMany(
        indexed.map(({ task, index }) => runningCase(task, index)),
      );
      await taskClaimModel(database).insertMany(otherReviewersClaims(indexed));
    }
  } finally {
    await database.close();
  }
  return {
    reviewerTasks: tasks.filter(assignedToReviewer).length,
    unclaimed: tasks
      .filter((task, index) => assignedToReviewer(task) && !heldByOtherReviewer(index))
      .map((task) => task._id),
  };
}

async function post(url: string, headers: Record<string, string>, body?: unknown) {
  const answer = await fetch(url, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify(body ?? {}),
  });
  if (!answer.ok) throw new Error(`POST ${url} answered ${answer.status}: ${await answer.text()}`);
  return answer;
}

/** A reviewer user, created by the admin and signed in with a password, as the inbox UI does. */
async function signInReviewer(url: string, adminToken: string): Promise<string> {
  const credentials = {
    username: REVIEWER.username,
    password: randomBytes(18).toString('base64url'),
  };
  await post(
    `${url}/api/users`,
    { authorization: `Bearer ${adminToken}` },
    {
      ...credentials,
      displayName: REVIEWER.name,
      roles: REVIEWER.roles,
      groups: REVIEWER.groups,
    },
  );
  const login = await post(`${url}/api/auth/login`, {}, credentials);
  const cookie = login.headers.getSetCookie().find((set) => set.startsWith(`${SESSION_COOKIE}=`));
  if (!cookie) throw new Error('the login answered without a session cookie');
  return cookie.split(';')[0] as string;
}

async function claimSome(url: string, session: string, unclaimed: string[]): Promise<void> {
  for (const recordId of unclaimed.slice(0, REVIEWER_CLAIMS)) {
    await post(`${url}/api/tasks/${publicTaskId(recordId)}/claim`, { cookie: session });
  }
}

async function startInboxServer(
  temporalAddress: string,
  mongoUri: string,
  openTaskCount: number,
  logDir: string,
): Promise<InboxServer> {
  const began = performance.now();
  const seeded = await seedInbox(mongoUri, openTaskCount);
  const port = await findFreePort();
  const adminToken = randomBytes(24).toString('base64url');
  const url = `http://127.0.0.1:${port}`;
  const api = await startProcess({
    name: `api-${openTaskCount}`,
    command: process.execPath,
    args: ['--import', 'tsx', 'server/main.ts'],
    cwd: repoRoot,
    logFile: join(logDir, `api-${openTaskCount}.log`),
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      MONGODB_URI: mongoUri,
      TEMPORAL_ADDRESS: temporalAddress,
      ACORN_ADMIN_TOKEN: adminToken,
      ACORN_SESSION_SECRET: randomBytes(32).toString('base64url'),
      ACORN_AUDIT_KEY: randomBytes(32).toString('base64url'),
      ACORN_AUDIT_HEADS_FILE: join(logDir, 'audit-heads.jsonl'),
      ACORN_PAYLOAD_KEYS: generatePayloadKey('bench'),
      ACORN_HISTORY_SWEEP_SECONDS: '0',
      LOG_LEVEL: 'warn',
    },
  });
  const server = {
    openTasks: openTaskCount,
    reviewerTasks: seeded.reviewerTasks,
    url,
    process: api,
  };
  try {
    await waitUntil(`the API on ${url}`, async () => (await fetch(`${url}/health`)).ok, 60_000);
    const session = await signInReviewer(url, adminToken);
    await claimSome(url, session, seeded.unclaimed);
    console.log(
      `${openTaskCount} open tasks seeded and served in ${Math.round((performance.now() - began) / 1000)} s`,
    );
    return { ...server, session };
  } catch (error) {
    await api.stop();
    throw error;
  }
}

/** Runs the load process and reads its report from its stdout. */
async function runLoad(plan: LoadPlan): Promise<LoadReport> {
  const load = spawn(process.execPath, ['--import', 'tsx', loadScript], {
    cwd: repoRoot,
    env: { ...process.env, INBOX_LOAD_PLAN: JSON.stringify(plan) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let report = '';
  load.stdout.on('data', (chunk: Buffer) => {
    report += chunk.toString('utf8');
  });
  const [code] = (await once(load, 'close')) as [number | null];
  if (code !== 0) throw new Error(`the load process exited with ${code}`);
  return JSON.parse(report) as LoadReport;
}

function rowOf(server: InboxServer, load: TargetLoad) {
  const latencies = load.latenciesMs;
  return {
    openTasks: server.openTasks,
    reviewerTasks: server.reviewerTasks,
    requests: latencies.length,
    requestsPerSecond: Number(((latencies.length * 1000) / load.busyMs).toFixed(1)),
    p50Ms: Math.round(percentile(latencies, 50)),
    p95Ms: Math.round(percentile(latencies, 95)),
    p99Ms: Math.round(percentile(latencies, 99)),
  };
}

const stack = await startTestStack();
const logDir = await mkdtemp(join(tmpdir(), 'acorn-inbox-bench-'));
const servers: InboxServer[] = [];
let measured = false;
try {
  for (const count of TASK_COUNTS) {
    const uri = `${stack.mongoBaseUri}/inbox-bench-${count}`;
    servers.push(await startInboxServer(stack.temporalAddress, uri, count, logDir));
  }
  const report = await runLoad({
    path: INBOX_PATH,
    concurrency: CONCURRENCY,
    warmUpRequests: WARM_UP_REQUESTS,
    rounds: ROUNDS,
    requestsPerRound: REQUESTS_PER_ROUND,
    targets: servers.map((server) => ({
      name: String(server.openTasks),
      url: server.url,
      session: server.session,
      expectedTotal: server.reviewerTasks,
    })),
  });
  const rows = servers.map((server) =>
    rowOf(server, report[String(server.openTasks)] as TargetLoad),
  );
  const [baseline, large] = rows;
  const p99Ratio = Number(((large?.p99Ms ?? 0) / (baseline?.p99Ms || 1)).toFixed(1));
  console.table(rows);
  console.log(`p99 with 10,000 open tasks / with 100: ${p99Ratio}`);
  await writeResults('inbox-api', {
    path: INBOX_PATH,
    concurrency: CONCURRENCY,
    rounds: ROUNDS,
    requestsPerRound: REQUESTS_PER_ROUND,
    rows,
    p99Ratio,
  });
  measured = true;
} finally {
  await Promise.all(servers.map((server) => server.process.stop()));
  await stack.stop();
  if (measured) await rm(logDir, { recursive: true, force: true });
  else console.error(`API logs kept in ${logDir}`);
}
