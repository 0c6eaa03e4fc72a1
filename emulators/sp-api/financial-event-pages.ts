import type { FinancialEvents, ShipmentEvent } from '@sp-api-sdk/finances-api-v0';
import type { EmulatorStore } from './state.ts';

type ListName = 'RefundEventList' | 'GuaranteeClaimEventList' | 'ChargebackEventList';
const LISTED: ListName[] = ['RefundEventList', 'GuaranteeClaimEventList', 'ChargebackEventList'];

/**
 * One page of every order's refund, A-to-Z and chargeback events posted in `[after, before)`,
 * oldest first. The token is the position in that list, so pages stay stable as long as no
 * older event is posted meanwhile (the emulator's tests post in time order).
 */
export function postedBetween(
  store: EmulatorStore,
  after: number,
  before: number,
  start: number,
  pageSize: number,
): { events: FinancialEvents; nextStart?: number } {
  const all = Object.values(store.data.financialEvents)
    .flatMap((events) =>
      LISTED.flatMap((list) => (events[list] ?? []).map((event) => ({ list, event }))),
    )
    .filter(({ event }) => inWindow(event, Number.isNaN(after) ? 0 : after, before))
    .sort((a, b) => Date.parse(a.event.PostedDate ?? '') - Date.parse(b.event.PostedDate ?? ''));
  const page = all.slice(start, start + pageSize);
  const events: Record<ListName, ShipmentEvent[]> = {
    RefundEventList: [],
    GuaranteeClaimEventList: [],
    ChargebackEventList: [],
  };
  for (const { list, event } of page) events[list].push(event);
  const next = start + pageSize;
  return { events, ...(next < all.length && { nextStart: next }) };
}

function inWindow(event: ShipmentEvent, after: number, before: number): boolean {
  const posted = Date.parse(event.PostedDate ?? '');
  return posted >= after && posted < before;
}
