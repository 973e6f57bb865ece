#!/usr/bin/env bash
# The Action's bundle (dist/index.js, what `uses: ./` runs) against the demo world, the way the `action` job of
# .github/workflows/ci.yml runs it (issue #11 item 18), but in a network namespace instead of a container: the demo
# world serves ports 53, 443 and 25 on loopback addresses inside it, and the namespace's resolv.conf points at it.
# Then demo/verify-action-run.ts checks the outputs, the report and the SARIF file. Needs root (ip netns).
#
#   bash scripts/action-demo.sh
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ $(id -u) -ne 0 ]]; then
  echo "action-demo: needs root for ip netns" >&2
  exit 1
fi

ns="mtasts-action-demo-$$"
dir=$(mktemp -d /tmp/mta-sts-drift-action-demo.XXXXXX)
node=$(npm exec --no -- node -p process.execPath)
world_pid=""

cleanup() {
  if [[ -n "$world_pid" ]]; then kill "$world_pid" 2>/dev/null || true; fi
  sleep 0.5
  # Whatever is left in the namespace was started here: end it by PID.
  for pid in $(ip netns pids "$ns" 2>/dev/null || true); do kill -9 "$pid" 2>/dev/null || true; done
  ip netns del "$ns" 2>/dev/null || true
  rm -rf "/etc/netns/$ns" "$dir"
}
trap cleanup EXIT

mkdir -p "/etc/netns/$ns"
printf 'nameserver 127.0.0.1\n' > "/etc/netns/$ns/resolv.conf"
ip netns add "$ns"
ip netns exec "$ns" ip link set lo up

ip netns exec "$ns" "$node" node_modules/tsx/dist/cli.mjs demo/serve-world.ts "$dir/ca.pem" "$dir/ready" \
  > "$dir/world.log" 2>&1 &
world_pid=$!
for _ in $(seq 1 120); do
  [[ -f "$dir/ready" ]] && break
  sleep 0.5
done
[[ -f "$dir/ready" ]] || { cat "$dir/world.log"; echo "action-demo: the demo world did not start" >&2; exit 1; }

# The environment a runner gives a `uses: ./` step on a push to the default branch, with the inputs of ci.yml.
mkdir -p "$dir/workspace/demo"
cp demo/domains.yml "$dir/workspace/demo/"
printf '{"ref":"refs/heads/main","repository":{"default_branch":"main"}}\n' > "$dir/event.json"
: > "$dir/output"
: > "$dir/summary"
status=0
# The inner shell expands its own variables, inside the environment given to it (SC2016 is what is meant).
# shellcheck disable=SC2016
ip netns exec "$ns" env -i PATH="$PATH" HOME="$dir" NODE_EXTRA_CA_CERTS="$dir/ca.pem" \
  GITHUB_ACTIONS=true GITHUB_REPOSITORY=octo/mta-sts-drift GITHUB_EVENT_NAME=push GITHUB_REF=refs/heads/main \
  GITHUB_EVENT_PATH="$dir/event.json" GITHUB_WORKSPACE="$dir/workspace" GITHUB_OUTPUT="$dir/output" \
  GITHUB_STEP_SUMMARY="$dir/summary" RUNNER_TEMP="$dir" \
  INPUT_CONFIG=demo/domains.yml INPUT_GITHUB-TOKEN= INPUT_ISSUES=false INPUT_STATE=none \
  INPUT_ALLOW-PRIVATE-ADDRESSES=true INPUT_CHECK-MX-TLS=true INPUT_FAIL-ON=never INPUT_TIMEOUT=5 \
  INPUT_SARIF-FILE=mta-sts-drift.sarif INPUT_DNS-SERVER=127.0.0.1 \
  bash -c 'cd "$GITHUB_WORKSPACE" && exec "$0" "$1"' "$node" "$PWD/dist/index.js" > "$dir/action.log" 2>&1 ||
  status=$?
if [[ $status -ne 0 ]]; then
  cat "$dir/action.log"
  echo "action-demo: the Action exited with $status (fail-on: never expects 0)" >&2
  exit 1
fi

# The value of one output from GITHUB_OUTPUT's `name<<DELIMITER` blocks (single-line values).
output() { awk -v name="$1" 'index($0, name "<<") == 1 { getline; print; exit }' "$dir/output"; }
REPORT=$(output report) BOUNCING=$(output bouncing-domains) ERRORS=$(output errors) \
  ISSUES_OPENED=$(output issues-opened) SARIF="$dir/workspace/mta-sts-drift.sarif" \
  "$node" node_modules/tsx/dist/cli.mjs demo/verify-action-run.ts
