/**
 * Fake credentials of every shape in SPEC §4, built at run time from a seed (so runs repeat and the
 * repository holds no complete secret-shaped string for a scanner to trip on). Shared by the
 * detector's unit tests and the end-to-end corpus.
 */
export const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
export const ALNUM = `${UPPER}${UPPER.toLowerCase()}0123456789`;
export const B32 = `${UPPER}234567`;
export const B64 = `${ALNUM}+/`;
export const B64URL = `${ALNUM}-_`;
export const HEX = '0123456789abcdef';
export const DIGITS = '0123456789';

/** A seeded random-string maker (mulberry32), so every run builds the same fakes. */
export function fakes(seed: number): (length: number, alphabet?: string) => string {
  let state = seed;
  return (length, alphabet = ALNUM) => {
    let out = '';
    for (let i = 0; i < length; i++) {
      state = (state + 0x6d2b79f5) | 0;
      let t = Math.imul(state ^ (state >>> 15), 1 | state);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      out += alphabet[((t ^ (t >>> 14)) >>> 0) % alphabet.length];
    }
    return out;
  };
}
export const b64url = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
export const pem = (kind: string, edge = 'BEGIN') => `-----${edge} ${kind}PRIVATE KEY-----`;

/** One fake of each credential shape. */
export function fakeKeys(seed: number) {
  const fake = fakes(seed);
  return {
    awsId: 'AKIA' + fake(16, B32),
    awsSession: 'ASIA' + fake(16, B32),
    awsSecret: fake(40, B64),
    ghp: 'gh' + 'p_' + fake(36),
    ghs: 'gh' + 's_' + fake(36),
    ghPat: 'github_' + 'pat_' + fake(22) + '_' + fake(59),
    openaiLegacy: 'sk-' + fake(20) + 'T3Blbk' + 'FJ' + fake(20),
    openaiProj: 'sk-' + 'proj-' + fake(156, B64URL),
    openaiSvc: 'sk-' + 'svcacct-' + fake(80, B64URL),
    anthropic: 'sk-' + 'ant-api03-' + fake(93, B64URL),
    cerebras: 'c' + 'sk-' + fake(48, 'abcdefghijklmnopqrstuvwxyz0123456789'),
    slackBot: 'xo' + 'xb-' + fake(12, DIGITS) + '-' + fake(13, DIGITS) + '-' + fake(24),
    slackUser: 'xo' + 'xp-' + fake(12, DIGITS) + '-' + fake(12, DIGITS) + '-' + fake(13, DIGITS) + '-' + fake(32, HEX),
    webhook: 'https://hooks.slack.com/services/' + 'T' + fake(8, B32) + '/B' + fake(10, B32) + '/' + fake(24),
    stripeLive: 'sk_' + 'live_' + fake(24),
    stripeRestricted: 'rk_' + 'live_' + fake(99),
    stripeTest: 'sk_' + 'test_' + fake(24),
    google: 'AI' + 'za' + fake(35, B64URL),
    jwt: `${b64url({ alg: 'HS256', typ: 'JWT' })}.${b64url({ sub: fake(8), iat: 1718000000 })}.${fake(43, B64URL)}`,
    generic: fake(24, B64),
    generic2: fake(16, ALNUM + '!#%&*-_'),
    hex: fake(64, HEX),
    letters: fake(24, UPPER + UPPER.toLowerCase()),
    uuid: [8, 4, 4, 4, 12].map((n) => fake(n, HEX)).join('-'),
  };
}
