import { ParseUUIDPipe } from '@nestjs/common';
import { ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { Problem, ProblemException } from '../errors/problem';

/**
 * Validates a path id as a UUID (any version: ids minted elsewhere are still ids), answering a
 * problem+json 400 that names the parameter. Unknown but well-formed ids reach the service and get 404.
 */
export const uuidParam = (name: string) =>
  new ParseUUIDPipe({
    exceptionFactory: () =>
      new ProblemException(400, `${name} must be a UUID.`, {
        errors: [{ field: name, message: `${name} must be a UUID` }],
      }),
  });

/** Documents a problem+json error response. */
export const ApiProblemResponse = (status: number, description: string) =>
  ApiResponse({
    status,
    description,
    content: { 'application/problem+json': { schema: { $ref: getSchemaPath(Problem) } } },
  });
