// Checks package tarballs as consumers receive them: the file list, the packed
// package.json (publishConfig applied, workspace ranges rewritten), then
// publint and Are the Types Wrong (ESM-only profile) on the tarball itself.
//
// Usage: node check-tarballs.mjs <package.tgz>...
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const bin = (name) => fileURLToPath(new URL(`../node_modules/.bin/${name}`, import.meta.url));
const REQUIRED_FILES = ['package.json', 'README.md', 'CHANGELOG.md', 'dist/index.js', 'dist/index.d.ts'];
const ALLOWED_FILE = /^(package\.json|README\.md|CHANGELOG\.md|dist\/.+\.(js|d\.ts))$/;
const DEPENDENCY_FIELDS = ['dependencies', 'peerDependencies', 'optionalDependencies'];

function run(command, args) {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  if (result.error) throw result.error;
  return result;
}

/** Lists the paths inside a tarball, without the leading `package/`. */
function listTarball(tarball) {
  const result = run('tar', ['-tzf', tarball]);
  if (result.status !== 0) throw new Error(`tar could not read ${tarball}: ${result.stderr}`);
  return result.stdout.split('\n').filter(Boolean).map((path) => path.replace(/^package\//, ''));
}

/** Collects every string target of an `exports` map. */
function exportTargets(exports) {
  if (typeof exports === 'string') return [exports];
  if (exports === null || typeof exports !== 'object') return [];
  return Object.values(exports).flatMap(exportTargets);
}

function checkManifest(manifest, files, fail) {
  if (manifest.type !== 'module') fail(`"type" must be "module", found ${JSON.stringify(manifest.type)}`);
  if (!manifest.engines?.node) fail('"engines.node" is missing');
  if (manifest.sideEffects === undefined) fail('"sideEffects" is missing');
  const expectedDirectory = `packages/${manifest.name.replace(/^@proj\//, '')}`;
  if (manifest.repository?.directory !== expectedDirectory) {
    fail(`"repository.directory" must be ${expectedDirectory}, found ${JSON.stringify(manifest.repository?.directory)}`);
  }
  if (manifest.publishConfig?.exports) fail('publishConfig.exports was not applied: pack with pnpm, not npm');
  const exportsText = JSON.stringify(manifest.exports ?? {});
  if (exportsText.includes('@proj/source') || exportsText.includes('/src/')) {
    fail(`"exports" still points at sources: ${exportsText}`);
  }
  for (const target of exportTargets(manifest.exports)) {
    if (!files.includes(target.replace(/^\.\//, ''))) fail(`"exports" target ${target} is not in the tarball`);
  }
  for (const field of DEPENDENCY_FIELDS) {
    for (const [name, range] of Object.entries(manifest[field] ?? {})) {
      if (String(range).startsWith('workspace:')) fail(`${field}.${name} is still ${range}`);
    }
  }
}

function checkTarball(tarball) {
  const problems = [];
  const fail = (message) => problems.push(message);
  const files = listTarball(tarball);

  for (const required of REQUIRED_FILES) {
    if (!files.includes(required)) fail(`${required} is missing`);
  }
  for (const file of files) {
    if (!ALLOWED_FILE.test(file) || /\.test\./.test(file)) fail(`unexpected file ${file}`);
  }

  const unpacked = mkdtempSync(join(tmpdir(), 'release-check-'));
  try {
    run('tar', ['-xzf', tarball, '-C', unpacked]);
    const manifest = JSON.parse(readFileSync(join(unpacked, 'package', 'package.json'), 'utf8'));
    checkManifest(manifest, files, fail);
  } finally {
    rmSync(unpacked, { recursive: true, force: true });
  }

  const publint = run(bin('publint'), ['run', tarball, '--strict']);
  if (publint.status !== 0) fail(`publint found problems:\n${publint.stdout}${publint.stderr}`);
  const attw = run(bin('attw'), [tarball, '--profile', 'esm-only', '--no-color']);
  if (attw.status !== 0) fail(`attw found problems:\n${attw.stdout}${attw.stderr}`);

  return { files, problems };
}

const tarballs = process.argv.slice(2);
if (tarballs.length === 0) {
  console.error('check-tarballs: pass at least one .tgz file');
  process.exit(1);
}
let failed = 0;
for (const tarball of tarballs) {
  const { files, problems } = checkTarball(tarball);
  console.log(`${problems.length === 0 ? 'ok  ' : 'FAIL'} ${tarball}: ${files.length} files`);
  for (const problem of problems) console.error(`  ${problem}`);
  if (problems.length > 0) failed += 1;
}
console.log(`tarballs: ${tarballs.length - failed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
