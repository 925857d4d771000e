export const START: string;
export const END: string;
export function perfTables(latest: unknown): string;
export function withPerfTables(readme: string, latest: unknown): string;
