#!/usr/bin/env bash
# Deploys every app with `pnpm deploy --prod` into a temp folder, as the
# Dockerfiles do, then starts each deployed folder and checks its replies.
# Needs the apps and packages built first (`pnpm build`).
# Usage: tools/release-check/deploy-apps.sh
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
tool="$root/tools/release-check"
pnpm=(npx -y pnpm@10.34.9)
work=$(mktemp -d "${TMPDIR:-/tmp}/app-deploy.XXXXXX")
cleanup() {
  local status=$?
  rm -rf "$work"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# The checks run the apps as an unprivileged user when started as root, and
# that user must be able to reach the deployed folders.
chmod 755 "$work"

cd "$root"
for dir in apps/*/; do
  app=$(basename "$dir")
  printf '\n=== deploy: %s\n' "$app"
  "${pnpm[@]}" --filter="@proj/$app" deploy --prod "$work/$app" >"$work/$app.deploy.log" 2>&1 \
    || { tail -n 30 "$work/$app.deploy.log"; exit 1; }
  echo "deployed to $work/$app ($(du -sh "$work/$app" | cut -f1))"
  node "$tool/src/check-deployed-app.mjs" "$app" "$work/$app" "$root"
done
