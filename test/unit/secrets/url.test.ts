import { describe, expect, it } from 'vitest';
import { findSecrets, redactSecrets } from '../../../src/secrets/detect.js';

const pw = ['S3cr3t', 'Pass', '77x'].join('');

describe('credentials in URLs', () => {
  it.each([
    [`DATABASE_URL=postgres://admin:${pw}@db.internal/app`, pw],
    [`const url = "https://deploy:${pw}@git.example.org/repo.git";`, pw],
    [`+DATABASE_URL=postgres://admin:${pw}@db/app`, pw],
  ])('finds the password in %s', (line, value) => {
    const m = findSecrets(line);
    expect(m.map((x) => x.rule)).toContain('url-credentials');
    const hit = m.find((x) => x.rule === 'url-credentials')!;
    expect(line.slice(hit.start, hit.end)).toBe(value);
    expect(redactSecrets(line)).not.toContain(value);
  });

  it.each([
    'postgres://user:password@localhost/test',
    'postgres://user:${DB_PASSWORD}@db/app',
    'https://user:<token>@example.com',
    'see https://example.com/a:b@c for details',
    'redis://localhost:6379',
  ])('lets %s through', (line) => {
    expect(findSecrets(line).filter((m) => m.rule === 'url-credentials')).toEqual([]);
  });
});
