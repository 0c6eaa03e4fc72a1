import { useEffect } from 'react';
import { useFlowEditor } from './editor-store.ts';

function typingInForm(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))
  );
}

const DELETE_KEYS = new Set(['Delete', 'Backspace']);

/** What the canvas lists as hints, in the order drawn; labels are `canvasTools.keys.<action>`. */
export const SHORTCUT_HINTS = [
  { action: 'quickAdd', keys: ['Tab'] },
  { action: 'find', keys: ['Ctrl+F', '/'] },
  { action: 'undo', keys: ['Ctrl+Z'] },
  { action: 'redo', keys: ['Ctrl+Shift+Z'] },
  { action: 'copyPaste', keys: ['Ctrl+C', 'Ctrl+V'] },
  { action: 'delete', keys: ['Del'] },
] as const;

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

/** Tab belongs to the canvas only while focus is on it (or nowhere): elsewhere it moves focus. */
function focusOnCanvas(): boolean {
  const focused = document.activeElement;
  return focused === null || focused === document.body || focused.closest('.react-flow') !== null;
}

interface CanvasShortcutActions {
  quickAdd(): void;
  find(): void;
}

/** Tab opens the quick-add menu (as in n8n); Ctrl/Cmd+F or "/" goes to the node search. */
export function useCanvasShortcuts(enabled: boolean, actions: CanvasShortcutActions): void {
  useEffect(() => {
    if (!enabled) return;
    function onKey(event: KeyboardEvent) {
      if (typingInForm(event.target)) return;
      const find = event.key === '/' || ((event.ctrlKey || event.metaKey) && event.key === 'f');
      const quickAdd = event.key === 'Tab' && !event.shiftKey && focusOnCanvas();
      if (!find && !quickAdd) return;
      event.preventDefault();
      if (find) actions.find();
      else actions.quickAdd();
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled, actions]);
}
