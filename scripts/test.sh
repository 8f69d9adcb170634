#!/usr/bin/env bash
# The whole test suite, from a fresh clone on Debian: installs what the tests need (npm
# packages; Debian's prometheus and prometheus-alertmanager when missing), runs every test,
# and ends with a plain "N passed, N failed" line.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
for tool in promtool prometheus; do command -v "$tool" >/dev/null || missing+=(prometheus); done
for tool in amtool prometheus-alertmanager; do command -v "$tool" >/dev/null || missing+=(prometheus-alertmanager); done
if [ "${#missing[@]}" -gt 0 ]; then
  sudo=""
  [ "$(id -u)" = 0 ] || sudo=sudo
  packages=$(printf '%s\n' "${missing[@]}" | sort -u | tr '\n' ' ')
  echo "installing Debian packages: $packages"
  $sudo apt-get update -q
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends $packages
fi

[ -x node_modules/.bin/vitest ] || npm ci --no-audit --no-fund
node scripts/bundle.mjs
# Strict TypeScript over src, tests, scripts and definitions, then the linter (Biome).
npx tsc -p tsconfig.json --noEmit
npx biome lint

report=$(mktemp)
set +e
npx vitest run --reporter=default --reporter=json --outputFile.json="$report"
status=$?
set -e
node -e '
  const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  const skipped = r.numPendingTests + r.numTodoTests;
  console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed` + (skipped ? `, ${skipped} skipped` : ""));
  if (skipped) process.exitCode = 1;
' "$report" || status=1
rm -f "$report"
exit "$status"
