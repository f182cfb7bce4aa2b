#!/usr/bin/env bash
# Release rehearsal against a real registry, on a clone of the committed workspace:
#   1. start Verdaccio on 127.0.0.1 with storage in a temp folder and no uplinks;
#   2. version the pending changesets and publish with the root `release` script;
#   3. check the tarballs the registry serves;
#   4. prove that a patch of @proj/errors releases nothing else, and that a minor
#      of @proj/errors releases its dependents with a patch and a new range;
#   5. install the released packages in a project outside the workspace and
#      check that a WebSocket service built from them replies to a ws client.
# Usage: tools/release-check/rehearse-release.sh   (from anywhere; needs git, node, npx)
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
tool="$root/tools/release-check"
pnpm=(npx -y pnpm@10.34.9)
work=$(mktemp -d "${TMPDIR:-/tmp}/release-rehearsal.XXXXXX")
registry_pid=""

cleanup() {
  local status=$?
  if [ -n "$registry_pid" ] && kill -0 "$registry_pid" 2>/dev/null; then
    kill "$registry_pid" 2>/dev/null || true
    wait "$registry_pid" 2>/dev/null || true
  fi
  if [ "$status" -ne 0 ] && [ -f "$work/verdaccio.log" ]; then
    echo "--- last lines of the Verdaccio log"
    tail -n 20 "$work/verdaccio.log" || true
  fi
  rm -rf "$work"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

section() { printf '\n=== release rehearsal: %s\n' "$*"; }
versions() { node "$tool/src/workspace-versions.mjs" "$work/workspace"; }
version_of() { node -p "require('$work/workspace/$1/package.json').version"; }

section "start Verdaccio on loopback"
port=$(node "$tool/src/free-port.mjs")
registry="http://127.0.0.1:$port/"
mkdir -p "$work/verdaccio/storage"
cat >"$work/verdaccio/config.yaml" <<YAML
# No uplinks: the registry serves only what this run publishes to it.
storage: $work/verdaccio/storage
auth:
  htpasswd:
    file: $work/verdaccio/htpasswd
    max_users: 1
uplinks: {}
packages:
  '@proj/*':
    access: \$authenticated
    publish: \$authenticated
    unpublish: \$authenticated
  '**':
    access: \$authenticated
    publish: \$authenticated
# Signed API tokens: with the default legacy tokens, Verdaccio checks the
# bcrypt password hash on every request.
security:
  api:
    legacy: false
    jwt:
      sign:
        expiresIn: 1h
web:
  enable: false
log: { type: stdout, format: pretty, level: warn }
YAML
# Verdaccio 6 needs Node.js 22 or newer; the registry's `node` package provides
# it without touching the Node.js that runs the workspace.
verdaccio_node=$(npx -y -p node@22 -- node -p process.execPath)
"$verdaccio_node" "$tool/node_modules/verdaccio/bin/verdaccio" --config "$work/verdaccio/config.yaml" \
  --listen "127.0.0.1:$port" >"$work/verdaccio.log" 2>&1 &
registry_pid=$!
for _ in $(seq 1 100); do
  if curl -fsS "${registry}-/ping" >/dev/null 2>&1; then break; fi
  kill -0 "$registry_pid" 2>/dev/null || { echo "Verdaccio exited during start-up"; exit 1; }
  sleep 0.2
done
curl -fsS "${registry}-/ping" >/dev/null
echo "Verdaccio (pid $registry_pid) listens on $registry"

token=$(node "$tool/src/registry-user.mjs" "$registry")
npmrc="$work/npmrc"
# Only the @proj scope goes to Verdaccio, as with an internal registry; npx
# still fetches pnpm itself from the public registry.
{
  printf '@proj:registry=%s\n' "$registry"
  printf '//127.0.0.1:%s/:_authToken=%s\n' "$port" "$token"
} >"$npmrc"
chmod 600 "$npmrc"
# changeset publish reads the scope's registry from the environment, pnpm and npm from the npmrc.
publish_env=(env "NPM_CONFIG_USERCONFIG=$npmrc" "npm_config_@proj:registry=$registry")

section "clone the committed workspace and install it"
git clone -q "$root" "$work/workspace"
cd "$work/workspace"
"${pnpm[@]}" install --frozen-lockfile --prefer-offline --reporter=append-only >"$work/install.log" 2>&1 \
  || { tail -n 30 "$work/install.log"; exit 1; }

publish() {
  # The root release script: build and lint the packages, then changeset publish,
  # which publishes every package whose version the registry does not have yet.
  "${publish_env[@]}" "${pnpm[@]}" run release
}

section "round 1: version the pending changesets and publish"
versions >"$work/round0.json"
"${pnpm[@]}" exec changeset version
versions >"$work/round1.json"
for folder in packages/*/; do
  test -f "$folder/CHANGELOG.md" || { echo "FAIL $folder has no CHANGELOG.md after changeset version"; exit 1; }
done
publish

section "check the tarballs the registry serves"
mkdir -p "$work/tarballs"
for folder in packages/*/; do
  name=$(node -p "require('./$folder/package.json').name")
  version=$(version_of "$folder")
  (cd "$work/tarballs" && "${publish_env[@]}" npm pack "$name@$version" --silent >/dev/null)
done
node "$tool/src/check-tarballs.mjs" "$work"/tarballs/*.tgz

section "round 2: a patch of @proj/errors releases nothing else"
printf -- '---\n"@proj/errors": patch\n---\n\nRelease rehearsal: a patch of @proj/errors alone.\n' \
  >.changeset/rehearsal-errors-patch.md
"${pnpm[@]}" exec changeset version
versions >"$work/round2.json"
node "$tool/src/check-bumps.mjs" "$work/round1.json" "$work/round2.json" @proj/errors patch
publish

section "round 3: a minor of @proj/errors releases its dependents with a patch"
printf -- '---\n"@proj/errors": minor\n---\n\nRelease rehearsal: a minor of @proj/errors.\n' \
  >.changeset/rehearsal-errors-minor.md
"${pnpm[@]}" exec changeset version
versions >"$work/round3.json"
node "$tool/src/check-bumps.mjs" "$work/round2.json" "$work/round3.json" @proj/errors minor
publish
errors_version=$(version_of packages/errors)
server_version=$(version_of packages/server)
published_range=$("${publish_env[@]}" npm view "@proj/server@$server_version" 'dependencies.@proj/errors')
if [ "$published_range" != "^$errors_version" ]; then
  echo "FAIL published @proj/server@$server_version depends on @proj/errors '$published_range', expected '^$errors_version'"
  exit 1
fi
echo "ok   published @proj/server@$server_version depends on @proj/errors $published_range"

section "install from the registry in a project outside the workspace"
consumer="$work/consumer"
mkdir -p "$consumer"
cp "$tool/src/consumer/service.mjs" "$consumer/service.mjs"
cp "$tool/src/consumer/check-service.mjs" "$consumer/check.mjs"
cp "$npmrc" "$consumer/.npmrc"
node - "$consumer/package.json" "$work/workspace" <<'NODE'
const { writeFileSync } = require('node:fs');
const [file, workspace] = process.argv.slice(2);
const dependencies = { jsonwebtoken: '^9.0.2', ws: '^8.21.0' };
for (const name of ['errors', 'auth', 'validation', 'logger', 'server']) {
  const manifest = require(`${workspace}/packages/${name}/package.json`);
  dependencies[manifest.name] = manifest.version;
}
const manifest = { name: 'consumer-check', private: true, type: 'module', dependencies };
writeFileSync(file, `${JSON.stringify(manifest, null, 2)}\n`);
console.log(`installing ${Object.entries(dependencies).map(([name, version]) => `${name}@${version}`).join(' ')}`);
NODE
cd "$consumer"
env -u NPM_CONFIG_USERCONFIG npm install --no-audit --no-fund --loglevel=error
errors_copies=$(node -e "
  const lock = require('./package-lock.json');
  const versions = new Set(Object.entries(lock.packages).filter(([path]) => path.endsWith('node_modules/@proj/errors')).map(([, entry]) => entry.version));
  console.log([...versions].join(' '));")
if [ "$errors_copies" != "$errors_version" ]; then
  echo "FAIL the consumer resolved @proj/errors to '$errors_copies', expected one copy at $errors_version"
  exit 1
fi
echo "ok   the consumer resolved a single @proj/errors@$errors_version"
node "$tool/src/check-floors.mjs" package-lock.json

section "run a service built from the packages and check it with a ws client"
node check.mjs
