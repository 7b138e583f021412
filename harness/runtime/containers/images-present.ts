/**
 * Whether an image is there to start. By default the containers runtime never pulls
 * (machines here reach no registry, and a pull must not surprise anyone): images are built
 * locally (scripts/images/build.sh) or pulled by the user. ARCHTDD_CONTAINERS_PULL=missing
 * lets testcontainers pull missing images.
 */
import { EnvironmentStartError } from '../../errors.js';
import { testcontainers, type ContainerRuntimeClient } from './client.js';
import { composeFilePath } from './images.js';

export type PullPolicy = 'never' | 'missing';

export function pullPolicy(env: NodeJS.ProcessEnv = process.env): PullPolicy {
  return env.ARCHTDD_CONTAINERS_PULL === 'missing' ? 'missing' : 'never';
}

/** Thrown when the image for a kind is not present and may not be pulled. */
export class ImageUnavailableError extends EnvironmentStartError {
  constructor(
    readonly kind: string,
    readonly image: string,
  ) {
    super(`No image for ${kind}: ${image} (pinned in ${composeFilePath()}) is not present, and the pull policy is "never".`, {
      fix:
        `Build it (scripts/images/build.sh ${kind}, where a build exists), pull it (docker pull ${image}), ` +
        'or set ARCHTDD_CONTAINERS_PULL=missing.',
    });
  }
}

export async function imagePresent(client: ContainerRuntimeClient, image: string): Promise<boolean> {
  const tc = await testcontainers();
  return client.image.exists(tc.ImageName.fromString(image));
}

/** Resolves when the image can be started (present, or pulling allowed); throws ImageUnavailableError otherwise. */
export async function requireImage(client: ContainerRuntimeClient, kind: string, image: string): Promise<void> {
  if (pullPolicy() === 'missing') return;
  if (!(await imagePresent(client, image))) throw new ImageUnavailableError(kind, image);
}
