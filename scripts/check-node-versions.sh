#!/usr/bin/env bash
# The CLI on each Node release (issue #11 item 3): installs Node 18 and 20 (to be refused with one line) and Node
# 22.13.0 (the oldest supported) and the latest 22 (to run) from the npm registry's `node` package into a
# temporary folder, never into the project, then runs test/runtime.test.ts against the bundle with them. Run it as
# `npm run check-node-versions`, so that vitest runs on the project's Node 24.
# Node 24 is the project's own (the node dev dependency). Needs only the npm registry.
set -euo pipefail
cd "$(dirname "$0")/.."

work=$(mktemp -d "${TMPDIR:-/tmp}/mta-sts-drift-nodes.XXXXXX")
trap 'rm -rf "$work"' EXIT

install_node() { # version spec -> path of its node binary
  local prefix="$work/$1"
  mkdir -p "$prefix"
  npm install --prefix "$prefix" --no-audit --no-fund --no-save --loglevel=error "node@$1" >/dev/null
  local bin="$prefix/node_modules/node/bin/node"
  "$bin" --version >/dev/null
  echo "$bin"
}

old=()
for v in 18 20; do old+=("$(install_node "$v")"); done
new=()
for v in 22.13.0 22; do new+=("$(install_node "$v")"); done
for b in "${old[@]}" "${new[@]}"; do echo "Node $("$b" --version): $b"; done

MTA_STS_DRIFT_OLD_NODES=$(IFS=:; echo "${old[*]}") \
MTA_STS_DRIFT_NODES=$(IFS=:; echo "${new[*]}") \
  npx vitest run test/runtime.test.ts --reporter=default --outputFile.json=.tmp/node-versions-results.json
