/**
 * The container runtime client, loaded lazily: importing testcontainers costs ~2 s, so the
 * local runtime never pays for it. Detection uses testcontainers' own strategies
 * (DOCKER_HOST, ~/.testcontainers.properties, the default socket): without a runtime,
 * getContainerRuntimeClient() rejects in a few ms.
 */
import type { ContainerRuntimeClient } from 'testcontainers';

export type Testcontainers = typeof import('testcontainers');

let tcModule: Promise<Testcontainers> | undefined;

export function testcontainers(): Promise<Testcontainers> {
  tcModule ??= import('testcontainers');
  return tcModule;
}

export type { ContainerRuntimeClient };

export async function containerClient(): Promise<ContainerRuntimeClient> {
  const tc = await testcontainers();
  return tc.getContainerRuntimeClient();
}

export type Dockerode = ContainerRuntimeClient['container']['dockerode'];
