import { describe, expect, it } from 'vitest';
import { restrictsCases, scopeCovers } from '../../../server/cases/case-scope.ts';

describe('access scope over cases', () => {
  it('treats a missing or empty scope as every case, and any listed dimension as a limit', () => {
    expect(restrictsCases(undefined)).toBe(false);
    expect(restrictsCases({})).toBe(false);
    expect(restrictsCases({ brands: ['acorn'] })).toBe(true);
    expect(restrictsCases({ stores: [] })).toBe(true);
  });

  it('covers a case only when it names an allowed value in every limited dimension', () => {
    const scope = { marketplaces: ['amazon.com'], stores: ['nyc-soho'] };
    expect(scopeCovers(scope, { marketplace: 'amazon.com', store: 'nyc-soho' })).toBe(true);
    expect(scopeCovers(scope, { marketplace: 'amazon.de', store: 'nyc-soho' })).toBe(false);
    expect(scopeCovers(scope, { marketplace: 'amazon.com' })).toBe(false);
    expect(scopeCovers({}, {})).toBe(true);
    expect(scopeCovers({ stores: [] }, { store: 'nyc-soho' })).toBe(false);
  });
});
