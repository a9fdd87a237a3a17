// Copies a string cut out of a large decoded block before it is kept in a long-lived table.
// (V8 keeps long substrings as views of their parent block.) Does not decide what is kept.

/** A copy of `text` that does not share memory with the string it was sliced from. */
export function detach(text: string): string {
  return text.length < 13 ? text : Buffer.from(text, 'utf8').toString('utf8');
}
