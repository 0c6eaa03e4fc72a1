import { ApplicationFailure, Context } from '@temporalio/activity';
import type { Connection } from 'mongoose';
import { DEFAULT_ACCOUNT_ID } from '#api-contract/accounts';
import { CaseAccounts } from '#platform/case-start/case-account';
import { caseIdOfWorkflow } from '#platform/case-start/start-case';
import { type CatalogActivity, catalogActivity } from '../catalog-activity.ts';
import { AccountAdapters, type AccountChoice, UnknownAccount } from './account-adapters.ts';
import { MissingSecret } from './account-credentials.ts';
import { ClaimNotFound, ClaimRequestSchema, readClaim } from './claim-event.ts';
import { summariseEvents } from './financial-summary.ts';
import { issueRefund, refundResult } from './issue-refund.ts';
import type { MarketplaceAdapter } from './marketplace-adapter.ts';
import {
  acknowledgePurchaseOrderDescriptor,
  cancelOrderDescriptor,
  getOrderDescriptor,
  getRefundStatusDescriptor,
  issueRefundDescriptor,
  listFinancialEventsDescriptor,
  readClaimDescriptor,
  readReturnFactsDescriptor,
} from './marketplace-catalog.ts';
import type { MarketplaceSettings, RefundSettings } from './marketplace-config.ts';
import { cancelUnshippedOrder } from './order-cancellation.ts';
import { isFinished, settleFeed } from './refund-completion.ts';
import type { RefundContext, RefundRuntime } from './refund-context.ts';
import { RefundIntents } from './refund-intents.ts';
import { ReturnFactsRequestSchema, returnFacts, UnknownOrderItem } from './return-facts.ts';
import { SubmissionLocks } from './submission-lock.ts';
import { parseAcknowledgementInput } from './vendor-acknowledgement.ts';

export interface MarketplaceActivityDependencies {
  database: Connection;
  /** The default account's adapter; absent: a worker serving admin-configured accounts only. */
  adapter?: MarketplaceAdapter;
  /** From loadMarketplaceConfig(env).refunds; tests shorten the waits. */
  refundSettings: RefundSettings;
  /**
   * The admin-configured accounts beside the default one (`adapter`). Omitted: every call
   * goes to the default account, as when one worker served one account.
   */
  accounts?: AccountAdapters;
}

/** The default account's adapter (if any) and the accounts stored in the database. */
export function accountAdaptersFor(
  database: Connection,
  config: MarketplaceSettings,
  defaultAdapter?: MarketplaceAdapter,
): AccountAdapters {
  return new AccountAdapters({
    database,
    defaultConfig: config,
    ...(defaultAdapter && { defaultAdapter }),
  });
}

