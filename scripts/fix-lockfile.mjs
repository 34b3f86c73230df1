// The npm registry reachable here serves only the linux-x64-glibc binary of
// prebuilt-tdlib, so `npm install` leaves the other optional platform packages
// out of package-lock.json and `npm ci` then refuses the lockfile. This adds
// the missing entries (see ../shared/FACTS.md). Run it after every `npm install`.
import { readFileSync, writeFileSync } from 'node:fs';

const lockPath = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(lockPath, 'utf8'));
const parent = lock.packages['node_modules/prebuilt-tdlib'];
if (!parent) throw new Error('prebuilt-tdlib is not in package-lock.json');

const platforms = {
  'darwin-arm64': { cpu: ['arm64'], os: ['darwin'] },
  'darwin-x64': { cpu: ['x64'], os: ['darwin'] },
  'linux-arm64-glibc': { cpu: ['arm64'], os: ['linux'], libc: ['glibc'] },
  'linux-arm64-musl': { cpu: ['arm64'], os: ['linux'], libc: ['musl'] },
  'linux-x64-glibc': { cpu: ['x64'], os: ['linux'], libc: ['glibc'] },
  'linux-x64-musl': { cpu: ['x64'], os: ['linux'], libc: ['musl'] },
  'win32-x64': { cpu: ['x64'], os: ['win32'] },
};

let added = 0;
for (const [name, constraints] of Object.entries(platforms)) {
  const key = `node_modules/@prebuilt-tdlib/${name}`;
  const version = parent.optionalDependencies?.[`@prebuilt-tdlib/${name}`];
  if (!version || lock.packages[key]) continue;
  lock.packages[key] = { version, ...constraints, optional: true, dev: true };
  added++;
}
writeFileSync(lockPath, JSON.stringify(lock, null, 2) + '\n');
console.log(`fix-lockfile: added ${added} prebuilt-tdlib platform entries`);
