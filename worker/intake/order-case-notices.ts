import { type Client, WorkflowNotFoundError } from '@temporalio/client';
import type { Connection } from 'mongoose';
import { DEFAULT_ACCOUNT_ID } from '#api-contract/accounts';
import type { AmazonNotification } from '#flow-language';
import { CaseOrders, type OrderCase } from '#platform/case-start/case-orders';
import { caseWorkflowId } from '#platform/case-start/start-case';
import { amazonNotificationSignal } from '../../workflows/flow-run/definitions.ts';
import { sellersIn } from '../activities/marketplace/account-adapters.ts';
import {
  type SellerAccountRecord,
  sellerAccountModel,
} from '../activities/marketplace/seller-accounts.ts';
import type { IntakeAccount } from './intake-account.ts';

/**
 * Tells the running cases of an order what Amazon just said about it (a signal to each run,
 * which applies a notification once by its id). Only the cases that go through the account
 * the notification came from: another seller's order of the same id is not theirs.
 */
export class OrderCaseNotices {
  private readonly orders;

  constructor(private readonly deps: { database: Connection; temporal: Client }) {
    this.orders = new CaseOrders(deps.database);
  }

  /** Answers the case ids whose runs were told; closed runs are not. */
  async tell(account: IntakeAccount, notice: AmazonNotification): Promise<string[]> {
    const cases = await this.casesFor(account, notice.orderId);
    const told: string[] = [];
    for (const { caseId } of cases) {
      try {
        const run = this.deps.temporal.workflow.getHandle(caseWorkflowId(caseId));
        await run.signal(amazonNotificationSignal, notice);
        told.push(caseId);
      } catch (error) {
        // The case has ended: nothing of it is left to change.
        if (!(error instanceof WorkflowNotFoundError)) throw error;
      }
    }
    return told;
  }

  /** The cases of the order that go through this account, running or not. */
  async casesFor(
    account: Pick<IntakeAccount, 'caseAccount'>,
    orderId: string,
  ): Promise<OrderCase[]> {
    const cases = await this.orders.of(orderId);
    const notifying = account.caseAccount ?? DEFAULT_ACCOUNT_ID;
    const unnamed = cases.some((entry) => !entry.account);
    const records = unnamed ? await sellerAccountModel(this.deps.database).find({}).lean() : [];
    return cases.filter((entry) => {
      const goesThrough = entry.account ?? accountOfMarketplace(records, entry.marketplace);
      return goesThrough === notifying;
    });
  }
}

/**
 * The account a case naming none goes through, as its marketplace steps choose it
 * (AccountAdapters.recordFor); two sellers there: no account at all.
 */
function accountOfMarketplace(
  records: SellerAccountRecord[],
  marketplace: string | undefined,
): string | undefined {
  const sellers = marketplace ? sellersIn(records, marketplace) : [];
  if (sellers.length > 1) return undefined;
  return sellers[0]?._id ?? DEFAULT_ACCOUNT_ID;
}
