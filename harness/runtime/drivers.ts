/**
 * Registry of drivers: (component kind, runtime kind) -> start function.
 * systems/ registers one line per server per runtime; the core only looks them up.
 */
import { EnvironmentStartError } from '../errors.js';
import type { Component, Driver, RuntimeKind, StartedComponent } from './types.js';

const drivers = new Map<string, Driver>();

const key = (kind: string, runtime: RuntimeKind): string => `${kind}@${runtime}`;

export function registerDriver<C extends Component, S extends StartedComponent>(
  kind: string,
  runtime: RuntimeKind,
  driver: Driver<C, S>,
): void {
  drivers.set(key(kind, runtime), driver as unknown as Driver);
}

export function driverFor(kind: string, runtime: RuntimeKind): Driver {
  const d = drivers.get(key(kind, runtime));
  if (!d) {
    const have = [...drivers.keys()].filter((k) => k.startsWith(`${kind}@`)).map((k) => k.split('@')[1]);
    throw new EnvironmentStartError(`No driver starts "${kind}" on the ${runtime} runtime.`, {
      fix: have.length
        ? `Use one of the runtimes that can: ${have.join(', ')}.`
        : `Register one with registerDriver("${kind}", "${runtime}", ...) in systems/.`,
    });
  }
  return d;
}

export function hasDriver(kind: string, runtime: RuntimeKind): boolean {
  return drivers.has(key(kind, runtime));
}
