#!/usr/bin/env bash
# The deadline-week load test (issue: 100 editors, 60 s, p95 < 200 ms, 0 errors, 0 lost saves).
# Starts its own PostgreSQL on 127.0.0.1:55435 (data in .data/load), seeds a generated 500-item plan and
# 100 editors, runs the app (Release, Production settings, request log off) on 127.0.0.1:5090, and drives it
# with autocannon (tests/load/deadline-week.mjs). Result: artifacts/load/result.json.
#   scripts/loadtest.sh [USERS] [SECONDS] [RATE]
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$DX_ROOT"
users=${1:-100} seconds=${2:-60} rate=${3:-50} port=55435 app_port=5090

dx_require_dotnet
dx_apt_install postgresql
dx_npm_install
dx_pg_stop load
rm -rf "$DX_ROOT/.data/load" "$DX_ROOT/.data/load.run"
dx_pg_start load "$port"
app_pid=
cleanup() { [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null; dx_pg_stop load; }
trap cleanup EXIT
dx_psql "$port" -c "CREATE DATABASE dxtracker_load"
connection="Host=127.0.0.1;Port=$port;Database=dxtracker_load;Username=postgres;Password=$DX_PG_PASSWORD;Maximum Pool Size=100"

out="$DX_ROOT/artifacts/load"
mkdir -p "$out"
dx_say "ビルドしています（Release）"
dotnet build src/DxTracker.Web -c Release --nologo -v q -clp:ErrorsOnly
dotnet build tests/DxTracker.Benchmarks -c Release --nologo -v q -clp:ErrorsOnly
dx_say "500項目の計画と ${users} 人の担当課職員を作成しています"
dotnet tests/DxTracker.Benchmarks/bin/Release/net10.0/DxTracker.Benchmarks.dll seed-load "$connection" "$users" "$out/users.json"

dx_say "アプリを起動しています（127.0.0.1:$app_port）"
ConnectionStrings__DxTracker="$connection" ASPNETCORE_URLS="http://127.0.0.1:$app_port" ASPNETCORE_ENVIRONMENT=Production \
  Serilog__MinimumLevel__Default=Warning \
  dotnet src/DxTracker.Web/bin/Release/net10.0/DxTracker.Web.dll > "$out/app.log" 2>&1 &
app_pid=$!
for _ in $(seq 60); do curl -sf "http://127.0.0.1:$app_port/health" >/dev/null 2>&1 && break; sleep 1; done

dx_say "負荷をかけます（${users} 人、${seconds} 秒、毎秒最大 ${rate} リクエスト）"
node tests/load/deadline-week.mjs "http://127.0.0.1:$app_port" "$out/users.json" "$seconds" "$rate" "$out/result.json"
