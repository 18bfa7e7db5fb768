#!/usr/bin/env node
// Runs on `npm install` / `npm ci` (the prepare script): builds the web app into web/dist so that
// `npm start` serves it at once. Skipped when the build tools are absent (an install without dev dependencies).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

if (!fs.existsSync('node_modules/vite') || !fs.existsSync('web/index.html')) {
  process.stderr.write('warroom: vite or web/ is missing; skipping the web build\n');
  process.exit(0);
}
const res = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
process.exit(res.status ?? 1);
