/** Attribute schemas shared by the toxics: Toxiproxy's are Go int64 fields, zero by default. */
import { z } from 'zod';

/** A non-negative integer attribute with Toxiproxy's default of 0 (errors name the field through their path). */
export const nonNegativeInt = (unit: string) =>
  z
    .number({ invalid_type_error: `must be a number (${unit})` })
    .int(`must be an integer (${unit})`)
    .nonnegative(`must be >= 0 (${unit})`)
    .default(0);
