import type { FlowIssue } from '#flow-language';

interface ProblemsPanelProps {
  title: string;
  issues: readonly FlowIssue[];
  onPick(nodeId: string): void;
  testId: string;
}

/** Every issue in words; a click selects the node it names. */
export function ProblemsPanel({ title, issues, onPick, testId }: ProblemsPanelProps) {
  return (
    <section className="problems" data-testid={testId} aria-label={title}>
      <h3>
        {title} <span className="count">{issues.length}</span>
      </h3>
      {issues.length === 0 ? (
        <p className="muted">No problems.</p>
      ) : (
        <ul>
          {issues.map((issue) => (
            <li
              key={`${issue.code} ${issue.nodeId ?? issue.edgeId ?? ''} ${issue.field ?? ''} ${issue.message}`}
            >
              {issue.nodeId ? (
                <button
                  type="button"
                  className="link"
                  onClick={() => issue.nodeId && onPick(issue.nodeId)}
                >
                  {issue.message}
                </button>
              ) : (
                issue.message
              )}
              <code className="issue-code">{issue.code}</code>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
