import { useEffect } from 'react';
import { en } from '../i18n/en.ts';
import { i18n } from '../i18n/i18n.ts';

/** The question in English, as an English browser asks it. */
export const LEAVE_QUESTION = en.flows.leaveQuestion;

/** Whether a click follows a link away from this page in this tab (not a new tab or window). */
function followsLinkAway(event: MouseEvent): boolean {
  const modified = event.metaKey || event.ctrlKey || event.shiftKey || event.altKey;
  if (event.defaultPrevented || event.button !== 0 || modified) return false;
  const link = event.target instanceof Element ? event.target.closest('a[href]') : null;
  if (!(link instanceof HTMLAnchorElement)) return false;
  if (link.target && link.target !== '_self') return false;
  const to = new URL(link.href, window.location.href);
  return to.origin !== window.location.origin || to.pathname !== window.location.pathname;
}

/**
 * While the editor has unsaved changes, leaving asks first: closing or reloading the tab gets the
 * browser's own prompt, following a link (the menu, "Flows") a confirmation. The app routes with a
 * declarative BrowserRouter, which has no navigation blocker, so links are checked on the way down
 * (capture), before React Router's click handler runs.
 */
export function useUnsavedChangesGuard(dirty: boolean): void {
  useEffect(() => {
    if (!dirty) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => event.preventDefault();
    const onClick = (event: MouseEvent) => {
      if (!followsLinkAway(event) || window.confirm(i18n.t('flows.leaveQuestion'))) return;
      event.preventDefault();
      event.stopPropagation();
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    document.addEventListener('click', onClick, true);
    return () => {
      window.removeEventListener('beforeunload', onBeforeUnload);
      document.removeEventListener('click', onClick, true);
    };
  }, [dirty]);
}
