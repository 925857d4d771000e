/** Deep merge in order: objects merge by key, arrays and scalars replace. Pure. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** True when a config value holds a function (an inline lint-staged task): it cannot be serialised. */
export function hasFunction(value: unknown): boolean {
  if (typeof value === 'function') return true;
  return isPlainObject(value) || Array.isArray(value) ? Object.values(value).some(hasFunction) : false;
}

export function mergeLayers(layers: readonly Record<string, unknown>[]): Record<string, unknown> {
  let merged: Record<string, unknown> = {};
  for (const layer of layers) merged = mergeTwo(merged, layer);
  return merged;
}

function mergeTwo(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) {
    if (value === undefined || key === 'extends') continue;
    const prev = out[key];
    out[key] = isPlainObject(prev) && isPlainObject(value) ? mergeTwo(prev, value) : clone(value);
  }
  return out;
}

function clone(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(clone);
  if (isPlainObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, clone(v)]));
  return value;
}
