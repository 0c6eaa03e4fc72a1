// Checks a case dossier (GET /api/audit/cases/:caseId/export?format=json) without access to the
// system: recomputes the business trail's hash chain, checks each run's head and the head the
// signed audit log anchored, and that every trail line of the timeline is the chained event.
//
//   node --import tsx scripts/verify-dossier.ts case-<id>-audit.json
//
// Exit code 0 when the dossier holds together, 1 when it does not (the first problem is named).
import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import { canonicalJson, trailGenesis, verifyTrailChain } from '#flow-language';

const headSchema = z.object({ sequence: z.number().int(), hash: z.string() });

const dossierSchema = z.object({
  caseId: z.string(),
  items: z.array(
    z.object({
      source: z.string(),
      ref: z.number(),
      at: z.string(),
      who: z.string(),
      what: z.string(),
      nodeId: z.string().optional(),
      outputs: z.unknown().optional(),
    }),
  ),
  trailChain: z.object({
    workflowId: z.string(),
    genesis: z.string(),
    events: z.array(
      z.object({
        sequence: z.number().int(),
        at: z.string(),
        type: z.string(),
        nodeId: z.string().optional(),
        actor: z.string().optional(),
        details: z.record(z.string(), z.unknown()).optional(),
        runId: z.string().optional(),
        previousHash: z.string(),
        hash: z.string(),
      }),
    ),
    runs: z.array(
      z.object({
        runId: z.string(),
        head: headSchema.optional(),
        anchored: z
          .object({ auditSequence: z.number(), trailHead: headSchema.optional() })
          .optional(),
      }),
    ),
    head: headSchema.optional(),
  }),
});

type Dossier = z.infer<typeof dossierSchema>;
type ChainEvent = Dossier['trailChain']['events'][number];

export interface DossierVerdict {
  ok: boolean;
  caseId?: string;
  events: number;
  head?: { sequence: number; hash: string };
  problem?: { sequence?: number; runId?: string; reason: string };
}

export function verifyDossier(input: unknown): DossierVerdict {
  const parsed = dossierSchema.safeParse(input);
  if (!parsed.success) {
    return { ok: false, events: 0, problem: { reason: 'not a dossier with a trail chain' } };
  }
  const dossier = parsed.data;
  const { trailChain: chain } = dossier;
  const verdict = verifyTrailChain(chain.workflowId, chain.events);
  const base = {
    caseId: dossier.caseId,
    events: verdict.events,
    ...(verdict.head && { head: verdict.head }),
  };
  const problem =
    (chain.genesis !== trailGenesis(chain.workflowId) && {
      reason: `the genesis is not the one of ${chain.workflowId}`,
    }) ||
    (verdict.brokenAt && {
      sequence: verdict.brokenAt.sequence,
      reason: verdict.brokenAt.reason,
    }) ||
    headProblem(chain.head, chain.events) ||
    runProblem(chain) ||
    itemProblem(dossier.items, chain.events);
  return problem ? { ...base, ok: false, problem } : { ...base, ok: true };
}

function headProblem(head: Dossier['trailChain']['head'], events: ChainEvent[]) {
  const last = events.at(-1);
  if (head?.hash === last?.hash && head?.sequence === last?.sequence) return undefined;
  return { reason: 'the chain head is not its last event' };
}

/** Each run's head is its last event, and so is the head the audit log anchored when archiving it. */
function runProblem(chain: Dossier['trailChain']) {
  for (const run of chain.runs) {
    const last = chain.events.filter((event) => event.runId === run.runId).at(-1);
    const heads = [
      ['saved head', run.head],
      ['head anchored in the audit log', run.anchored?.trailHead],
    ] as const;
    for (const [name, head] of heads) {
      if (head && (head.sequence !== last?.sequence || head.hash !== last.hash)) {
        return {
          runId: run.runId,
          sequence: head.sequence,
          reason: `the run's ${name} (#${head.sequence}) is not the run's last event in the chain`,
        };
      }
    }
  }
  return undefined;
}

/** The timeline's trail lines are what people read: each must be the chained event it shows. */
function itemProblem(items: Dossier['items'], events: ChainEvent[]) {
  const bySequence = new Map(events.map((event) => [event.sequence, event]));
  for (const item of items.filter((line) => line.source === 'trail')) {
    const event = bySequence.get(item.ref);
    const same =
      event &&
      item.at === event.at &&
      item.what === event.type &&
      item.who === (event.actor ?? 'system') &&
      item.nodeId === event.nodeId &&
      canonicalJson(item.outputs) === canonicalJson(event.details);
    if (!same)
      return { sequence: item.ref, reason: 'the timeline line differs from the chained event' };
  }
  return undefined;
}

async function main(path: string | undefined): Promise<number> {
  if (!path) {
    console.error('usage: node --import tsx scripts/verify-dossier.ts <dossier.json>');
    return 2;
  }
  const verdict = verifyDossier(JSON.parse(await readFile(path, 'utf8')));
  console.log(JSON.stringify(verdict, null, 2));
  return verdict.ok ? 0 : 1;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = await main(process.argv[2]);
}
