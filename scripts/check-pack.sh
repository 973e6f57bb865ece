#!/usr/bin/env bash
# The npm package works on a clean machine (issue #11 item 17): pack it (prepack rebuilds dist/cli), check what the
# tarball holds, install it into an empty temporary project with --offline (the bundle has no dependencies, so
# nothing is fetched), and run it through npx. Run it as `npm run check-pack`, so the project's Node 24 is on PATH.
set -euo pipefail
cd "$(dirname "$0")/.."

work=$(mktemp -d "${TMPDIR:-/tmp}/mta-sts-drift-pack.XXXXXX")
trap 'rm -rf "$work"' EXIT

echo "packing"
npm pack --pack-destination "$work" --loglevel=error >/dev/null
tarball=$(echo "$work"/mta-sts-drift-*.tgz)
[ -f "$tarball" ] || { echo "npm pack wrote no tarball" >&2; exit 1; }

# Only the CLI bundle and the documents: no tests, no sources, no Action bundle.
unexpected=$(tar -tzf "$tarball" | grep -Ev '^package/(package\.json|README\.md|LICENSE|CHANGELOG\.md|dist/cli/[^/]+)$' || true)
if [ -n "$unexpected" ]; then
  echo "unexpected files in the package:" >&2
  echo "$unexpected" >&2
  exit 1
fi
tar -tzf "$tarball" | grep -x 'package/dist/cli/index.js' >/dev/null || { echo "the package has no dist/cli/index.js" >&2; exit 1; }
echo "$(tar -tzf "$tarball" | wc -l) files, $(du -k "$tarball" | cut -f1) KiB: $(basename "$tarball")"

app="$work/app"
mkdir "$app"
cd "$app"
echo '{ "name": "clean-machine", "version": "1.0.0", "private": true }' >package.json
npm install --offline --no-audit --no-fund --loglevel=error "$tarball"
installed=$(find node_modules -mindepth 1 -maxdepth 1 ! -name '.*' | wc -l)
[ "$installed" -eq 1 ] || { echo "installing pulled in other packages: $(ls node_modules)" >&2; exit 1; }

run() { echo "\$ npx mta-sts-drift $*" >&2; npx --no-install mta-sts-drift "$@"; }
run --version | grep -E '^mta-sts-drift [0-9]+\.[0-9]+\.[0-9]+$'
run check --help | grep -- '--fail-on LEVEL'
run lint sts-record 'v=STSv1; id=20261123T1200'
printf 'version: STSv1\nmode: enforce\nmx: mx1.example.com\nmax_age: 604800\n' >policy.txt
run lint policy policy.txt --mx mx1.example.com
# An invalid record must fail with exit 1, not crash.
status=0
run lint tlsrpt-record 'v=TLSRPTv1; rua=ftp://example.com' >/dev/null || status=$?
[ "$status" -eq 1 ] || { echo "lint of an invalid record exited $status, expected 1" >&2; exit 1; }
echo "the packed CLI works through npx"
