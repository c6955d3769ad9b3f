// Installs the console's npm packages with `npm ci` when node_modules does not match
// package-lock.json (first build, or the lock changed); otherwise does nothing, so repeated Maven
// builds do not reinstall. Called by ui-gateway's pom before `npm run build`.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const lock = readFileSync('package-lock.json');
const hash = createHash('sha256').update(lock).digest('hex');
const stamp = 'node_modules/.open-ce-lock-sha256';
if (existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === hash) {
  console.log('npm packages up to date with package-lock.json');
  process.exit(0);
}
console.log('npm ci (package-lock.json changed or node_modules missing)');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const result = spawnSync(npm, ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { stdio: 'inherit' });
if (result.status !== 0) {
  process.exit(result.status ?? 1);
}
writeFileSync(stamp, hash + '\n');
