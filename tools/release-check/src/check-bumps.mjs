// Compares two workspace-versions.mjs snapshots around one `changeset version`
// run in which only <package> had a changeset of type <bump>, and fails unless
// the version plan went exactly as far as needed:
// - <package> moved by <bump>;
// - a package whose `dependencies` range no longer accepts the new version got
//   a patch release (pnpm rewrites its `workspace:^` to the new version at publish);
// - every other package kept its version.
//
// Usage: node check-bumps.mjs <before.json> <after.json> <package> <patch|minor|major>
import { readFileSync } from 'node:fs';
import semver from 'semver';

const [beforeFile, afterFile, changed, bump] = process.argv.slice(2);
const before = JSON.parse(readFileSync(beforeFile, 'utf8'));
const after = JSON.parse(readFileSync(afterFile, 'utf8'));
const failures = [];

const expectedChanged = semver.inc(before[changed].version, bump);
const newVersion = after[changed].version;
if (newVersion !== expectedChanged) failures.push(`${changed}: expected ${expectedChanged}, found ${newVersion}`);

for (const [name, entry] of Object.entries(before)) {
  if (name === changed) continue;
  const range = entry.dependencies[changed];
  const leavesRange = range !== undefined && !semver.satisfies(newVersion, `^${before[changed].version}`);
  const expected = leavesRange ? semver.inc(entry.version, 'patch') : entry.version;
  const found = after[name]?.version;
  const reason = leavesRange ? `depends on ${changed} ${range}, which no longer accepts ${newVersion}` : 'no release needed';
  if (found !== expected) failures.push(`${name}: expected ${expected} (${reason}), found ${found}`);
  else console.log(`ok   ${name} ${entry.version} -> ${found} (${reason})`);
}
console.log(`ok   ${changed} ${before[changed].version} -> ${newVersion} (${bump} changeset)`);

for (const failure of failures) console.error(`FAIL ${failure}`);
process.exit(failures.length === 0 ? 0 : 1);
