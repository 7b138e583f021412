/**
 * Incremental HTTP/1.1 response parser for the load engine's own client (see client.ts
 * for why it is hand-written). It reads only what a load generator needs: the status, the
 * framing (Content-Length, chunked, until-close), keep-alive (Connection, HTTP/1.0, the
 * Keep-Alive timeout) and skips bodies without copying them. 1xx responses are skipped;
 * HEAD, 204 and 304 have no body (RFC 9112 §6.3). Malformed input throws ParseError, and
 * the connection is then closed by the caller.
 *
 * Works on bytes: the head is scanned in place when it arrives whole (the common case),
 * and only a head split across reads is copied.
 */

export class ParseError extends Error {
  readonly code = 'HPE_INVALID_RESPONSE';
}

export interface ParsedResponse {
  status: number;
  /** The connection may carry another request after this response. */
  keepAlive: boolean;
  /** Server's Keep-Alive timeout in ms, when it sent one. */
  keepAliveTimeoutMs: number | undefined;
}

const enum State {
  Head,
  Length,
  ChunkSize,
  ChunkData,
  ChunkDataEnd,
  Trailers,
  UntilClose,
  Done,
}

const CR = 13;
const LF = 10;
const MAX_HEAD = 64 * 1024;
const HEAD_END = Buffer.from('\r\n\r\n', 'latin1');
const CONTENT_LENGTH = bytes('content-length');
const TRANSFER_ENCODING = bytes('transfer-encoding');
const CONNECTION = bytes('connection');
const KEEP_ALIVE = bytes('keep-alive');
const CLOSE = bytes('close');
const CHUNKED = bytes('chunked');

function bytes(lower: string): Uint8Array {
  return Uint8Array.from(lower, (c) => c.charCodeAt(0));
}

/** b[at..] equals `lower` ignoring ASCII case (header names are tokens: letters, digits, '-'). */
function sameLower(b: Buffer, at: number, lower: Uint8Array): boolean {
  for (let i = 0; i < lower.length; i++) if ((b[at + i]! | 0x20) !== lower[i]) return false;
  return true;
}

/** The comma-separated list b[from..to) has `token` (any case) as one of its elements. */
function hasToken(b: Buffer, from: number, to: number, token: Uint8Array): boolean {
  let i = from;
  while (i < to) {
    while (i < to && (b[i] === 32 || b[i] === 9 || b[i] === 44)) i++;
    let end = i;
    while (end < to && b[end] !== 44) end++;
    let last = end;
    while (last > i && (b[last - 1] === 32 || b[last - 1] === 9)) last--;
    if (last - i === token.length && sameLower(b, i, token)) return true;
    i = end + 1;
  }
  return false;
}

/** Transfer-Encoding's last coding is chunked (RFC 9112 §6.3). */
function endsWithChunked(b: Buffer, from: number, to: number): boolean {
  let last = to;
  while (last > from && (b[last - 1] === 32 || b[last - 1] === 9)) last--;
  let first = last;
  while (first > from && b[first - 1] !== 44 && b[first - 1] !== 32 && b[first - 1] !== 9) first--;
  return last - first === CHUNKED.length && sameLower(b, first, CHUNKED);
}

/** A Content-Length value: optional spaces around 1-15 digits. */
function digits(b: Buffer, from: number, to: number): number {
  let i = from;
  while (i < to && (b[i] === 32 || b[i] === 9)) i++;
  let end = to;
  while (end > i && (b[end - 1] === 32 || b[end - 1] === 9)) end--;
  if (end === i || end - i > 15) throw new ParseError(`bad Content-Length: ${JSON.stringify(b.toString('latin1', from, to))}`);
  let n = 0;
  for (let k = i; k < end; k++) {
    const d = b[k]! - 48;
    if (d < 0 || d > 9) throw new ParseError(`bad Content-Length: ${JSON.stringify(b.toString('latin1', from, to))}`);
    n = n * 10 + d;
  }
  return n;
}

export class ResponseParser {
  private state = State.Head;
  private partial: Buffer | undefined;
  private remaining = 0;
  private noBody = false;
  private chunkLine = '';
  readonly response: ParsedResponse = { status: 0, keepAlive: true, keepAliveTimeoutMs: undefined };

  /** Ready for the next response; `noBody` for a HEAD request. */
  reset(noBody: boolean): void {
    this.state = State.Head;
    this.partial = undefined;
    this.remaining = 0;
    this.noBody = noBody;
    this.chunkLine = '';
    this.response.status = 0;
    this.response.keepAlive = true;
    this.response.keepAliveTimeoutMs = undefined;
  }

  /** The final (non-1xx) status line and headers have been read. */
  get headComplete(): boolean {
    return this.response.status >= 200;
  }

  get complete(): boolean {
    return this.state === State.Done;
  }

  /** The body runs until the server closes the connection. */
  get untilClose(): boolean {
    return this.state === State.UntilClose;
  }

  /** The peer closed the connection: completes an until-close body. */
  end(): void {
    if (this.state === State.UntilClose) this.state = State.Done;
  }

  /**
   * Consumes `buf[start..end)`. Returns the number of bytes used; fewer than given only
   * when the response completed and bytes are left over (which, without pipelining, is a
   * protocol error the caller reports).
   */
  execute(buf: Buffer, start: number, end: number): number {
    let i = start;
    while (i < end) {
      switch (this.state) {
        case State.Head:
          i = this.head(buf, i, end);
          break;
        case State.Length: {
          const n = Math.min(this.remaining, end - i);
          this.remaining -= n;
          i += n;
          if (this.remaining === 0) this.state = State.Done;
          break;
        }
        case State.ChunkSize:
          i = this.chunkSize(buf, i, end);
          break;
        case State.ChunkData: {
          const n = Math.min(this.remaining, end - i);
          this.remaining -= n;
          i += n;
          if (this.remaining === 0) {
            this.state = State.ChunkDataEnd;
            this.remaining = 2;
          }
          break;
        }
        case State.ChunkDataEnd:
          if (buf[i] !== (this.remaining === 2 ? CR : LF)) throw new ParseError('chunk data not followed by CRLF');
          i++;
          if (--this.remaining === 0) this.state = State.ChunkSize;
          break;
        case State.Trailers:
          i = this.trailers(buf, i, end);
          break;
        case State.UntilClose:
          i = end;
          break;
        case State.Done:
          return i - start;
      }
    }
    return i - start;
  }

