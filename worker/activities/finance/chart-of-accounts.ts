export type AccountType = 'asset' | 'liability' | 'equity' | 'revenue' | 'expense';

export interface Account {
  code: string;
  name: string;
  type: AccountType;
}

/**
 * The small chart a marketplace seller's refunds touch. Marketplace clearing holds what Amazon
 * owes the seller (or the reverse) until a settlement pays it out to the bank.
 */
export const CHART_OF_ACCOUNTS = [
  { code: '1000', name: 'Bank', type: 'asset' },
  { code: '1200', name: 'Marketplace clearing (Amazon)', type: 'asset' },
  { code: '1300', name: 'Returned goods inventory', type: 'asset' },
  { code: '2100', name: 'Sales tax payable', type: 'liability' },
  { code: '2200', name: 'Compensation coupons outstanding', type: 'liability' },
  { code: '4000', name: 'Sales revenue', type: 'revenue' },
  { code: '4100', name: 'Shipping revenue', type: 'revenue' },
  { code: '4200', name: 'Restocking fee income', type: 'revenue' },
  { code: '5000', name: 'Marketplace referral fees', type: 'expense' },
  { code: '5100', name: 'Marketplace refund administration fees', type: 'expense' },
  { code: '5200', name: 'Customer compensation (goodwill)', type: 'expense' },
  { code: '5300', name: 'A-to-Z guarantee claims and chargebacks', type: 'expense' },
] as const satisfies readonly Account[];

export type AccountCode = (typeof CHART_OF_ACCOUNTS)[number]['code'];

export const ACCOUNT = {
  bank: '1000',
  marketplaceClearing: '1200',
  returnedInventory: '1300',
  salesTaxPayable: '2100',
  couponsOutstanding: '2200',
  salesRevenue: '4000',
  shippingRevenue: '4100',
  restockingFeeIncome: '4200',
  referralFees: '5000',
  refundAdministrationFees: '5100',
  customerCompensation: '5200',
  guaranteeClaims: '5300',
} as const satisfies Record<string, AccountCode>;

export function isAccountCode(code: string): code is AccountCode {
  return CHART_OF_ACCOUNTS.some((account) => account.code === code);
}
