// AssemblyScript (compiled to WebAssembly by `asc`, not by tsc): the layout of the record the
// scanner writes for each line it hands to JavaScript, its flags, and scanLine's other answers
// (scanner.ts writes them; wasm-module.ts describes the same layout to JavaScript).

// Record layout, in 32-bit words (the time and bytes are f64 at RECORD_TIME and RECORD_BYTES bytes;
// the request line's tag and the tag's address follow them, then the user's, then a flushed run,
// the line's number in the part, the agent's tag and its address, and the address of the tag of the
// request line's shape when JavaScript is to set it).
export const RECORD_SIZE: i32 = 136;
export const RECORD_TIME: i32 = 64;
export const RECORD_BYTE_COUNT: i32 = 72;
export const RECORD_REQUEST_TAG: i32 = 80;
export const RECORD_USER_TAG: i32 = 88;
export const RECORD_ROW: i32 = 96;
export const RECORD_LINE: i32 = 120;
export const RECORD_AGENT_TAG: i32 = 124;
export const RECORD_SHAPE_TAG_AT: i32 = 132;
/** Flags of a record's first word. */
export const ACCEPTED: i32 = 1;
export const NEW_USER: i32 = 2;
export const NEW_REQUEST: i32 = 4;
export const NEW_AGENT: i32 = 8;
/** The line was counted in its IP's block; with ROW, the IP's previous run is at RECORD_ROW. */
export const COUNTED: i32 = 16;
export const ROW: i32 = 32;
/** The line's IP has no number yet (JavaScript gives it one, so the scan stops after the line). */
export const UNNUMBERED_IP: i32 = 64;
/**
 * scanLine's answer when the line's IP is new and its table is full, or would grow and move blocks
 * that earlier records of this scan point at, or its user would start the users' table over: the
 * line is not taken, and the scan stops before it.
 */
export const NOT_NOW: i32 = -1;
/** scanLine's answer for a plain line, counted here entirely (no record). */
export const PLAIN: i32 = -2;
/** The agent tag JavaScript gives a browser's agent (any other agent gets another number). */
export const PLAIN_AGENT: i32 = 1;
