import { BadRequestException, ValidationPipe, type ValidationError } from '@nestjs/common';
import { ValidateBy, type ValidationArguments, type ValidationOptions } from 'class-validator';
import { ErrorCodes, instantProblem, type InstantKind } from '@county/contracts';

export interface FieldError {
  readonly field: string;
  readonly messages: string[];
}

/** Flattens class-validator's nested errors into one entry per bad field (dotted path). */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const e of errors) {
    const field = parent ? `${parent}.${e.property}` : e.property;
    if (e.constraints && Object.keys(e.constraints).length) out.push({ field, messages: Object.values(e.constraints) });
    if (e.children?.length) out.push(...flattenValidationErrors(e.children, field));
  }
  return out;
}

/** Whitelist, unknown fields rejected, and a 400 whose body names each bad field. */
export function strictValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: false,
    exceptionFactory: (errors) => {
      const fields = flattenValidationErrors(errors);
      return new BadRequestException({
        statusCode: 400,
        code: ErrorCodes.VALIDATION_FAILED,
        message: `invalid request: ${fields.map((f) => f.field).join(', ')}`,
        errors: fields,
      });
    },
  });
}

/**
 * An instant that has already happened (see instantProblem in @county/contracts): RFC 3339 with
 * an offset, not before 2000-01-01, not after now plus a small clock skew.
 */
export function IsPastInstant(options?: ValidationOptions): PropertyDecorator {
  return instantDecorator('past', options);
}

/** An instant that may lie ahead (a schedule, a query bound): RFC 3339 with an offset, from 2000 to before 2100. */
export function IsInstant(options?: ValidationOptions): PropertyDecorator {
  return instantDecorator('any', options);
}

function instantDecorator(kind: InstantKind, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: kind === 'past' ? 'isPastInstant' : 'isInstant',
      validator: {
        validate: (value: unknown) => instantProblem(value, kind) === undefined,
        defaultMessage: (args?: ValidationArguments) => `${args?.property ?? 'value'} ${instantProblem(args?.value, kind) ?? 'is not a valid instant'}`,
      },
    },
    options,
  );
}
