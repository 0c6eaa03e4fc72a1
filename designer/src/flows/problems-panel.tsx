import { useTranslation } from 'react-i18next';
import type { FlowIssue } from '#flow-language';
import { serverText } from '../i18n/i18n.ts';

interface ProblemsPanelProps {
  title: string;
  issues: readonly FlowIssue[];
  onPick(nodeId: string): void;
  testId: string;
}

/** Every issue in words; a click selects the node it names. */
export function ProblemsPanel({ title, issues, onPick, testId }: ProblemsPanelProps) {
  const { t } = useTranslation();
  return (
    <section className="problems" data-testid={testId} aria-label={title}>
      <h3>
        {title} <span className="count">{issues.length}</span>
      </h3>
      {issues.length === 0 ? (
        <p className="muted">{t('flows.noProblems')}</p>
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
                  {problemText(issue)}
                </button>
              ) : (
                problemText(issue)
              )}
              <code className="issue-code">{issue.code}</code>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The server's English sentence names the node; Chinese names it by id in the translated one. */
export function problemText(issue: FlowIssue): string {
  return serverText('problems', issue.code, issue.message, {
    node: issue.nodeId ?? issue.edgeId ?? '',
    field: issue.field ?? '—',
  });
}
