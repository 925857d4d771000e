import { title } from './src/page.js';
import { appendFileSync } from 'node:fs';

if (process.env.SPARK_GUARD_EXAMPLE_MARKS) appendFileSync(`${process.env.SPARK_GUARD_EXAMPLE_MARKS}/web`, `${process.cwd()}\n`);
if (!title) process.exit(1);
