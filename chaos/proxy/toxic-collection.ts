/**
 * The toxics of one proxy: one chain per direction (index 0 is a hidden noop) and the live links
 * they apply to (Toxiproxy's toxic_collection.go). Operations are serialised, like Go's mutex:
 * each one finishes rewiring every live link before the next starts. New links are built from
 * the chain as it is, so they never get a toxic twice.
 */
import { noopToxic } from '../toxics/registry.js';
import { Errors } from './errors.js';
import type { ToxicLink } from './link.js';
import type { RunnableToxic } from './stub.js';
import { parseNewToxic, parseToxicUpdate, ToxicWrapper, type Direction } from './toxic-wrapper.js';

const NOOP: RunnableToxic = { impl: noopToxic, attributes: {}, toxicity: 1 };
const DIRECTIONS: readonly Direction[] = ['upstream', 'downstream'];

export class ToxicCollection {
  private readonly chain: Record<Direction, RunnableToxic[]> = { upstream: [NOOP], downstream: [NOOP] };
  private readonly links = new Set<ToxicLink>();
  private queue: Promise<unknown> = Promise.resolve();

  private serial<T>(op: () => Promise<T>): Promise<T> {
    const run = this.queue.then(op, op);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Upstream toxics first, then downstream, each in chain order (as Toxiproxy lists them). */
  list(): ToxicWrapper[] {
    return DIRECTIONS.flatMap((d) => this.chain[d].slice(1) as ToxicWrapper[]);
  }

  get count(): number {
    return this.chain.upstream.length + this.chain.downstream.length - 2;
  }

  find(name: string): ToxicWrapper | undefined {
    return this.list().find((t) => t.name === name);
  }

  get(name: string): ToxicWrapper {
    const t = this.find(name);
    if (!t) throw Errors.toxicNotFound.with(name);
    return t;
  }

  /** The chain a new link in `direction` starts with. */
  chainFor(direction: Direction): readonly RunnableToxic[] {
    return this.chain[direction];
  }

  addLink(link: ToxicLink): void {
    this.links.add(link);
  }

  removeLink(link: ToxicLink): void {
    this.links.delete(link);
  }

  private linksIn(direction: Direction): ToxicLink[] {
    return [...this.links].filter((l) => l.direction === direction);
  }

  async add(body: unknown): Promise<ToxicWrapper> {
    const toxic = parseNewToxic(body);
    return this.serial(async () => {
      if (this.find(toxic.name)) throw Errors.toxicAlreadyExists.with(toxic.name);
      const chain = this.chain[toxic.stream];
      toxic.index = chain.length;
      const before = chain[chain.length - 1]!;
      const links = this.linksIn(toxic.stream);
      chain.push(toxic);
      await Promise.all(links.map((l) => l.addToxic(toxic, before)));
      return toxic;
    });
  }

  update(name: string, body: unknown): Promise<ToxicWrapper> {
    return this.serial(async () => {
      const toxic = this.get(name);
      const next = parseToxicUpdate(toxic, body);
      toxic.toxicity = next.toxicity;
      toxic.attributes = next.attributes;
      await Promise.all(this.linksIn(toxic.stream).map((l) => l.updateToxic(toxic.index, toxic)));
      return toxic;
    });
  }

  remove(name: string): Promise<void> {
    return this.serial(() => this.removeNow(this.get(name)));
  }

  private async removeNow(toxic: ToxicWrapper): Promise<void> {
    const chain = this.chain[toxic.stream];
    const index = toxic.index;
    const links = this.linksIn(toxic.stream);
    chain.splice(index, 1);
    for (let i = index; i < chain.length; i++) (chain[i] as ToxicWrapper).index = i;
    await Promise.all(links.map((l) => l.removeToxic(index, toxic, chain[index - 1]!)));
    toxic.index = -1;
  }

  /** Remove every toxic (POST /reset). */
  reset(): Promise<void> {
    return this.serial(async () => {
      for (const d of DIRECTIONS) {
        while (this.chain[d].length > 1) await this.removeNow(this.chain[d][1] as ToxicWrapper);
      }
    });
  }
}
