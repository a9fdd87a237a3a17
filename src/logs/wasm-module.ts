// Loads the compiled Combined-line scanner (wasm/scanner.ts, built by `npm run build` into
// logs-scanner.wasm beside the compiled or bundled JavaScript) and describes its exports and its
// record layout. Holds no scanning logic.

import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The scanner's exports (see wasm/scanner.ts). */
export interface ScannerExports {
  memory: WebAssembly.Memory;
  setup(inputSize: number): void;
  inputAddress(): number;
  reserveInput(keep: number, size: number): number;
  recordAddress(): number;
  scanEnd(): number;
  scan(start: number, end: number, final: boolean): number;
}

/** Record layout: 32-bit words per record and their meaning (wasm/scanner.ts writes them). */
export const RECORD_WORDS = 22;
export const FLAGS = 0;
export const LINE_START = 1;
export const LINE_END = 2;
/** The IP's number in the TypeScript parser's numbering, as JavaScript tagged it (-1 = not yet). */
export const IP_NUMBER = 3;
export const USER_ID = 4;
export const REQUEST_ID = 5;
export const AGENT_ID = 6;
export const STATUS = 7;
export const IP_END = 8;
export const USER_START = 9;
export const USER_END = 10;
export const REQUEST_START = 11;
export const REQUEST_END = 12;
export const AGENT_START = 13;
export const AGENT_END = 14;
/** Byte address of the IP's tag in the scanner's memory (where JavaScript writes its number). */
export const IP_TAG_AT = 15;
/** The request line's tag as JavaScript wrote it (-1 = not yet; see wasm-lines.ts). */
export const REQUEST_TAG = 20;
/** Byte address of the request line's tag in the scanner's memory. */
export const REQUEST_TAG_AT = 21;
/** 64-bit float slots of a record (its index * RECORD_WORDS / 2 plus these). */
export const TIME_SLOT = 8;
export const BYTES_SLOT = 9;
/** Flag bits of a record's first word. */
export const ACCEPTED = 1;
export const NEW_USER = 2;
export const NEW_REQUEST = 4;
export const NEW_AGENT = 8;

const FILE = 'logs-scanner.wasm';
// Beside this module when compiled or bundled; from the TypeScript sources (tests), the compiled copy.
const PLACES = [
  new URL(`./${FILE}`, import.meta.url),
  new URL(`../../dist/src/logs/${FILE}`, import.meta.url),
];

let compiled: WebAssembly.Module | undefined;

/** A fresh scanner instance (its own memory and tables); the module is compiled once per thread. */
export function newScanner(inputSize: number): ScannerExports {
  if (compiled === undefined) {
    const place = PLACES.find((url) => existsSync(fileURLToPath(url)));
    if (place === undefined) throw new Error(`${FILE} is missing: run \`npm run build\``);
    compiled = new WebAssembly.Module(readFileSync(place));
  }
  const instance = new WebAssembly.Instance(compiled, {
    env: {
      abort: () => {
        throw new Error('the log scanner aborted');
      },
    },
  });
  const scanner = instance.exports as unknown as ScannerExports;
  scanner.setup(inputSize);
  return scanner;
}
