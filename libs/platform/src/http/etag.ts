import { ProblemException } from '../errors/problem';

/** Weak validators are enough: `version` changes with every write to the resource. */
export const etagFor = (version: number) => `W/"${version}"`;

/**
 * Honours `If-Match`: absent means "no precondition"; `*` matches any existing version;
 * otherwise one of the listed tags must equal the current version, or the write is refused with 412.
 */
export function assertIfMatch(ifMatch: string | undefined, currentVersion: number): void {
  if (ifMatch === undefined || ifMatch.trim() === '*') return;
  const tags = ifMatch.split(',').map((tag) => tag.trim().replace(/^W\//, ''));
  if (!tags.includes(`"${currentVersion}"`)) {
    throw new ProblemException(412, `The resource has changed: it is at version ${currentVersion}.`, {
      currentVersion,
    });
  }
}
