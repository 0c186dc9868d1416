import { HttpException, HttpStatus } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class FieldError {
  @ApiProperty({ example: 'text' })
  field: string;

  @ApiProperty({ example: 'text must be longer than or equal to 3 characters' })
  message: string;
}

/** RFC 9457 problem details, the body of every error response. */
export class Problem {
  @ApiProperty({ example: 'https://claimdesk.dev/problems/validation' })
  type: string;

  @ApiProperty({ example: 'Validation failed' })
  title: string;

  @ApiProperty({ example: 400 })
  status: number;

  @ApiPropertyOptional({ example: 'The request body has 1 invalid field.' })
  detail?: string;

  @ApiPropertyOptional({ type: [FieldError] })
  errors?: FieldError[];

  [extension: string]: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

const titles: Record<number, [slug: string, title: string]> = {
  400: ['bad-request', 'Bad request'],
  401: ['unauthorized', 'Authentication required'],
  403: ['forbidden', 'Forbidden'],
  404: ['not-found', 'Not found'],
  405: ['method-not-allowed', 'Method not allowed'],
  406: ['not-acceptable', 'Not acceptable'],
  409: ['conflict', 'Conflict'],
  412: ['precondition-failed', 'Precondition failed'],
  413: ['payload-too-large', 'Payload too large'],
  414: ['uri-too-long', 'URI too long'],
  415: ['unsupported-media-type', 'Unsupported media type'],
  422: ['unprocessable', 'Unprocessable request'],
  428: ['precondition-required', 'Precondition required'],
  429: ['too-many-requests', 'Too many requests'],
  500: ['internal', 'Internal server error'],
  503: ['unavailable', 'Service unavailable'],
};

export function problemType(slug: string): string {
  return `https://claimdesk.dev/problems/${slug}`;
}

export function problemFor(status: number, detail?: string, extra: Partial<Problem> = {}): Problem {
  const [slug, title] = titles[status] ?? ['error', HttpStatus[status] ?? 'Error'];
  return { type: problemType(slug), title, status, ...(detail ? { detail } : {}), ...extra };
}

/** Throw this anywhere to answer with a problem+json body. */
export class ProblemException extends HttpException {
  constructor(status: number, detail?: string, extra: Partial<Problem> = {}) {
    super(problemFor(status, detail, extra), status);
  }

  get problem(): Problem {
    return this.getResponse() as Problem;
  }
}
