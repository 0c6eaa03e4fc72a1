import { useEffect, useState } from 'react';
import type { ActivityCatalog, FlowIssue } from '#flow-language';
import type { DecorationStore } from './decorations.ts';
import { useFlowEditor } from './editor-store.ts';
import { validateDocument } from './live-validation.ts';

// Long enough to skip the frames of a drag, short enough to feel live while typing.
const SETTLE_MS = 150;

/** Re-validates after content settles and paints the issues on the nodes they name. */
export function useLiveValidation(
  catalog: ActivityCatalog,
  decorations: DecorationStore,
): FlowIssue[] {
  const [issues, setIssues] = useState<FlowIssue[]>([]);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const schedule = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        const report = validateDocument(useFlowEditor.getState().document(), catalog);
        setIssues(report.issues);
        decorations.setState({ issues: report.byNode });
      }, SETTLE_MS);
    };
    schedule();
    const unsubscribe = useFlowEditor.subscribe((state, previous) => {
      if (state.revision !== previous.revision) schedule();
    });
    return () => {
      unsubscribe();
      clearTimeout(timer);
    };
  }, [catalog, decorations]);
  return issues;
}
