/** Reading the end of a server log for error messages. */
import { open } from 'node:fs/promises';

/** The last lines of a log since `fromByte`, for error messages. */
export async function logTail(file: string, fromByte = 0, lines = 15): Promise<string> {
  try {
    const fh = await open(file, 'r');
    try {
      const size = (await fh.stat()).size;
      const from = Math.max(fromByte, size - 8192);
      const buf = Buffer.alloc(size - from);
      await fh.read(buf, 0, buf.length, from);
      return buf.toString('utf8').trimEnd().split('\n').slice(-lines).join('\n');
    } finally {
      await fh.close();
    }
  } catch {
    return '';
  }
}
