/** The narrowest a node card is drawn; cards with many or long exits grow wider. */
export const CARD_MIN_WIDTH = 170;
/** About the height of a card with its exit labels underneath, for laying out before measuring. */
export const CARD_LAYOUT_HEIGHT = 72;

import { portLabel } from './catalog-words.ts';

// Exit labels are 10px: 6.5px is enough for the widest Latin letters; Chinese, Japanese and
// Korean characters are a full em wide.
const LABEL_CHAR_PX = 6.5;
const WIDE_CHAR_PX = 10;
const WIDE_CHAR =
  /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u;
const SLOT_PADDING_PX = 12;
const MIN_SLOT_PX = 36;

export interface ExitSlot {
  port: string;
  /** Middle of the slot from the card's left edge: where the exit's handle sits. */
  center: number;
  /** The room the exit's label may take; slots never overlap. */
  width: number;
}

export interface CardExits {
  width: number;
  slots: ExitSlot[];
}

/** How wide a 10px exit label is drawn, at most. */
export function labelWidth(label: string): number {
  return [...label].reduce(
    (sum, char) => sum + (WIDE_CHAR.test(char) ? WIDE_CHAR_PX : LABEL_CHAR_PX),
    0,
  );
}

function slotWidth(label: string): number {
  return Math.max(MIN_SLOT_PX, Math.ceil(labelWidth(label)) + SLOT_PADDING_PX);
}

/**
 * Places a card's exits side by side, each in a slot as wide as its label needs (the label in
 * the reader's language, see portLabel), and makes the
 * card as wide as its exits (a decision with five cases would otherwise stack its labels on top
 * of each other). Spare width is shared evenly.
 */
export function cardExits(
  ports: readonly string[],
  labelOf: (port: string) => string = portLabel,
): CardExits {
  const needed = ports.map((port) => slotWidth(labelOf(port)));
  const total = needed.reduce((sum, width) => sum + width, 0);
  const width = Math.max(CARD_MIN_WIDTH, total);
  const spare = ports.length > 0 ? (width - total) / ports.length : 0;
  let left = 0;
  const slots = ports.map((port, index) => {
    const slot = (needed[index] ?? MIN_SLOT_PX) + spare;
    const placed = { port, center: left + slot / 2, width: slot };
    left += slot;
    return placed;
  });
  return { width, slots };
}
