// Prints the workspace's outdated dependencies grouped by workspace package,
// with the size of each jump. It reports and exits 0; it exits 1 only when
// pnpm itself fails (registry unreachable, bad lockfile).
import { spawnSync } from 'node:child_process';
import semver from 'semver';

// pnpm sets npm_execpath when it runs a script; outside pnpm, use the one on PATH.
const pnpm = process.env.npm_execpath
  ? [process.execPath, process.env.npm_execpath]
  : ['pnpm'];
const result = spawnSync(pnpm[0], [...pnpm.slice(1), 'outdated', '--recursive', '--format', 'json'], {
  encoding: 'utf8',
  maxBuffer: 16 * 1024 * 1024,
});

if (result.error) {
  console.error(`Could not run pnpm (${result.error.message}); run this through \`pnpm run outdated\`.`);
  process.exit(1);
}

// pnpm outdated exits 1 when something is outdated, and also on errors; only
// the JSON on stdout distinguishes them.
let report;
try {
  report = JSON.parse(result.stdout || '{}');
} catch {
  process.stderr.write(`${result.stderr}${result.stdout}`);
  process.exit(1);
}
if (result.status !== 0 && result.status !== 1) {
  process.stderr.write(result.stderr);
  process.exit(1);
}

function jump(current, latest) {
  if (!semver.valid(current) || !semver.valid(latest)) return 'unknown';
  return semver.diff(current, latest) ?? 'none';
}

const byDependent = new Map();
for (const [name, entry] of Object.entries(report)) {
  for (const dependent of entry.dependentPackages ?? []) {
    const rows = byDependent.get(dependent.name) ?? [];
    rows.push({ name, ...entry, jump: jump(entry.current, entry.latest) });
    byDependent.set(dependent.name, rows);
  }
}

if (byDependent.size === 0) console.log('Every dependency is on its latest version.');
for (const [dependent, rows] of [...byDependent].sort(([a], [b]) => a.localeCompare(b))) {
  console.log(`\n${dependent}`);
  for (const row of rows.sort((a, b) => a.name.localeCompare(b.name))) {
    const deprecated = row.isDeprecated ? ', deprecated' : '';
    const type = row.dependencyType === 'devDependencies' ? 'dev' : 'prod';
    console.log(`  ${row.name} (${type}) ${row.current} -> ${row.latest} [${row.jump}${deprecated}] wanted ${row.wanted}`);
  }
}
