import { useEffect } from 'react';
import { useFlowEditor } from './editor-store.ts';

function typingInForm(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))
  );
}

/** Ctrl/Cmd+Z undo, Ctrl/Cmd+Shift+Z (or Y) redo, Ctrl/Cmd+C/V copy and paste nodes. */
export function useEditorShortcuts(enabled: boolean): void {
  useEffect(() => {
    if (!enabled) return;
    function onKey(event: KeyboardEvent) {
      if (!(event.ctrlKey || event.metaKey) || typingInForm(event.target)) return;
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
