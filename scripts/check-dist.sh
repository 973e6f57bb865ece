#!/usr/bin/env bash
# Rebuild dist/ from src/ and fail when the committed bundle differs: GitHub runs dist/ exactly as committed.
set -euo pipefail
cd "$(dirname "$0")/.."
npm run --silent build >/dev/null
if ! git diff --quiet --exit-code -- dist || [ -n "$(git ls-files --others --exclude-standard -- dist)" ]; then
  echo "dist/ is out of date with src/. Run 'npm run build' and commit dist/." >&2
  git status --short -- dist >&2
  exit 1
fi
echo "dist/ is up to date."
