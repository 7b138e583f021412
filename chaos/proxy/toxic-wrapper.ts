/**
 * A toxic as the API sees it: name, type, stream, toxicity and attributes. Parsing and
 * validation of toxic JSON happens here, once, for every toxic type.
 */
import { z } from 'zod';
import { toxicType, toxicTypeNames } from '../toxics/registry.js';
import type { ToxicType } from '../toxics/types.js';
import { ApiError, Errors } from './errors.js';
import type { RunnableToxic } from './stub.js';

export type Direction = 'upstream' | 'downstream';

export interface ToxicJson {
  name: string;
  type: string;
  stream: Direction;
  toxicity: number;
  attributes: Record<string, number>;
}

export class ToxicWrapper implements RunnableToxic {
  /** Position in its direction's chain (0 is the hidden noop). */
  index = -1;
  constructor(
    readonly name: string,
    readonly impl: ToxicType,
    readonly stream: Direction,
    public toxicity: number,
    public attributes: Record<string, number>,
  ) {}

  toJSON(): ToxicJson {
    return {
      name: this.name,
      type: this.impl.type,
      stream: this.stream,
      toxicity: this.toxicity,
      attributes: this.attributes,
    };
  }
}

const toxicityField = z
  .number({ invalid_type_error: 'toxicity must be a number' })
  .min(0, 'toxicity must be in [0, 1]')
  .max(1, 'toxicity must be in [0, 1]');

const createBody = z
  .object({
    name: z.string().optional(),
    type: z.string({ required_error: 'type is required', invalid_type_error: 'type must be a string' }),
    stream: z.string().optional(),
    toxicity: toxicityField.optional(),
    attributes: z.record(z.unknown()).optional(),
  })
  .passthrough();

const updateBody = z
  .object({ toxicity: toxicityField.optional(), attributes: z.record(z.unknown()).optional() })
  .passthrough();

function zodDetail(e: z.ZodError): string {
  return e.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ');
}

function parseAttributes(impl: ToxicType, raw: unknown): Record<string, number> {
  const r = impl.schema.safeParse(raw ?? {});
  if (!r.success) throw Errors.badRequestBody.with(`${impl.type} attributes: ${zodDetail(r.error)}`);
  return r.data;
}

/** Parse a POST /proxies/{p}/toxics body (defaults: stream downstream, toxicity 1, name "<type>_<stream>"). */
export function parseNewToxic(body: unknown): ToxicWrapper {
  const r = createBody.safeParse(body);
  if (!r.success) throw Errors.badRequestBody.with(zodDetail(r.error));
  const { type, stream = 'downstream', toxicity = 1, attributes } = r.data;
  if (stream !== 'upstream' && stream !== 'downstream') throw Errors.invalidStream;
  const impl = toxicType(type);
  if (!impl) throw Errors.invalidToxicType.with(`"${type}" (known: ${toxicTypeNames().join(', ')})`);
  const name = r.data.name || `${type}_${stream}`;
  return new ToxicWrapper(name, impl, stream, toxicity, parseAttributes(impl, attributes));
}

/** Parse a POST /proxies/{p}/toxics/{t} body: attributes merge over the current ones; type, stream and name stay. */
export function parseToxicUpdate(current: ToxicWrapper, body: unknown): { toxicity: number; attributes: Record<string, number> } {
  const r = updateBody.safeParse(body);
  if (!r.success) throw Errors.badRequestBody.with(zodDetail(r.error));
  const merged = { ...current.attributes, ...(r.data.attributes ?? {}) };
  return { toxicity: r.data.toxicity ?? current.toxicity, attributes: parseAttributes(current.impl, merged) };
}

export { ApiError };
