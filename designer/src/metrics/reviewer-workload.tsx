import { useTranslation } from 'react-i18next';
import type { ReviewerWorkload } from '#api-contract/metrics';
import { useUserNames } from '../session/user-names.ts';
import { duration } from './metrics-format.ts';

/** Who decided the period's tasks, by name, most decisions first. */
export function ReviewerWorkloadTable({ reviewers }: { reviewers: ReviewerWorkload[] }) {
  const { t } = useTranslation();
  const nameOf = useUserNames();
  return (
    <>
      <h2 data-testid="workload-title">{t('oversight.workload')}</h2>
      {reviewers.length === 0 ? (
        <p className="muted">{t('oversight.noWorkload')}</p>
      ) : (
        <table className="grid" data-testid="reviewer-workload">
          <thead>
            <tr>
              <th>{t('oversight.reviewer')}</th>
              <th>{t('oversight.decisions')}</th>
              <th>{t('oversight.approved')}</th>
              <th>{t('oversight.rejected')}</th>
              <th>{t('oversight.decisionTime')}</th>
            </tr>
          </thead>
          <tbody>
            {reviewers.map((reviewer) => (
              <tr key={reviewer.userId} data-testid={`workload-${reviewer.userId}`}>
                <td>{nameOf(reviewer.userId)}</td>
                <td>{reviewer.decisions}</td>
                <td>{reviewer.approved}</td>
                <td>{reviewer.rejected}</td>
                <td>{duration(reviewer.decisionSeconds.p50)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
