#!/usr/bin/env bash
# Runs DxTracker with demo data on http://localhost:5080 (or $ASPNETCORE_URLS).
# Uses the PostgreSQL given in ConnectionStrings__DxTracker, or starts one of its own with its data in .data/.
# Ctrl-C stops the app and that database; the data stays for the next run.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$DX_ROOT"

dx_require_dotnet
# ICU for the ja-JP culture (InvariantGlobalization is off).
dx_apt_install libicu72
dx_npm_install

if [ -z "${ConnectionStrings__DxTracker:-}" ]; then
  port=${DXTRACKER_DEV_PG_PORT:-55432}
  dx_apt_install postgresql
  dx_pg_start dev "$port"
  trap 'dx_pg_stop dev' EXIT
  if [ "$(dx_psql "$port" -c "SELECT 1 FROM pg_roles WHERE rolname = 'dxtracker'")" != 1 ]; then
    dx_psql "$port" -c "CREATE ROLE dxtracker LOGIN PASSWORD '$DX_PG_PASSWORD'" -c "CREATE DATABASE dxtracker OWNER dxtracker"
  fi
  export ConnectionStrings__DxTracker="Host=127.0.0.1;Port=$port;Database=dxtracker;Username=dxtracker;Password=$DX_PG_PASSWORD"
fi

export ASPNETCORE_URLS=${ASPNETCORE_URLS:-http://localhost:5080}
export ASPNETCORE_ENVIRONMENT=${ASPNETCORE_ENVIRONMENT:-Development}
export Database__MigrateOnStartup=true
export DxTracker__DemoData=true
export DxTracker__DemoScenario=true

dx_say "ビルドしています（初回は数分かかります）"
dotnet build src/DxTracker.Web --nologo -v q -clp:ErrorsOnly
dotnet run --project src/DxTracker.Web --no-build --no-launch-profile
