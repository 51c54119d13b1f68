/** The methods' JSON arguments, read leniently: whatever is not of the expected shape counts as absent. */

export function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

/** A query parameter that may repeat: `ranges: 'A1'` or `ranges: ['A1', 'B2']`. */
export function stringList(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]).map(String);
}