/** The marketplace catalog entries with their implementations, ready for registerCatalog. */
export function createMarketplaceActivities(
  deps: MarketplaceActivityDependencies,
): CatalogActivity[] {
  const intents = new RefundIntents(deps.database);
  const locks = new SubmissionLocks(deps.database);
  const caseAccounts = new CaseAccounts(deps.database);
  const accountOf = async (choice: AccountChoice) =>
    chosenAccount(
      deps.accounts ?? onlyDefault(deps.adapter),
      await withCaseAccount(caseAccounts, choice),
    );
  const adapterOf = async (choice: AccountChoice) => (await accountOf(choice)).adapter;
  const context = async (choice: AccountChoice): Promise<RefundContext> => {
    const { accountId, adapter } = await accountOf(choice);
    return {
      adapter,
      intents,
      locks,
      settings: deps.refundSettings,
      runtime: activityRuntime(),
      accountId,
    };
  };
  // A stored refund is followed through the account it was sent with, whatever the caller says.
  const refundContext = async (refundId: string, choice: AccountChoice) => {
    const stored = await intents.find(refundId);
    return context(
      stored ? { account: stored.accountId, marketplace: stored.marketplaceId } : choice,
    );
  };

  return [
    catalogActivity(getOrderDescriptor, async (input) => {
      const { choice, rest } = splitChoice(input);
      return (await adapterOf(choice)).getOrder(String(rest.orderId));
    }),
    catalogActivity(issueRefundDescriptor, async (input) => {
      const { choice, rest } = splitChoice(input);
      return withAccount(await context(choice), (refundContext) =>
        issueRefund(refundContext, rest),
      );
    }),
    catalogActivity(getRefundStatusDescriptor, async (input) => {
      const { choice, rest } = splitChoice(input);
      const refundId = String(rest.refundId ?? `RR-${rest.caseId}`);
      return refundStatus(await refundContext(refundId, choice), refundId);
    }),
    catalogActivity(listFinancialEventsDescriptor, async (input) => {
      const { choice, rest } = splitChoice(input);
      const orderId = String(rest.orderId);
      return summariseEvents(orderId, await (await adapterOf(choice)).listFinancialEvents(orderId));
    }),
    catalogActivity(readReturnFactsDescriptor, async (input) => {
      const { choice, rest } = splitChoice(input);
      const { accountId, adapter } = await accountOf(choice);
      return { ...(await readReturnFacts(adapter, rest)), account: accountId };
    }),
    catalogActivity(readClaimDescriptor, async (input) => {
      const { choice, rest } = splitChoice(input);
      return readOneClaim(await adapterOf(choice), rest);
    }),
    catalogActivity(cancelOrderDescriptor, async (input) => {
      const { choice, rest } = splitChoice(input);
      const { sleep, heartbeat } = activityRuntime();
      const pollIntervalMs = deps.refundSettings.pollIntervalMs;
      return cancelUnshippedOrder(await adapterOf(choice), rest, {
        sleep,
        heartbeat,
        pollIntervalMs,
      });
    }),
    catalogActivity(acknowledgePurchaseOrderDescriptor, async (input) => {
      const { choice, rest } = splitChoice(input);
      const ack = parseAcknowledgementInput(rest, new Date().toISOString());
      const { transactionId } = await (await adapterOf(choice)).acknowledgePurchaseOrder(ack);
      return { transactionId, purchaseOrderNumber: ack.purchaseOrderNumber, code: ack.code };
    }),
  ];
}

/** The refund's answer names the account and marketplace it went through, for the ledger. */
async function withAccount(
  context: RefundContext,
  refund: (context: RefundContext) => ReturnType<typeof issueRefund>,
) {
  const result = await refund(context);
  return {
    ...result,
    account: context.accountId ?? DEFAULT_ACCOUNT_ID,
    marketplaceId: context.adapter.account.marketplaceId,
  };
}

/**
 * The account inputs apart from the activity's own: flows pass `case.account` and
 * `case.marketplace`, null or "" for a case that names none (then the default account).
 */
function splitChoice(input: unknown): { choice: AccountChoice; rest: Record<string, unknown> } {
  const { account, marketplace, ...rest } = (input ?? {}) as Record<string, unknown>;
  const given = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);
  const choice: AccountChoice = {};
  const accountId = given(account);
  const marketplaceCode = given(marketplace);
  if (accountId) choice.account = accountId;
  if (marketplaceCode) choice.marketplace = marketplaceCode;
  return { choice, rest };
}

/**
 * A step that names no account goes through the account its case named when it started, so a
 * flow need not pass `case.account` to every marketplace step.
 */
async function withCaseAccount(
  caseAccounts: CaseAccounts,
  choice: AccountChoice,
): Promise<AccountChoice> {
  if (choice.account) return choice;
  const caseId = caseIdOfWorkflow(currentWorkflowId());
  const bound = caseId ? await caseAccounts.of(caseId) : undefined;
  return bound?.account ? { ...choice, account: bound.account } : choice;
}

/** The run calling this activity; undefined when called outside one (a sweep, a test). */
function currentWorkflowId(): string | undefined {
  try {
    return Context.current().info.workflowExecution?.workflowId;
  } catch {
    return undefined;
  }
}

