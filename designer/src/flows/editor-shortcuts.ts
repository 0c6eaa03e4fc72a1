import { useEffect } from 'react';
import { useFlowEditor } from './editor-store.ts';

function typingInForm(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))
  );
}

const DELETE_KEYS = new Set(['Delete', 'Backspace']);

/**
 * Ctrl/Cmd+Z undo, Ctrl/Cmd+Shift+Z (or Y) redo, Ctrl/Cmd+C/V copy and paste nodes, Delete or
 * Backspace removes the selection. Deleting here rather than in React Flow removes nodes and
 * their edges in one step, so one undo brings both back.
 */
export function useEditorShortcuts(enabled: boolean): void {
  useEffect(() => {
    if (!enabled) return;
    function onKey(event: KeyboardEvent) {
      if (typingInForm(event.target)) return;
      if (DELETE_KEYS.has(event.key) && !event.ctrlKey && !event.metaKey) {
        useFlowEditor.getState().deleteSelected();
        return;
      }
      if (!(event.ctrlKey || event.metaKey)) return;
      const key = event.key.toLowerCase();
      const history = useFlowEditor.temporal.getState();
      const editor = useFlowEditor.getState();
      if (key === 'z' && event.shiftKey) history.redo();
      else if (key === 'z' || key === 'y') (key === 'y' ? history.redo : history.undo)();
      else if (key === 'c') editor.copy();
      else if (key === 'v') editor.paste();
      else return;
      event.preventDefault();
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled]);
}
