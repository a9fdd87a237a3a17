// AssemblyScript (compiled to WebAssembly by `asc`, not by tsc): whether a request line's bytes are
// one the TypeScript parser accepts (splitRequest in ../parse-line.ts), so the scanner knows a line
// will be accepted before JavaScript has seen its request line, and where its method and path are.

const SPACE: u8 = 32;
const MAX_METHOD: i32 = 20;

/** Set by `isRequestLine` when it answers true: the method's length and the path's offsets. */
export let methodLength: i32 = 0;
export let pathStart: i32 = 0;
export let pathEnd: i32 = 0;

// Whether byte `c` may be in a method token: A-Z, '-' or '_' (isMethodToken in ../parse-line.ts).
function isMethodByte(c: u8): bool {
  return (c >= 65 && c <= 90) || c == 45 || c == 95;
}

/**
 * Whether the `length` bytes at `ptr` are `METHOD PATH [PROTOCOL]` as splitRequest accepts it: a
 * method token of 1-20 bytes before the first space, and a non-empty path (the bytes after the
 * first space, up to the last space when `HTTP/` follows that space).
 */
export function isRequestLine(ptr: usize, length: i32): bool {
  let firstSpace = -1;
  for (let i = 0; i <= MAX_METHOD && i < length; i++) {
    const c = load<u8>(ptr + <usize>i);
    if (c == SPACE) {
      firstSpace = i;
      break;
    }
    if (!isMethodByte(c)) return false;
  }
  if (firstSpace <= 0) return false;
  let lastSpace = length - 1;
  while (load<u8>(ptr + <usize>lastSpace) != SPACE) lastSpace--;
  const hasProtocol =
    lastSpace > firstSpace &&
    length - lastSpace - 1 >= 5 &&
    load<u32>(ptr + <usize>(lastSpace + 1)) == 0x50545448 && // "HTTP"
    load<u8>(ptr + <usize>(lastSpace + 5)) == 47; // "/"
  methodLength = firstSpace;
  pathStart = firstSpace + 1;
  pathEnd = hasProtocol ? lastSpace : length;
  return pathEnd > pathStart;
}
