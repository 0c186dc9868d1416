import { ValidationError, ValidationPipe } from '@nestjs/common';
import { FieldError, ProblemException, problemType } from './problem';

function flatten(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent
      ? /^\d+$/.test(error.property)
        ? `${parent}[${error.property}]`
        : `${parent}.${error.property}`
      : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({
      field,
      message: message.startsWith(error.property) ? message.replace(error.property, field) : message,
    }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/** Validates and transforms bodies, queries and params; rejects unknown fields; answers 400 with one entry per bad field. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      const fieldErrors = flatten(errors);
      return new ProblemException(
        400,
        `The request has ${fieldErrors.length} invalid field${fieldErrors.length === 1 ? '' : 's'}.`,
        {
          type: problemType('validation'),
          title: 'Validation failed',
          errors: fieldErrors,
        },
      );
    },
  });
}
