import { health } from './src/index.js';
import { appendFileSync } from 'node:fs';

if (process.env.SPARK_GUARD_EXAMPLE_MARKS) appendFileSync(`${process.env.SPARK_GUARD_EXAMPLE_MARKS}/api`, `${process.cwd()}\n`);
if (!health().ok) {
  console.error('health() is not ok');
  process.exit(1);
}
