#!/usr/bin/env bash
# Runs every test project against a PostgreSQL of its own (fresh for each run) and Debian's Chromium.
# Installs what is missing. Ends with the line "N passed, N failed"; exits non-zero on any failure.
set -uo pipefail
source "$(dirname "$0")/lib.sh"
cd "$DX_ROOT"

dx_require_dotnet
# libicu72: the ja-JP culture and MudBlazor's Japanese texts need ICU (InvariantGlobalization is off).
# nginx: the failover journey runs its own (own configuration and port, as this user); the package's system service
# starts on port 80 only where that port is free (its postinst checks), and the tests never use it.
dx_apt_install postgresql chromium fonts-noto-cjk libreoffice-calc-nogui poppler-utils libicu72 nginx
dx_npm_install || dx_die "npm パッケージをインストールできませんでした"

if [ -z "${DXTRACKER_TEST_PG:-}" ]; then
  port=${DXTRACKER_TEST_PG_PORT:-55433}
  dx_pg_stop test
  rm -rf "$DX_ROOT/.data/test" "$DX_ROOT/.data/test.run" "/var/lib/dxtracker/$(echo "$DX_ROOT" | md5sum | cut -c1-8)/test"
  # A throwaway cluster: durability is not needed, speed is.
  DX_PG_OPTIONS="-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" dx_pg_start test "$port"
  trap 'dx_pg_stop test' EXIT
  export DXTRACKER_TEST_PG="Host=127.0.0.1;Port=$port;Username=postgres;Password=$DX_PG_PASSWORD"
fi
export DXTRACKER_CHROMIUM=${DXTRACKER_CHROMIUM:-$(command -v chromium || true)}

results="$DX_ROOT/artifacts/test-results"
rm -rf "$results" && mkdir -p "$results"

dx_say "ビルドしています"
if ! dotnet build DxTracker.sln --nologo -v q -clp:ErrorsOnly; then
  echo "0 passed, 1 failed"
  exit 1
fi

status=0
for project in tests/*/*.csproj; do
  name=$(basename "$project" .csproj)
  case "$name" in *Benchmarks*) continue ;; esac
  dx_say "テスト: $name"
  dotnet test "$project" --no-build --nologo --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=minimal" \
    --results-directory "$results" "$@" || status=1
done

passed=0 failed=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(echo "$counters" | sed -n 's/.* passed="\([0-9]*\)".*/\1/p')
  f=$(echo "$counters" | sed -n 's/.* failed="\([0-9]*\)".*/\1/p')
  e=$(echo "$counters" | sed -n 's/.* error="\([0-9]*\)".*/\1/p')
  passed=$((passed + ${p:-0})) failed=$((failed + ${f:-0} + ${e:-0}))
done
[ "$status" -ne 0 ] && [ "$failed" -eq 0 ] && failed=1
# Stop our database before the summary, so that the summary is the last line of the output.
if [ -n "${port:-}" ]; then dx_pg_stop test; trap - EXIT; fi
echo "$passed passed, $failed failed"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ]
