import { ApplicationFailure } from '@temporalio/activity';
import type { Connection } from 'mongoose';
import { type CatalogActivity, catalogActivity } from '../catalog-activity.ts';
import { postClaim, postRefundEntry } from './claim-posting.ts';
import { type CompensationCoupon, couponCode, couponEntry } from './compensation-coupon.ts';
import {
  issueCompensationCouponDescriptor,
  postChargebackDescriptor,
  postGuaranteeClaimDescriptor,
  postRefundDescriptor,
  reconcileSettlementDescriptor,
} from './finance-catalog.ts';
import type { GuaranteeClaim } from './guarantee-claim.ts';
import { UnbalancedEntry } from './journal-entry.ts';
import { type Ledger, LedgerConflict } from './ledger.ts';
import { MongoLedger } from './mongo-ledger.ts';
import { type RefundPosting, refundAdministrationFee, refundEntry } from './refund-posting.ts';
import { settlementReconciler } from './settlement-reconciliation.ts';
import { InvalidSettlementReport } from './settlement-report.ts';

export interface FinanceActivityDeps {
  database: Connection;
  /** Defaults to the MongoDB ledger on the same database. */
  ledger?: Ledger;
}

type ChargebackInput = Omit<GuaranteeClaim, 'postedAt' | 'kind' | 'claimId'> & {
  chargebackId: string;
};

/** Bad amounts or a conflicting repost fail the same way on every attempt: don't retry them. */
const NON_RETRYABLE = [UnbalancedEntry, LedgerConflict, InvalidSettlementReport];

export function createFinanceActivities(deps: FinanceActivityDeps): CatalogActivity[] {
  const ledger = deps.ledger ?? new MongoLedger(deps.database);
  const reconcileSettlement = settlementReconciler(deps.database, ledger);
  return [
    catalogActivity(postRefundDescriptor, (input: Omit<RefundPosting, 'postedAt'>) =>
      failFast(async () => {
        const { entry, created } = await postRefundEntry(
          ledger,
          refundEntry({ ...input, postedAt: new Date() }),
        );
        const administrationFee = refundAdministrationFee(
          input.referralFeeRefunded,
          input.currency,
        );
        return { entryKey: entry.key, created, administrationFee };
      }),
    ),
    catalogActivity(reconcileSettlementDescriptor, (input: { reportText: string }) =>
      failFast(() => reconcileSettlement(input.reportText)),
    ),
    catalogActivity(
      issueCompensationCouponDescriptor,
      (input: Omit<CompensationCoupon, 'issuedAt'>) =>
        failFast(async () => {
          const { created } = await ledger.post(couponEntry({ ...input, issuedAt: new Date() }));
          const { value, currency } = input;
          return { couponCode: couponCode(input.caseId), value, currency, created };
        }),
    ),
    catalogActivity(postGuaranteeClaimDescriptor, (input: Omit<GuaranteeClaim, 'postedAt'>) =>
      failFast(() => postClaim(ledger, { ...input, postedAt: new Date() })),
    ),
    catalogActivity(postChargebackDescriptor, (input: ChargebackInput) =>
      failFast(() => {
        const { chargebackId, ...rest } = input;
        return postClaim(ledger, {
          ...rest,
          kind: 'chargeback',
          claimId: chargebackId,
          postedAt: new Date(),
        });
      }),
    ),
  ];
}

async function failFast<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (NON_RETRYABLE.some((kind) => error instanceof kind)) {
      throw ApplicationFailure.nonRetryable((error as Error).message, (error as Error).name);
    }
    throw error;
  }
}
