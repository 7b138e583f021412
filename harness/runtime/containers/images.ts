/**
 * Image names and tags are pinned in ONE place: docker-compose.yml. The service labelled
 * `archtdd.image-for: <kind>` names the image the containers runtime starts for that kind
 * (and scripts/images/build.sh tags its local Debian builds with the same names).
 *
 *   imageFor('redis')  // 'docker.io/library/redis:7.0'
 *
 * ARCHTDD_COMPOSE_FILE points at another compose file (same labels).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { EnvironmentStartError } from '../../errors.js';

export const IMAGE_FOR_LABEL = 'archtdd.image-for';

/** <repo>/docker-compose.yml, found from this file's place in the checkout. */
export function composeFilePath(): string {
  return process.env.ARCHTDD_COMPOSE_FILE ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../docker-compose.yml');
}

interface ComposeService {
  image?: unknown;
  labels?: unknown;
}

/** Compose labels come as a map or as a list of "k=v". */
export function serviceLabels(svc: ComposeService): Record<string, string> {
  const l = svc.labels;
  if (Array.isArray(l)) {
    return Object.fromEntries(
      l.filter((x): x is string => typeof x === 'string').map((x) => {
        const i = x.indexOf('=');
        return i < 0 ? [x, ''] : [x.slice(0, i), x.slice(i + 1)];
      }),
    );
  }
  if (l && typeof l === 'object') {
    return Object.fromEntries(Object.entries(l as Record<string, unknown>).map(([k, v]) => [k, String(v)]));
  }
  return {};
}

/** kind -> image, from the services labelled archtdd.image-for. */
export function pinnedImagesFrom(composeText: string, file = 'docker-compose.yml'): Record<string, string> {
  const doc = parse(composeText, { merge: true }) as { services?: Record<string, ComposeService> } | null;
  const out: Record<string, string> = {};
  for (const [name, svc] of Object.entries(doc?.services ?? {})) {
    const kind = serviceLabels(svc ?? {})[IMAGE_FOR_LABEL];
    if (!kind) continue;
    if (typeof svc.image !== 'string' || !svc.image) {
      throw new EnvironmentStartError(`${file}: service "${name}" is labelled ${IMAGE_FOR_LABEL}=${kind} but has no image.`, {
        fix: `Give service "${name}" an image with a pinned tag.`,
      });
    }
    if (out[kind] && out[kind] !== svc.image) {
      throw new EnvironmentStartError(
        `${file}: two services name the image for "${kind}" (${out[kind]} and ${svc.image}).`,
        { fix: `Keep the ${IMAGE_FOR_LABEL} label on one of them.` },
      );
    }
    out[kind] = svc.image;
  }
  return out;
}

let cache: { file: string; images: Record<string, string> } | undefined;

export function pinnedImages(): Record<string, string> {
  const file = composeFilePath();
  if (cache?.file !== file) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      throw new EnvironmentStartError(`Cannot read ${file}, where container images are pinned: ${(e as Error).message}`, {
        fix: 'Run from an archtdd checkout, or set ARCHTDD_COMPOSE_FILE to a compose file with archtdd.image-for labels.',
      });
    }
    cache = { file, images: pinnedImagesFrom(text, file) };
  }
  return cache.images;
}

export function imageFor(kind: string): string {
  const images = pinnedImages();
  const image = images[kind];
  if (!image) {
    throw new EnvironmentStartError(`No image is pinned for "${kind}" in ${composeFilePath()} (pinned: ${Object.keys(images).join(', ') || 'none'}).`, {
      fix: `Add a service with image: <name>:<tag> and labels: { ${IMAGE_FOR_LABEL}: ${kind} } to docker-compose.yml.`,
    });
  }
  return image;
}