/** Without configured accounts, only the default account exists: any other name is refused. */
function onlyDefault(adapter: MarketplaceAdapter | undefined): Pick<AccountAdapters, 'resolve'> {
  return {
    resolve: async ({ account } = {}) => {
      if (adapter && (account === undefined || account === DEFAULT_ACCOUNT_ID)) {
        return { accountId: DEFAULT_ACCOUNT_ID, adapter };
      }
      throw new UnknownAccount(`No marketplace account "${account}" is configured`);
    },
  };
}

/** A missing account or secret stays missing on every retry: a person must configure it. */
async function chosenAccount(accounts: Pick<AccountAdapters, 'resolve'>, choice: AccountChoice) {
  try {
    return await accounts.resolve(choice);
  } catch (error) {
    if (error instanceof UnknownAccount || error instanceof MissingSecret) {
      throw ApplicationFailure.nonRetryable(error.message, error.name);
    }
    throw error;
  }
}

async function readReturnFacts(adapter: MarketplaceAdapter, input: unknown) {
  const parsed = ReturnFactsRequestSchema.safeParse(input);
  if (!parsed.success) {
    throw ApplicationFailure.nonRetryable(parsed.error.message, 'InvalidReturnFactsRequest');
  }
  const [order, events] = await Promise.all([
    adapter.getOrder(parsed.data.orderId),
    adapter.listFinancialEvents(parsed.data.orderId),
  ]);
  try {
    // A null is left out: the flow language has no null, an absent field reads as absent.
    const facts = returnFacts(order, events, parsed.data, new Date());
    return Object.fromEntries(Object.entries(facts).filter(([, value]) => value !== null));
  } catch (error) {
    if (error instanceof UnknownOrderItem) {
      throw ApplicationFailure.nonRetryable(error.message, error.name);
    }
    throw error;
  }
}

async function readOneClaim(adapter: MarketplaceAdapter, input: unknown) {
  const parsed = ClaimRequestSchema.safeParse(input);
  if (!parsed.success) {
    throw ApplicationFailure.nonRetryable(parsed.error.message, 'InvalidClaimRequest');
  }
  try {
    return readClaim(await adapter.listFinancialEvents(parsed.data.orderId), parsed.data);
  } catch (error) {
    if (error instanceof ClaimNotFound) {
      throw ApplicationFailure.nonRetryable(error.message, error.name);
    }
    throw error;
  }
}

async function refundStatus(context: RefundContext, refundId: string) {
  let intent = await context.intents.find(refundId);
  if (!intent) return { refundId, status: 'none' };
  let feedStatus: string | undefined;
  if (intent.state === 'submitted' && intent.feedId) {
    const status = await context.adapter.getFeedStatus(intent.feedId);
    feedStatus = status.processingStatus;
    if (isFinished(status)) intent = await settleFeed(context, intent, status);
  }
  return {
    refundId,
    status: intent.state,
    ...(intent.feedId ? { feedId: intent.feedId } : {}),
    ...(feedStatus ? { feedStatus } : {}),
    amount: refundResult(intent).amount,
    ...(intent.outcome ? { outcome: intent.outcome } : {}),
  };
}

/** Heartbeats, cancellable sleeps and a time budget from Temporal's activity context. */
function activityRuntime(): RefundRuntime {
  const context = Context.current();
  const { startToCloseTimeoutMs, workflowExecution, activityId } = context.info;
  // Leave room to record the outcome before Temporal gives up on this attempt.
  const margin = Math.min(10_000, startToCloseTimeoutMs * 0.2);
  return {
    heartbeat: (details) => context.heartbeat(details),
    sleep: (ms) => context.sleep(ms),
    deadline: Date.now() + startToCloseTimeoutMs - margin,
    ...(workflowExecution ? { workflowId: workflowExecution.workflowId } : {}),
    activityId,
  };
}
