import { describe, expect, it } from 'vitest';
import {
  filtersFromUrl,
  filtersToUrl,
  inboxQuery,
} from '../../../designer/src/inbox/inbox-filters.ts';

describe('inbox filters kept in the URL', () => {
  it('reads a shared link back into the same filters', () => {
    const url = new URLSearchParams('view=done&q=114-55&marketplace=DE&overdue=true&page=2');
    const filters = filtersFromUrl(url);
    expect(filters).toEqual({
      view: 'done',
      sort: 'due',
      page: 2,
      q: '114-55',
      marketplace: 'DE',
      overdue: true,
    });
    expect(filtersToUrl(filters).toString()).toBe(url.toString());
  });

  it('leaves defaults out of the URL and ignores what it does not know', () => {
    expect(
      filtersToUrl(filtersFromUrl(new URLSearchParams('view=nonsense&page=-3&q=++'))).toString(),
    ).toBe('');
    expect(
      filtersToUrl({ view: 'all', sort: 'opened', page: 1, flowKey: 'returns' }).toString(),
    ).toBe('view=all&sort=opened&flowKey=returns');
  });

  it('asks the API for the same filters, always naming view, sort and page', () => {
    expect(inboxQuery({ view: 'roles', sort: 'due', page: 1, marketplace: 'DE' })).toBe(
      'marketplace=DE&view=roles&sort=due&page=1&pageSize=20',
    );
  });
});
