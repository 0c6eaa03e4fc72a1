import { FBA_RETURNS_REPORT, MFN_RETURNS_REPORT } from './amazon-report-types.ts';
import { claimCaseId, claimEvents, claimSubmission } from './claim-cases.ts';
import type { IntakeAccount } from './intake-account.ts';
import type { IntakeCaseStarter, IntakeSubmission, StartAttempt } from './intake-case-start.ts';
import type { IntakeRecords, IntakeSource } from './intake-records.ts';
import { type BuyerOrder, lookUpOrders, ORDERS_PER_LOOKUP, withItems } from './order-lookup.ts';
import { readReportRows } from './report-download.ts';
import {
  fbaReturnRow,
  mfnReturnRow,
  type ReturnRow,
  returnCaseId,
  returnSubmission,
} from './return-cases.ts';

export interface PollSettings {
  /** How far back an account's first poll reads. */
  lookbackMs: number;
  /** Each poll reads again this far before its cursor: Amazon lists some rows and events late. */
  overlapMs: number;
  /** Between two getReport calls while Amazon makes a report. */
  reportPollMs: number;
}

/** What one poll did with one source. */
export interface SourceTally {
  source: IntakeSource;
  started: number;
  alreadyStarted: number;
  refused: number;
  /** Already dealt with by an earlier poll. */
  skipped: number;
}

/** A row or event that may become a case, prepared with its order only when new. */
interface Candidate {
  caseId: string;
  orderId: string;
  prepare(order: BuyerOrder): Promise<IntakeSubmission | { refused: string }>;
}

// Amazon keeps a returns report to 60 days and financial events settle for two minutes.
const MAX_WINDOW_MS = 30 * 86_400_000;
const FINANCES_SETTLING_MS = 3 * 60_000;

/**
 * Reads one account's returns reports and financial events and starts one case per new row or
 * claim. A source's cursor moves on only after every item of its window was dealt with, so a
 * poll that dies midway reads the window again: items it started are skipped (intake_items)
 * or found started (the case id names one run for good), none is missed.
 */
export class AccountPoller {
  constructor(
    private readonly account: IntakeAccount,
    private readonly records: IntakeRecords,
    private readonly starter: IntakeCaseStarter,
    private readonly settings: PollSettings,
  ) {}

  async pollOnce(now = new Date()): Promise<SourceTally[]> {
    return [
      await this.pollSource('mfn-returns', now, (start, end) =>
        this.returnCandidates('mfn', MFN_RETURNS_REPORT, mfnReturnRow, start, end),
      ),
      await this.pollSource('fba-returns', now, (start, end) =>
        this.returnCandidates('fba', FBA_RETURNS_REPORT, fbaReturnRow, start, end),
      ),
      await this.pollSource(
        'financial-events',
        new Date(now.getTime() - FINANCES_SETTLING_MS),
        (start, end) => this.claimCandidates(start, end),
      ),
    ];
  }

  private async pollSource(
    source: IntakeSource,
    upTo: Date,
    candidatesIn: (start: Date, end: Date) => Promise<Candidate[]>,
  ): Promise<SourceTally> {
    const tally: SourceTally = { source, started: 0, alreadyStarted: 0, refused: 0, skipped: 0 };
    const { accountId } = this.account;
    for (;;) {
      const cursor = await this.records.cursor(accountId, source);
      const since = cursor?.until.getTime() ?? upTo.getTime() - this.settings.lookbackMs;
      const start = new Date(since - this.settings.overlapMs);
      const end = new Date(Math.min(upTo.getTime(), start.getTime() + MAX_WINDOW_MS));
      const candidates = await candidatesIn(start, end);
      for (let at = 0; at < candidates.length; at += ORDERS_PER_LOOKUP) {
        await this.takePage(source, candidates.slice(at, at + ORDERS_PER_LOOKUP), tally);
      }
      await this.records.advance(accountId, source, cursor?.seq ?? 0, end);
      if (end.getTime() >= upTo.getTime()) return tally;
    }
  }

  /** The new items of a page, with their orders looked up together (one batch, one RDT). */
  private async takePage(source: IntakeSource, page: Candidate[], tally: SourceTally) {
    const fresh = new Map<string, Candidate>();
    for (const candidate of page) {
      // A case id met twice in a page is dealt with once, as when read again later.
      if (fresh.has(candidate.caseId) || (await this.records.seen(candidate.caseId))) {
        tally.skipped += 1;
      } else {
        fresh.set(candidate.caseId, candidate);
      }
    }
    if (fresh.size === 0) return;
    const { clients, marketplaceId } = this.account;
    const orderIds = [...fresh.values()].map((candidate) => candidate.orderId);
    const orders = await lookUpOrders(clients, marketplaceId, orderIds);
    for (const candidate of fresh.values()) {
      await this.take(source, candidate, orders.get(candidate.orderId), tally);
    }
  }

  private async take(
    source: IntakeSource,
    candidate: Candidate,
    order: BuyerOrder,
    tally: SourceTally,
  ) {
    const prepared = await candidate.prepare(order);
    const attempt: StartAttempt =
      'refused' in prepared
        ? { outcome: 'refused', reason: prepared.refused }
        : await this.starter.start(prepared);
    await this.records.record({
      _id: candidate.caseId,
      accountId: this.account.accountId,
      source,
      ...attempt,
    });
    if (attempt.outcome === 'started') tally.started += 1;
    else if (attempt.outcome === 'already-started') tally.alreadyStarted += 1;
    else tally.refused += 1;
  }

  private async returnCandidates(
    kind: 'mfn' | 'fba',
    reportType: string,
    parse: (row: Record<string, string>) => ReturnRow | undefined,
    start: Date,
    end: Date,
  ): Promise<Candidate[]> {
    const rows = await readReportRows(
      this.account.clients.reports,
      { reportType, marketplaceId: this.account.marketplaceId, start, end },
      this.settings.reportPollMs,
    );
    return rows.flatMap((raw) => {
      const row = parse(raw);
      if (!row) return [];
      return [
        {
          caseId: returnCaseId(kind, row.rowId),
          orderId: row.orderId,
          prepare: async (found: BuyerOrder) => {
            const order = await withItems(this.account.clients.orders, found);
            if (!order) return { refused: `Amazon knows no order ${row.orderId}` };
            if ('refused' in order) return order;
            const submission = returnSubmission(this.account, kind, row, order);
            return submission ?? { refused: `Order ${row.orderId} has no SKU ${row.sku}` };
          },
        },
      ];
    });
  }

  private async claimCandidates(start: Date, end: Date): Promise<Candidate[]> {
    const candidates: Candidate[] = [];
    let nextToken: string | undefined;
    do {
      const { data } = await this.account.clients.finances.listFinancialEvents({
        postedAfter: start.toISOString(),
        postedBefore: end.toISOString(),
        ...(nextToken && { nextToken }),
      });
      for (const claim of claimEvents(data.payload?.FinancialEvents ?? {})) {
        candidates.push({
          caseId: claimCaseId(claim),
          orderId: claim.orderId,
          prepare: async (found) => {
            const order = await withItems(this.account.clients.orders, found);
            if (order && 'refused' in order) return order;
            return claimSubmission(this.account, claim, order);
          },
        });
      }
      nextToken = data.payload?.NextToken;
    } while (nextToken);
    return candidates;
  }
}