  private head(buf: Buffer, i: number, end: number): number {
    let src = buf;
    let from = i;
    let to = end;
    if (this.partial) {
      src = Buffer.concat([this.partial, buf.subarray(i, end)]);
      from = 0;
      to = src.length;
    }
    const stop = src.indexOf(HEAD_END, from);
    if (stop < 0 || stop + 4 > to) {
      if (to - from > MAX_HEAD) throw new ParseError(`response head over ${MAX_HEAD / 1024} KiB`);
      this.partial = Buffer.from(src.subarray(from, to));
      return end;
    }
    const consumedFromPartial = this.partial ? this.partial.length : 0;
    this.partial = undefined;
    this.parseHead(src, from, stop);
    // bytes of `buf` used: up to the end of the head
    const used = stop + 4 - from - consumedFromPartial;
    return i + used;
  }

  private parseHead(b: Buffer, from: number, stop: number): void {
    // "HTTP/1.x SSS"
    if (stop - from < 12 || b[from] !== 72 || b[from + 1] !== 84 || b[from + 2] !== 84 || b[from + 3] !== 80 || b[from + 4] !== 47 || b[from + 5] !== 49 || b[from + 6] !== 46) {
      throw new ParseError(`not an HTTP/1.x status line: ${JSON.stringify(b.toString('latin1', from, Math.min(stop, from + 40)))}`);
    }
    const minor = b[from + 7]! - 48;
    const d0 = b[from + 9]! - 48;
    const d1 = b[from + 10]! - 48;
    const d2 = b[from + 11]! - 48;
    if (b[from + 8] !== 32 || d0 < 1 || d0 > 9 || d1 < 0 || d1 > 9 || d2 < 0 || d2 > 9) throw new ParseError('bad status code');
    const status = d0 * 100 + d1 * 10 + d2;
    let keepAlive = minor >= 1;
    let length = -1;
    let chunked = false;
    let kaTimeout: number | undefined;
    // header lines: names compared as bytes, values read only for the four headers that matter
    let line = b.indexOf(LF, from) + 1;
    while (line > 0 && line < stop + 2) {
      const eol = b.indexOf(CR, line);
      const colon = b.indexOf(58, line);
      if (colon > 0 && colon < eol) {
        const n = colon - line;
        if (n === 14 && sameLower(b, line, CONTENT_LENGTH)) length = digits(b, colon + 1, eol);
        else if (n === 17 && sameLower(b, line, TRANSFER_ENCODING)) chunked = endsWithChunked(b, colon + 1, eol);
        else if (n === 10 && sameLower(b, line, CONNECTION)) {
          if (hasToken(b, colon + 1, eol, CLOSE)) keepAlive = false;
          else if (hasToken(b, colon + 1, eol, KEEP_ALIVE)) keepAlive = true;
        } else if (n === 10 && sameLower(b, line, KEEP_ALIVE)) {
          const t = /timeout=(\d+)/i.exec(b.toString('latin1', colon + 1, eol));
          if (t) kaTimeout = Number(t[1]) * 1000;
        }
      }
      line = eol + 2;
    }
    if (status < 200) {
      // 1xx: informational; the real response follows on the same connection
      this.state = State.Head;
      return;
    }
    this.response.status = status;
    this.response.keepAliveTimeoutMs = kaTimeout;
    if (this.noBody || status === 204 || status === 304) {
      this.response.keepAlive = keepAlive;
      this.state = State.Done;
    } else if (chunked) {
      this.response.keepAlive = keepAlive;
      this.state = State.ChunkSize;
    } else if (length >= 0) {
      this.response.keepAlive = keepAlive;
      this.remaining = length;
      this.state = length === 0 ? State.Done : State.Length;
    } else {
      this.response.keepAlive = false;
      this.state = State.UntilClose;
    }
  }

  private chunkSize(buf: Buffer, i: number, end: number): number {
    const lf = buf.indexOf(LF, i);
    if (lf < 0 || lf >= end) {
      this.chunkLine += buf.toString('latin1', i, end);
      if (this.chunkLine.length > 1024) throw new ParseError('chunk size line too long');
      return end;
    }
    const line = (this.chunkLine + buf.toString('latin1', i, lf)).replace(/\r$/, '');
    this.chunkLine = '';
    const hex = line.split(';')[0]!.trim();
    if (!/^[0-9a-fA-F]{1,12}$/.test(hex)) throw new ParseError(`bad chunk size: ${JSON.stringify(line)}`);
    const size = parseInt(hex, 16);
    if (size === 0) {
      this.state = State.Trailers;
      this.remaining = 0;
    } else {
      this.state = State.ChunkData;
      this.remaining = size;
    }
    return lf + 1;
  }

  /** After the last chunk: trailer lines until an empty line. `remaining` counts bytes of the current line. */
  private trailers(buf: Buffer, i: number, end: number): number {
    while (i < end) {
      const c = buf[i++]!;
      if (c === LF) {
        if (this.remaining === 0) {
          this.state = State.Done;
          return i;
        }
        this.remaining = 0;
      } else if (c !== CR) this.remaining++;
    }
    return i;
  }
}
