/**
 * Largest-Triangle-Three-Buckets (Steinarsson 2013): keeps the visual shape of a series
 * (peaks included) with a fixed number of points. Charts get the downsampled series;
 * statistics are always computed from the full data before this.
 */
export type Point = [number, number];

export function lttb(points: readonly Point[], threshold: number): Point[] {
  const n = points.length;
  if (threshold >= n || threshold <= 2) return threshold <= 2 && n > 2 ? [points[0]!, points[n - 1]!] : [...points];
  const out: Point[] = [points[0]!];
  const every = (n - 2) / (threshold - 2);
  let a = 0;
  for (let i = 0; i < threshold - 2; i++) {
    // average of the next bucket: the third corner of the triangle
    const nextStart = Math.floor((i + 1) * every) + 1;
    const nextEnd = Math.min(Math.floor((i + 2) * every) + 1, n);
    let avgX = 0;
    let avgY = 0;
    for (let j = nextStart; j < nextEnd; j++) {
      avgX += points[j]![0];
      avgY += points[j]![1];
    }
    const len = Math.max(1, nextEnd - nextStart);
    avgX /= len;
    avgY /= len;
    // pick the point of this bucket with the largest triangle to (a, avg)
    const start = Math.floor(i * every) + 1;
    const end = Math.floor((i + 1) * every) + 1;
    const [ax, ay] = points[a]!;
    let best = start;
    let bestArea = -1;
    for (let j = start; j < end; j++) {
      const [x, y] = points[j]!;
      const area = Math.abs((ax - avgX) * (y - ay) - (ax - x) * (avgY - ay));
      if (area > bestArea) {
        bestArea = area;
        best = j;
      }
    }
    out.push(points[best]!);
    a = best;
  }
  out.push(points[n - 1]!);
  return out;
}
