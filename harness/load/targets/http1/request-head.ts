/**
 * The bytes of one HTTP/1.1 request: request line, Host, the user's headers, the body's
 * Content-Length, the body. Built once per target for a fixed path; per iteration only
 * when the target picks a path per iteration.
 */

export interface RequestShape {
  method: string;
  host: string;
  headers?: Record<string, string>;
  body?: string;
}

export function validateHeaders(headers: Record<string, string> | undefined): void {
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) throw new TypeError(`http(): header name ${JSON.stringify(name)} is not a valid HTTP token.`);
    if (/[\r\n\0]/.test(value)) throw new TypeError(`http(): header ${name} has a line break or NUL in its value; remove it.`);
    if (/^(host|content-length|transfer-encoding)$/i.test(name)) {
      throw new TypeError(`http(): header ${name} is set by the client from the URL and body; remove it from headers.`);
    }
  }
}

/** Everything after the request target, shared by every request of a target. */
export function headTail(shape: RequestShape): string {
  let s = ` HTTP/1.1\r\nHost: ${shape.host}\r\n`;
  for (const [name, value] of Object.entries(shape.headers ?? {})) s += `${name}: ${value}\r\n`;
  if (shape.body !== undefined) s += `Content-Length: ${Buffer.byteLength(shape.body)}\r\n`;
  return `${s}\r\n`;
}

export function requestBytes(method: string, path: string, tail: string, body: string | undefined): Buffer {
  if (/[\s\0]/.test(path) || path.length === 0) throw new TypeError(`http(): path ${JSON.stringify(path)} must be non-empty without spaces or control characters; percent-encode them.`);
  const head = `${method} ${path}${tail}`;
  return body === undefined ? Buffer.from(head, 'latin1') : Buffer.concat([Buffer.from(head, 'latin1'), Buffer.from(body)]);
}
