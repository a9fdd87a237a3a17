// A fast scanner for Apache's Combined format only: finds where each field starts and ends with a
// few indexOf calls and creates no strings. It accepts a subset of what the compiled scanner
// (log-format.ts) accepts, with the same boundaries; anything else is left to that scanner.

import { closingQuote } from './log-format.js';

/** Field boundaries in one Combined line: each field is [start, end) of the line. */
export interface CombinedFields {
  ipEnd: number;
  userStart: number;
  userEnd: number;
  timeStart: number;
  timeEnd: number;
  requestStart: number;
  requestEnd: number;
  statusStart: number;
  statusEnd: number;
  bytesStart: number;
  bytesEnd: number;
  agentStart: number;
  agentEnd: number;
}

/** A fresh CombinedFields (reused between lines). */
export function emptyCombinedFields(): CombinedFields {
  return {
    ipEnd: 0,
    userStart: 0,
    userEnd: 0,
    timeStart: 0,
    timeEnd: 0,
    requestStart: 0,
    requestEnd: 0,
    statusStart: 0,
    statusEnd: 0,
    bytesStart: 0,
    bytesEnd: 0,
    agentStart: 0,
    agentEnd: 0,
  };
}

const SPACE = 32;
const QUOTE = 34;

/**
 * Split a `%h %l %u %t "%r" %>s %b "%{Referer}i" "%{User-Agent}i"` line into `out`. Returns false
 * when the line does not have that exact shape; the caller then uses the compiled scanner, which
 * also says what is wrong. When it returns true, the compiled scanner would find the same fields.
 */
export function scanCombined(line: string, out: CombinedFields): boolean {
  const ipEnd = line.indexOf(' ');
  if (ipEnd <= 0) return false;
  const identEnd = line.indexOf(' ', ipEnd + 1);
  if (identEnd <= ipEnd + 1) return false;
  const userEnd = line.indexOf(' ', identEnd + 1);
  if (userEnd <= identEnd + 1) return false;
  const timeStart = userEnd + 1;
  if (line.charCodeAt(timeStart) !== 91 /* [ */) return false;
  const timeEnd = line.indexOf(']', timeStart) + 1;
  if (timeEnd === 0 || line.charCodeAt(timeEnd) !== SPACE || line.charCodeAt(timeEnd + 1) !== QUOTE)
    return false;
  const requestStart = timeEnd + 2;
  const requestEnd = closingQuote(line, requestStart);
  if (requestEnd < 0 || line.charCodeAt(requestEnd + 1) !== SPACE) return false;
  const statusStart = requestEnd + 2;
  const statusEnd = line.indexOf(' ', statusStart);
  if (statusEnd <= statusStart) return false;
  const bytesStart = statusEnd + 1;
  const bytesEnd = line.indexOf(' "', bytesStart);
  if (bytesEnd <= bytesStart) return false;
  const refererEnd = closingQuote(line, bytesEnd + 2);
  if (
    refererEnd < 0 ||
    line.charCodeAt(refererEnd + 1) !== SPACE ||
    line.charCodeAt(refererEnd + 2) !== QUOTE
  )
    return false;
  const agentStart = refererEnd + 3;
  const agentEnd = closingQuote(line, agentStart);
  if (agentEnd !== line.length - 1) return false;
  out.ipEnd = ipEnd;
  out.userStart = identEnd + 1;
  out.userEnd = userEnd;
  out.timeStart = timeStart;
  out.timeEnd = timeEnd;
  out.requestStart = requestStart;
  out.requestEnd = requestEnd;
  out.statusStart = statusStart;
  out.statusEnd = statusEnd;
  out.bytesStart = bytesStart;
  out.bytesEnd = bytesEnd;
  out.agentStart = agentStart;
  out.agentEnd = agentEnd;
  return true;
}
