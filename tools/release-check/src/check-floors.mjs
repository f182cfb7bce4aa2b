// Fails when a resolved version of a security-relevant dependency is below its
// floor. It reads resolved versions from a lockfile, not the ranges in
// package.json, because a range such as ^8.0.0 can still resolve to a release
// with the known flaw.
//
// Usage: node check-floors.mjs [pnpm-lock.yaml | package-lock.json]...
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import semver from 'semver';
import { parse } from 'yaml';

/** Minimum resolved version of each package, with the reason for the floor. */
const FLOORS = [
  { name: 'ws', range: '>=8.21.0', reason: 'releases before 8.21.0 are open to the fragment-flood memory exhaustion advisory' },
  { name: 'jsonwebtoken', range: '>=9.0.0', reason: 'releases before 9 accept insecure key types and unsigned tokens (CVE-2022-23539, CVE-2022-23540, CVE-2022-23541)' },
  { name: 'zod', range: '>=4.0.0', reason: '@proj/validation is written against the zod 4 API' },
];

/** Splits a pnpm lockfile key such as `@types/ws@8.18.1` or `ws@8.21.0(bufferutil@4.0.9)`. */
function splitPnpmKey(key) {
  const at = key.indexOf('@', 1);
  return { name: key.slice(0, at), version: key.slice(at + 1).replace(/\(.*$/, '') };
}

/** Lists every resolved `{ name, version }` in a pnpm (v9) or npm (v2/v3) lockfile. */
function resolvedPackages(file) {
  const text = readFileSync(file, 'utf8');
  if (basename(file) === 'package-lock.json') {
    return Object.entries(JSON.parse(text).packages ?? {})
      .filter(([path]) => path.includes('node_modules/'))
      .map(([path, entry]) => ({ name: entry.name ?? path.replace(/^.*node_modules\//, ''), version: entry.version }));
  }
  return Object.keys(parse(text).packages ?? {}).map(splitPnpmKey);
}

const files = process.argv.slice(2);
if (files.length === 0) files.push('pnpm-lock.yaml');
const failures = [];

for (const file of files) {
  const packages = resolvedPackages(file);
  for (const floor of FLOORS) {
    const versions = [...new Set(packages.filter((entry) => entry.name === floor.name).map((entry) => entry.version))];
    if (versions.length === 0) {
      failures.push(`${file}: ${floor.name} is not resolved at all; expected ${floor.range}`);
      continue;
    }
    for (const version of versions) {
      const ok = semver.valid(version) !== null && semver.satisfies(version, floor.range);
      console.log(`${ok ? 'ok  ' : 'FAIL'} ${file}: ${floor.name}@${version} (floor ${floor.range})`);
      if (!ok) failures.push(`${file}: ${floor.name}@${version} is below ${floor.range}: ${floor.reason}`);
    }
  }
}

for (const failure of failures) console.error(`FAIL ${failure}`);
process.exit(failures.length === 0 ? 0 : 1);
