/** The narrowest a node card is drawn; cards with many or long exits grow wider. */
export const CARD_MIN_WIDTH = 170;
/** About the height of a card with its exit labels underneath, for laying out before measuring. */
export const CARD_LAYOUT_HEIGHT = 72;

// Exit labels are 10px; wide enough for the widest Latin letters, so a label never needs more.
const LABEL_CHAR_PX = 6.5;
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

function slotWidth(port: string): number {
  return Math.max(MIN_SLOT_PX, Math.ceil(port.length * LABEL_CHAR_PX) + SLOT_PADDING_PX);
}

/**
 * Places a card's exits side by side, each in a slot as wide as its label needs, and makes the
 * card as wide as its exits (a decision with five cases would otherwise stack its labels on top
 * of each other). Spare width is shared evenly.
 */
export function cardExits(ports: readonly string[]): CardExits {
  const needed = ports.map(slotWidth);
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
