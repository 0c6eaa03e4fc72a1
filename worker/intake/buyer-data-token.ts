import type { IntakeClients } from './intake-account.ts';

/** getOrders' path: one RDT issued for it opens the buyer data of every order a call lists. */
const ORDERS_PATH = '/orders/v0/orders';
// The buyer data a case carries: the e-mail (buyerInfo) and postcode (shippingAddress).
const BUYER_DATA = ['buyerInfo', 'shippingAddress'];
// A held token is reused only while it has this long to live, so no call outlives it.
const SAFETY_MARGIN_MS = 5 * 60_000;

type TokensClient = IntakeClients['tokens'];

interface HeldToken {
  token: string;
  usableUntil: number;
}

// Per Tokens client, so per account: an account rebuilt with new credentials asks anew.
const held = new WeakMap<TokensClient, HeldToken>();

/** The account's still-valid RDT for getOrders, if it holds one. */
export function heldBuyerDataToken(tokens: TokensClient): string | undefined {
  const token = held.get(tokens);
  return token && token.usableUntil > Date.now() ? token.token : undefined;
}

/** Amazon may revoke a token early: the next batch then asks for a new one. */
export function forgetBuyerDataToken(tokens: TokensClient, token: string): void {
  if (held.get(tokens)?.token === token) held.delete(tokens);
}

/**
 * A new RDT for getOrders with the buyer's e-mail and address, kept for the batches that follow
 * while it is valid (Amazon: one hour, `expiresIn`). Undefined when Amazon refuses it (403: the
 * application lacks the PII roles), which asking again would not change.
 */
export async function newBuyerDataToken(tokens: TokensClient): Promise<string | undefined> {
  try {
    const { data } = await tokens.createRestrictedDataToken({
      body: {
        restrictedResources: [{ method: 'GET', path: ORDERS_PATH, dataElements: BUYER_DATA }],
      },
    });
    const { restrictedDataToken: token, expiresIn } = data;
    if (!token) return undefined;
    const usableUntil = Date.now() + (expiresIn ?? 0) * 1000 - SAFETY_MARGIN_MS;
    if (usableUntil > Date.now()) held.set(tokens, { token, usableUntil });
    return token;
  } catch (error) {
    if (statusOf(error) === 403) return undefined;
    throw error;
  }
}

export function statusOf(error: unknown): number | undefined {
  const response = (error as { response?: { status?: number } }).response;
  return response?.status;
}
