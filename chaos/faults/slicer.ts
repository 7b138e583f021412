/** Fault.slicer: data is cut into averageSize ± sizeVariation byte pieces, delayUs apart (toxic "slicer"); checked through the API. */
import { toxicFault } from './toxic-fault.js';
import type { ChaosFault, LinkFaultOptions } from './types.js';

export interface SlicerOptions extends LinkFaultOptions {
  averageSize: number;
  sizeVariation?: number;
  delayUs?: number;
}

export function slicer(o: SlicerOptions): ChaosFault {
  const sizeVariation = o.sizeVariation ?? 0;
  const delayUs = o.delayUs ?? 0;
  return toxicFault({
    kind: 'slicer',
    toxicType: 'slicer',
    attributes: { average_size: Math.round(o.averageSize), size_variation: Math.round(sizeVariation), delay: Math.round(delayUs) },
    params: { averageSize: o.averageSize, sizeVariation, delayUs },
    options: o,
    summary: `data sliced into ${o.averageSize} ± ${sizeVariation} byte pieces, ${delayUs} µs apart`,
    validate: () => [
      ...(o.averageSize >= 1 ? [] : [`averageSize is ${o.averageSize}; it must be >= 1.`]),
      ...(sizeVariation >= 0 && sizeVariation < o.averageSize ? [] : [`sizeVariation is ${sizeVariation}; it must be in [0, averageSize).`]),
      ...(delayUs >= 0 ? [] : [`delayUs is ${delayUs}; it must be >= 0.`]),
    ],
  });
}
