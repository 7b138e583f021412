/** k6 tags on a sample: name to value. Here, below the metrics, so metrics never import the engine's vocabulary (types.ts re-exports it). */
export type Tags = Record<string, string>;
