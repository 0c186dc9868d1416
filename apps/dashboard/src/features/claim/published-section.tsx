import { useQuery } from '@tanstack/react-query';
import { dateTime, VERDICT_LABELS } from '../../components/format';
import { ProblemMessage } from '../../components/problem-message';
import { type Claim, publishedVersions } from './claim-api';

/** The published versions and their corrections (C2), oldest first; nothing while never published. */
export function PublishedSection({ claim }: { claim: Claim }) {
  const everPublished = claim.publishedReviews.length > 0 || !!claim.publishedReview;
  const versions = useQuery({
    queryKey: ['claim', claim.id, 'published', claim.version],
    queryFn: () => publishedVersions(claim.id),
    enabled: everPublished,
  });
  if (!everPublished) return null;
  const items = versions.data ?? [];
  return (
    <section aria-labelledby="published-title" className="card">
      <h2 id="published-title">Published versions</h2>
      <ProblemMessage error={versions.error} />
      <ol className="plain">
        {items.map((version) => (
          <li key={version.version} className="published-version">
            <h3>
              Version {version.version} · {VERDICT_LABELS[version.verdict]}
              {version.rating !== null && ` (${version.rating}/7)`}
            </h3>
            <p className="small muted">
              Published {dateTime(version.publishedAt)}
              {version.approvedBy && ` · approved by ${version.approvedBy.name}`}
            </p>
            {version.correction && (
              <p className="correction">
                <strong>Correction:</strong> {version.correction.reason}
                {version.correction.previousVerdict &&
                  ` (was ${VERDICT_LABELS[version.correction.previousVerdict]})`}
              </p>
            )}
            {version.summary && <p>{version.summary}</p>}
          </li>
        ))}
      </ol>
      {claim.status === 'published' && (
        <p>
          <a href={`/fact-checks/${claim.id}`}>Public fact-check page</a>
        </p>
      )}
    </section>
  );
}
