import { isPiiEnvelope, type PiiEnvelope } from '#flow-language';
import { erased } from '#platform/pii-activities';
import { openWithRegisteredVaults } from '#platform/pii-vault';
import type { OutboxEmail } from './outbox-record.ts';

/**
 * A buyer's address arrives sealed with the case key and stays sealed in the outbox (one list
 * entry holding the envelope's JSON). It is opened only for the SMTP server, and whatever the
 * server answers about it (accepted, rejected, an error text) is sealed or blanked again.
 */
export const sealedRecipient = (envelope: PiiEnvelope): string => JSON.stringify(envelope);

function envelopeOf(recipient: string): PiiEnvelope | undefined {
  if (!recipient.startsWith('{')) return undefined;
  try {
    const parsed: unknown = JSON.parse(recipient);
    return isPiiEnvelope(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

export interface OpenedRecipients {
  /** The message as the SMTP server must see it. */
  email: OutboxEmail;
  /** Each clear address the server names goes back to its sealed form. */
  reseal(addresses: string[]): string[];
  /** An error text without the clear addresses. */
  redact(text: string): string;
}

export async function openRecipients(email: OutboxEmail): Promise<OpenedRecipients> {
  const sealedBy = new Map<string, string>();
  const open = async (list: string[]) => {
    const lists = await Promise.all(
      list.map(async (recipient) => {
        const envelope = envelopeOf(recipient);
        if (!envelope) return [recipient];
        const opened = await openWithRegisteredVaults(envelope);
        if (opened.erased) throw erased('notify.sendEmail', 'to');
        const addresses = String(opened.value)
          .split(',')
          .map((address) => address.trim())
          .filter(Boolean);
        for (const address of addresses) sealedBy.set(address, recipient);
        return addresses;
      }),
    );
    return lists.flat();
  };
  const to = await open(email.to);
  const cc = email.cc && (await open(email.cc));
  return {
    email: { ...email, to, ...(cc && { cc }) },
    reseal: (addresses) => [...new Set(addresses.map((a) => sealedBy.get(a) ?? a))],
    redact: (text) =>
      [...sealedBy.keys()].reduce(
        (out, address) => out.replaceAll(address, '(buyer address)'),
        text,
      ),
  };
}
