/**
 * The embedded HTTP/1.1 response parser on byte strings (no sockets): framing, keep-alive,
 * 1xx, bodiless responses, heads and chunks split at every byte, malformed input.
 */
import { describe, expect, it } from 'vitest';
import { ParseError, ResponseParser } from '../../../harness/load/targets/http1/response-parser.js';

/** Feeds `text` in pieces of `step` bytes (0 = whole); returns bytes used and the parser. */
function feed(text: string, step = 0, noBody = false): { p: ResponseParser; used: number } {
  const p = new ResponseParser();
  p.reset(noBody);
  const bytes = Buffer.from(text, 'latin1');
  let used = 0;
  const size = step || bytes.length;
  for (let i = 0; i < bytes.length && !p.complete; i += size) {
    // like the client: each read lands in a big shared buffer with stale bytes after it
    const big = Buffer.alloc(bytes.length + 64, 'x');
    const piece = bytes.subarray(i, Math.min(i + size, bytes.length));
    piece.copy(big, 0);
    used += p.execute(big, 0, piece.length);
  }
  return { p, used };
}

const CL = 'HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\nhello';
const CHUNKED = 'HTTP/1.1 201 Created\r\ntransfer-encoding: chunked\r\n\r\n5;ext=1\r\nhello\r\n1A\r\nabcdefghijklmnopqrstuvwxyz\r\n0\r\nX-Trailer: 1\r\n\r\n';

describe('HTTP/1.1 response parser (bytes only)', () => {
  it.each([0, 1, 2, 3, 7])('Content-Length body, fed %i bytes at a time: status, complete, every byte used', (step) => {
    const { p, used } = feed(CL, step);
    expect(p.complete).toBe(true);
    expect(p.response).toEqual({ status: 200, keepAlive: true, keepAliveTimeoutMs: undefined });
    expect(used).toBe(Buffer.byteLength(CL));
  });

  it.each([0, 1, 4])('chunked body with extensions and trailers, fed %i bytes at a time', (step) => {
    const { p, used } = feed(CHUNKED, step);
    expect(p.complete).toBe(true);
    expect(p.response.status).toBe(201);
    expect(used).toBe(Buffer.byteLength(CHUNKED));
  });

  it('an incomplete body is not complete', () => {
    const { p } = feed(CL.slice(0, -1));
    expect(p.headComplete).toBe(true);
    expect(p.complete).toBe(false);
  });

  it('1xx responses are skipped: the final status is the one after them', () => {
    const { p } = feed('HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\n' + CL, 3);
    expect(p.complete).toBe(true);
    expect(p.response.status).toBe(200);
  });

  it('HEAD, 204 and 304 have no body even with a Content-Length', () => {
    expect(feed('HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n', 0, true).p.complete).toBe(true);
    expect(feed('HTTP/1.1 204 No Content\r\nContent-Length: 100\r\n\r\n').p.complete).toBe(true);
    expect(feed('HTTP/1.1 304 Not Modified\r\nContent-Length: 100\r\n\r\n').p.complete).toBe(true);
    expect(feed('HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n').p.complete).toBe(false);
  });

  it('no framing: the body runs until the server closes, and the connection is not reused', () => {
    const { p } = feed('HTTP/1.1 200 OK\r\n\r\nsome body');
    expect(p.untilClose).toBe(true);
    expect(p.complete).toBe(false);
    p.end();
    expect(p.complete).toBe(true);
    expect(p.response.keepAlive).toBe(false);
  });

  it('keep-alive: Connection close, HTTP/1.0 without keep-alive, and the Keep-Alive timeout', () => {
    expect(feed('HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n').p.response.keepAlive).toBe(false);
    expect(feed('HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n').p.response.keepAlive).toBe(false);
    expect(feed('HTTP/1.0 200 OK\r\nConnection: Keep-Alive\r\nContent-Length: 0\r\n\r\n').p.response.keepAlive).toBe(true);
    const ka = feed('HTTP/1.1 200 OK\r\nKeep-Alive: timeout=5\r\nContent-Length: 0\r\n\r\n').p.response;
    expect(ka).toEqual({ status: 200, keepAlive: true, keepAliveTimeoutMs: 5000 });
  });

  it('header names in any case, lists and spaces: CONTENT-LENGTH, "gzip, chunked", "Upgrade, Close"', () => {
    const a = feed('HTTP/1.1 200 OK\r\nCONTENT-LENGTH:  3 \r\n\r\nabc');
    expect(a.p.complete).toBe(true);
    const b = feed('HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, Chunked\r\n\r\n1\r\nx\r\n0\r\n\r\n');
    expect(b.p.complete).toBe(true);
    const c = feed('HTTP/1.1 200 OK\r\nconnection: Upgrade, Close\r\nContent-Length: 0\r\n\r\n');
    expect(c.p.response.keepAlive).toBe(false);
    const d = feed('HTTP/1.1 200 OK\r\nConnection: closed-ish\r\nContent-Length: 0\r\n\r\n');
    expect(d.p.response.keepAlive).toBe(true);
  });

  it('bytes after a complete response are left unused (the client treats them as a protocol error)', () => {
    const { p, used } = feed(`${CL}HTTP/1.1 200 OK\r\n`);
    expect(p.complete).toBe(true);
    expect(used).toBe(Buffer.byteLength(CL));
  });

  it('reset() makes the parser ready for the next response on the same connection', () => {
    const p = new ResponseParser();
    p.reset(false);
    p.execute(Buffer.from(CL), 0, Buffer.byteLength(CL));
    p.reset(false);
    expect(p.complete).toBe(false);
    expect(p.response.status).toBe(0);
    p.execute(Buffer.from(CHUNKED), 0, Buffer.byteLength(CHUNKED));
    expect(p.response.status).toBe(201);
    expect(p.complete).toBe(true);
  });

  it.each([
    ['not HTTP', 'SSH-2.0-OpenSSH\r\n\r\n'],
    ['bad status', 'HTTP/1.1 2x0 OK\r\n\r\n'],
    ['bad Content-Length', 'HTTP/1.1 200 OK\r\nContent-Length: 12a\r\n\r\n'],
    ['bad chunk size', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n'],
    ['chunk without CRLF after its data', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabXY'],
  ])('malformed (%s) throws ParseError', (_what, text) => {
    expect(() => feed(text)).toThrow(ParseError);
  });

  it('a head over 64 KiB throws instead of growing without bound', () => {
    expect(() => feed(`HTTP/1.1 200 OK\r\nX-Big: ${'a'.repeat(70_000)}`, 8192)).toThrow(/64/);
  });
});
