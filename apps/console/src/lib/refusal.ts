import { ApiError } from '../api/client';

/** A refusal of the API split for a form: sentences beside the fields they name, or the whole refusal above the submit button. */
export interface PlacedRefusal<F extends string> {
  field: Partial<Record<F, string>>;
  /** The refusal when no field of the form holds it (for ErrorAlert), else null. */
  other: unknown;
}

/**
 * Where the API's refusal goes on a form with `fields`: next to the fields its problems name
 * (ApiError.fieldErrors); when it names none of them, next to the field `fieldOf` finds for the
 * rule (a taken email, a cycle's policy); otherwise above the submit button, whole.
 */
export function placeRefusal<F extends string>(
  error: unknown,
  fields: readonly F[],
  fieldOf: (error: ApiError) => string | undefined = () => undefined,
): PlacedRefusal<F> {
  if (!error) return { field: {}, other: null };
  if (!(error instanceof ApiError)) return { field: {}, other: error };
  const names = fields as readonly string[];
  const field: Partial<Record<F, string>> = {};
  for (const [name, sentence] of Object.entries(error.fieldErrors)) {
    if (names.includes(name)) field[name as F] = sentence;
  }
  if (Object.keys(field).length > 0) return { field, other: null };
  const own = fieldOf(error);
  if (own !== undefined && names.includes(own)) return { field: { [own]: error.message } as Partial<Record<F, string>>, other: null };
  return { field, other: error };
}
