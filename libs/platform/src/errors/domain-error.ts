import type { Problem } from './problem';

/**
 * What a service raises when it refuses: the kind of refusal, in the domain's words. Services,
 * the worker and libraries never speak HTTP; the problem filter alone maps a kind to a status.
 */
export type DomainErrorKind = 'invalid' | 'forbidden' | 'not_found' | 'conflict' | 'unprocessable';

/** Extra members of the problem body (`claimStatus`, `allowedActions`, `errors`, `type`, `title`…). */
export type DomainErrorDetails = Partial<Problem>;

export abstract class DomainError extends Error {
  abstract readonly kind: DomainErrorKind;

  constructor(
    readonly detail: string,
    readonly details: DomainErrorDetails = {},
  ) {
    super(detail);
    this.name = new.target.name;
  }
}

/** The input names something that cannot be used (a field error, not a missing resource). */
export class InvalidInputError extends DomainError {
  readonly kind = 'invalid' as const;
}

/** The caller's role or relation to the resource does not allow this. */
export class ForbiddenError extends DomainError {
  readonly kind = 'forbidden' as const;
}

export class NotFoundError extends DomainError {
  readonly kind = 'not_found' as const;
}

/** The resource's state does not allow this now (a workflow status, a duplicate). */
export class ConflictError extends DomainError {
  readonly kind = 'conflict' as const;
}

export const notFound = (what: string, id: string) => new NotFoundError(`${what} ${id} does not exist.`);

/** Well-formed input the service cannot work with (an article in a language it does not read). */
export class UnprocessableError extends DomainError {
  readonly kind = 'unprocessable' as const;
}
