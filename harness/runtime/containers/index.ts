/** The containers runtime's public face (see README.md in this folder). */
export { detectContainerRuntime, resolveRuntime, type ContainerRuntimeInfo, type RequestedRuntime } from './detect.js';
export { containersSession, applyTestcontainersDefaults, type ContainersSession } from './session.js';
export { startInContainer, bindLoopback, type ContainerStartSpec, type ContainerStartResult } from './start.js';
export { ContainerServerHandle, type ContainerHandleOptions } from './handle.js';
export { ContainerProcessControl } from './control.js';
export { reapContainers, reapVerdict, type ReapResult } from './reaper.js';
export { imageFor, pinnedImages, pinnedImagesFrom, composeFilePath, IMAGE_FOR_LABEL } from './images.js';
export { imagePresent, requireImage, pullPolicy, ImageUnavailableError } from './images-present.js';
export { withNote, announceSubstitution } from './fallback.js';
export { loadProjectPodmanEnv, projectPodmanDir } from './env.js';
export * from './labels.js';
