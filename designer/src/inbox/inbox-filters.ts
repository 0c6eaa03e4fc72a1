import type { InboxView } from '#api-contract/inbox';

export const VIEWS: InboxView[] = ['mine', 'roles', 'all', 'done'];

/** What the inbox shows, as kept in the page's URL so a filtered list can be shared or reloaded. */
export interface InboxFilters {
  view: InboxView;
  sort: 'due' | 'opened';
  page: number;
  q?: string;
  marketplace?: string;
  flowKey?: string;
  overdue?: boolean;
}

const TEXT_FILTERS = ['q', 'marketplace', 'flowKey'] as const;

export function filtersFromUrl(params: URLSearchParams): InboxFilters {
  const view = params.get('view');
  const page = Number(params.get('page'));
  const text = Object.fromEntries(
    TEXT_FILTERS.flatMap((name) => {
      const value = params.get(name)?.trim();
      return value ? [[name, value]] : [];
    }),
  );
  return {
    view: VIEWS.includes(view as InboxView) ? (view as InboxView) : 'roles',
    sort: params.get('sort') === 'opened' ? 'opened' : 'due',
    page: Number.isInteger(page) && page > 0 ? page : 1,
    ...text,
    ...(params.get('overdue') === 'true' && { overdue: true }),
  };
}

/** The URL's query for these filters; defaults are left out so plain links stay plain. */
export function filtersToUrl(filters: InboxFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.view !== 'roles') params.set('view', filters.view);
  if (filters.sort !== 'due') params.set('sort', filters.sort);
  for (const name of TEXT_FILTERS) {
    const value = filters[name];
    if (value) params.set(name, value);
  }
  if (filters.overdue) params.set('overdue', 'true');
  if (filters.page > 1) params.set('page', String(filters.page));
  return params;
}

/** The API query for these filters (always a full page request). */
export function inboxQuery(filters: InboxFilters, pageSize = 20): string {
  const params = filtersToUrl(filters);
  params.set('view', filters.view);
  params.set('sort', filters.sort);
  params.set('page', String(filters.page));
  params.set('pageSize', String(pageSize));
  return params.toString();
}
