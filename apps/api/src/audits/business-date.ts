import { isBusinessDate } from '@recert/domain';
import { ValidateBy, type ValidationOptions } from 'class-validator';

/** A real calendar date `YYYY-MM-DD` (2026-02-30 is refused with 400, before any rule runs). */
export function IsBusinessDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isBusinessDate',
      validator: {
        validate: (value: unknown) => isBusinessDate(value),
        defaultMessage: (args) => `${args?.property ?? 'date'} must be a calendar date YYYY-MM-DD`,
      },
    },
    options,
  );
}

/** A cycle's name, e.g. `2024-2026`; an unknown cycle is 404 CYCLE_NOT_FOUND later. */
export const CYCLE_NAME = /^\d{4}-\d{4}$/;
