export function health() {
  return { ok: true };
}
