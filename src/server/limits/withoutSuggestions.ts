import type { FormatError } from '../../errors/formatError.js';

// graphql-js ends a message with its suggestions: `… Did you mean "name"?`,
// `… Did you mean the enum value "AGENT"?`, `… Did you mean "a", "b", or "c"?`.
const SUGGESTION = / ?Did you mean [^?]*\?/g;

/**
 * Production: removes graphql-js's "Did you mean …?" suggestions from every error message, so a
 * client cannot map the schema by misspelling names. Apollo's `hideSchemaDetailsFromClientErrors`
 * strips them from validation errors only; this also covers variable coercion errors (enum
 * values, input fields), which are raised during execution. Keeps `format` total: it never throws.
 */
export function withoutSuggestions(format: FormatError): FormatError {
  return (formatted, error) => {
    const result = format(formatted, error);
    const message = stripSuggestions(result.message);
    return message === result.message ? result : { ...result, message };
  };
}

/** The same rule for any text (tests and other error paths). */
export function stripSuggestions(message: string): string {
  return message.replace(SUGGESTION, '');
}
