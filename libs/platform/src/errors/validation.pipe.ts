import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { FieldError, ProblemException, problemType } from './problem';

/** Checks that say what kind of value a field takes: when one fails, the others say nothing more. */
const TYPE_CHECKS = [
  'isArray',
  'isObject',
  'isString',
  'isInt',
  'isNumber',
  'isBoolean',
  'isDateString',
  'isISO8601',
  'isUuid',
  'isIn',
  'isEnum',
];

/**
 * The one message that matters for a bad field: an unknown field is named as such, a missing one is
 * required, a value of the wrong type says the type; otherwise the first failed check as declared
 * (class-validator reports constraints in reverse declaration order, hence the last entry).
 */
function messageFor(error: ValidationError, field: string): string | undefined {
  const constraints = error.constraints ?? {};
  const names = Object.keys(constraints);
  if (names.length === 0) return undefined;
  if (constraints.whitelistValidation) return `${field} is not a known field`;
  const named = (message: string) =>
    message.startsWith(error.property) ? message.replace(error.property, field) : message;
  if (error.value === undefined) {
    const custom = Object.values(constraints).find((message) => message.includes('required'));
    return custom ? named(custom) : `${field} is required`;
  }
  const type = TYPE_CHECKS.find((name) => constraints[name]);
  return named(constraints[type ?? names[names.length - 1]]);
}

function flatten(errors: ValidationError[], parent = '', parentReported = false): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent
      ? /^\d+$/.test(error.property)
        ? `${parent}[${error.property}]`
        : `${parent}.${error.property}`
      : error.property;
    // "each value in stances must be an object" already covers the element that is not one.
    const repeatsParent =
      parentReported && Object.keys(error.constraints ?? {}).join() === 'nestedValidation';
    const message = repeatsParent ? undefined : messageFor(error, field);
    // A list that is too long is one error, not one more for each of its (up to 1000) entries.
    const children = error.constraints?.arrayMaxSize ? [] : (error.children ?? []);
    return [
      ...(message ? [{ field, message }] : []),
      ...flatten(children, field, message !== undefined || repeatsParent),
    ];
  });
}

const validationProblem = (fieldErrors: FieldError[]) =>
  new ProblemException(
    400,
    `The request has ${fieldErrors.length} invalid field${fieldErrors.length === 1 ? '' : 's'}.`,
    { type: problemType('validation'), title: 'Validation failed', errors: fieldErrors },
  );

const isPlainObject = (value: unknown) =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A body DTO describes an object; an array or a scalar is refused as a whole instead of field by field. */
class ProblemValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (
      metadata.type === 'body' &&
      metadata.data === undefined &&
      typeof metadata.metatype === 'function' &&
      this.toValidate(metadata) &&
      value !== undefined &&
      !isPlainObject(value)
    ) {
      throw new ProblemException(400, 'The body must be a JSON object.', {
        type: problemType('validation'),
        title: 'Validation failed',
      });
    }
    return super.transform(value, metadata);
  }
}

/** Validates and transforms bodies, queries and params; rejects unknown fields; answers 400 with one entry per bad field. */
export function createValidationPipe(): ValidationPipe {
  return new ProblemValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    // The value is kept to tell a missing field from a bad one; it never reaches the response.
    validationError: { target: false, value: true },
    exceptionFactory: (errors) => validationProblem(flatten(errors)),
  });
}
