import type { Disposition, Grade } from './store-types.ts';

/**
 * Head office's one policy for returned goods, applied the same in every store: new goes back
 * to sellable stock, open-box to discounted outlet stock, damaged and scrap are written off.
 * Damaged stays a grade of its own because it can be claimed back (carrier, buyer abuse).
 */
const DISPOSITION_BY_GRADE: Record<Grade, Disposition> = {
  new: 'sellable',
  'open-box': 'outlet',
  damaged: 'writtenOff',
  scrap: 'writtenOff',
};

export const dispositionFor = (grade: Grade): Disposition => DISPOSITION_BY_GRADE[grade];
