/**
 * Built-in modules that cost milliseconds to load (node:crypto ~6 ms, node:child_process ~5 ms),
 * loaded on first use instead of at start-up: every hook run starts a fresh Node process.
 */
export function nodeCrypto(): typeof import('node:crypto') {
  return process.getBuiltinModule('node:crypto');
}

export function childProcess(): typeof import('node:child_process') {
  return process.getBuiltinModule('node:child_process');
}
