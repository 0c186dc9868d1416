import { applyDecorators } from '@nestjs/common';
import {
  IsISO8601,
  IsUrl,
  isUUID,
  Matches,
  MaxLength,
  registerDecorator,
  ValidateIf,
  ValidationArguments,
} from 'class-validator';

/**
 * The property may be left out, but when sent it is validated, null included: null would otherwise
 * slip past `@IsOptional` into NOT NULL columns.
 */
export const Present = () => ValidateIf((_: unknown, value: unknown) => value !== undefined);

/** The property may be left out or sent as null (which clears it). */
export const Nullable = () =>
  ValidateIf((_: unknown, value: unknown) => value !== undefined && value !== null);

export const TAG_PATTERN = /^[a-z0-9][a-z0-9-]*$/;
export const LANGUAGE_PATTERN = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/;
export const MAX_URL_LENGTH = 2000;

/** An absolute http(s) URL of at most 2000 characters. */
export const IsHttpUrl = () =>
  applyDecorators(
    MaxLength(MAX_URL_LENGTH),
    IsUrl(
      { protocols: ['http', 'https'], require_protocol: true, require_tld: false },
      { message: ({ property }) => `${property} must be an absolute http(s) URL` },
    ),
  );

/** An ISO 8601 date or date-time, such as 2022-05-06T10:00:00Z. */
export const IsIsoDate = () =>
  IsISO8601(
    { strict: true, strictSeparator: true },
    { message: ({ property }) => `${property} must be an ISO 8601 date-time such as 2022-05-06T10:00:00Z` },
  );

export const IsTag = () =>
  applyDecorators(
    MaxLength(40, { each: true }),
    Matches(TAG_PATTERN, {
      each: true,
      message: ({ property }) =>
        `each ${property} entry must be lowercase letters, digits and "-", starting with a letter or digit`,
    }),
  );

/**
 * Put on `actorId`: a stance names its actor either by id or inline (`actor`), exactly one of the two.
 */
export function IsActorReference() {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isActorReference',
      target: target.constructor,
      propertyName,
      validator: {
        validate(value: unknown, args: ValidationArguments) {
          const inline = (args.object as { actor?: unknown }).actor;
          if (value === undefined) return inline !== undefined;
          return inline === undefined && typeof value === 'string' && isUUID(value);
        },
        defaultMessage(args: ValidationArguments) {
          const inline = (args.object as { actor?: unknown }).actor;
          if (args.value === undefined) return `${args.property} or actor is required`;
          if (inline !== undefined) return `send either ${args.property} or actor, not both`;
          return `${args.property} must be a UUID`;
        },
      },
    });
}
