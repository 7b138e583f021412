/** Containers runtime plumbing without a container runtime: reap decisions, labels, env file, pull policy. */
import { describe, expect, it } from 'vitest';
import { parseEnvFile } from '../../../harness/runtime/containers/env.js';
import { pullPolicy } from '../../../harness/runtime/containers/images-present.js';
import { ownerFromLabels, ownerLabels } from '../../../harness/runtime/containers/labels.js';
import { reapVerdict } from '../../../harness/runtime/containers/reaper.js';
import { applyTestcontainersDefaults } from '../../../harness/runtime/containers/session.js';

describe('reapVerdict', () => {
  const owner = { runId: 'r', pid: 10, startTime: 5, host: 'vm' };
  it.each([
    ['our host, owner dead', owner, false, 'remove'],
    ['our host, owner alive', owner, true, 'keep'],
    ['another host (shared DOCKER_HOST)', { ...owner, host: 'other' }, false, 'foreign'],
    ['not labelled by archtdd', undefined, false, 'foreign'],
  ] as const)('%s -> %s', (_what, o, alive, expected) => {
    expect(reapVerdict(o, alive, 'vm')).toBe(expected);
  });
});

describe('owner labels', () => {
  it('round-trip, and a container without them has no owner', () => {
    const o = { runId: '20260101-abc', pid: 42, startTime: 777, host: 'vm' };
    expect(ownerFromLabels(ownerLabels(o))).toEqual(o);
    expect(ownerFromLabels({ 'org.testcontainers': 'true' })).toBeUndefined();
  });
});

describe('parseEnvFile', () => {
  it('reads KEY=VALUE and export KEY=VALUE lines, ignoring the rest', () => {
    expect(parseEnvFile('DOCKER_HOST=unix:///x/podman.sock\nexport A_B=1\n# c\nnot a line\n')).toEqual({
      DOCKER_HOST: 'unix:///x/podman.sock',
      A_B: '1',
    });
  });
});

describe('pull policy and testcontainers defaults (env objects, not the process env)', () => {
  it('never pulls unless ARCHTDD_CONTAINERS_PULL=missing', () => {
    expect(pullPolicy({})).toBe('never');
    expect(pullPolicy({ ARCHTDD_CONTAINERS_PULL: 'missing' })).toBe('missing');
  });

  it('disables Ryuk and pins the host to 127.0.0.1 for a unix socket, keeping what the user set', () => {
    const env: NodeJS.ProcessEnv = { DOCKER_HOST: 'unix:///s.sock' };
    applyTestcontainersDefaults(env);
    expect(env).toMatchObject({ TESTCONTAINERS_RYUK_DISABLED: 'true', TESTCONTAINERS_HOST_OVERRIDE: '127.0.0.1' });
    const remote: NodeJS.ProcessEnv = { DOCKER_HOST: 'tcp://10.0.0.5:2375', TESTCONTAINERS_RYUK_DISABLED: 'false' };
    applyTestcontainersDefaults(remote);
    expect(remote.TESTCONTAINERS_RYUK_DISABLED).toBe('false');
    expect(remote.TESTCONTAINERS_HOST_OVERRIDE).toBeUndefined();
  });
});

describe('withNote (the substitution marker)', () => {
  it('sets note and keeps the handle’s methods and getters bound to it', async () => {
    const { withNote } = await import('../../../harness/runtime/containers/fallback.js');
    class Handle {
      readonly name = 'bus';
      readonly kind = 'kafka';
      readonly runtime = 'local' as const;
      readonly version = '2.0';
      readonly note: string | undefined = undefined;
      readonly endpoint = { host: '127.0.0.1', port: 1 };
      readonly endpoints = { main: this.endpoint };
      stopped = false;
      get url() {
        return `kafka://127.0.0.1:${this.endpoint.port}`;
      }
      urlFor(e = this.endpoint) {
        return `kafka://${e.host}:${e.port}`;
      }
      async stop() {
        this.stopped = true;
      }
    }
    const h = new Handle();
    const noted = withNote(h, 'local mock (no image)');
    expect(noted.note).toBe('local mock (no image)');
    expect(noted.url).toBe('kafka://127.0.0.1:1');
    expect(noted.urlFor({ host: 'h', port: 2 })).toBe('kafka://h:2');
    await noted.stop();
    expect(h.stopped).toBe(true);
  });
});
