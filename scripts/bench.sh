#!/usr/bin/env bash
# Runs the page benchmarks (tests/DxTracker.Benchmarks, BenchmarkDotNet, Release build) against a PostgreSQL of
# their own on 127.0.0.1:55434 (data in .data/bench), or the one DXTRACKER_BENCH_PG names (superuser connection
# string; the benchmark recreates its database "dxtracker_bench" there). Arguments go to BenchmarkDotNet, e.g.
#   scripts/bench.sh --filter '*ItemPage*'
# or, with the first argument "import", the plan import at the given sizes (items; each in a process of its own):
#   scripts/bench.sh import 100,500,2000,5000
# or, with "load", the deadline-week HTTP load test (open arrival, the app in a process of its own on 127.0.0.1) at the
# given rates in requests per second, with the number of users and the seconds measured per rate:
#   scripts/bench.sh load 50,100,150,200,300 300 30
# or, with "upload-read", the memory an uploaded workbook's read takes (no database):
#   scripts/bench.sh upload-read
# Results: artifacts/benchmarks/results/ (Markdown, CSV, HTML). Record the figures in docs/performance.md.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$DX_ROOT"

dx_require_dotnet
dx_apt_install postgresql
dx_npm_install || dx_die "npm パッケージをインストールできませんでした"

if [ -z "${DXTRACKER_BENCH_PG:-}" ]; then
  port=${DXTRACKER_BENCH_PG_PORT:-55434}
  dx_pg_start bench "$port"
  trap 'dx_pg_stop bench' EXIT
  export DXTRACKER_BENCH_PG="Host=127.0.0.1;Port=$port;Username=postgres;Password=$DX_PG_PASSWORD"
fi

if [ "${1:-}" = upload-read ]; then
  dx_say "ベンチマークをビルドしています（Release）"
  dotnet build tests/DxTracker.Benchmarks -c Release --nologo -v q -clp:ErrorsOnly
  dx_say "取り込む Excel ファイルを読むときのメモリを計測します（ファイルごとに別のプロセス）"
  dotnet run --project tests/DxTracker.Benchmarks -c Release --no-build -- upload-read
  exit $?
fi

if [ "${1:-}" = import ] || [ "${1:-}" = load ]; then
  dx_say "ベンチマークをビルドしています（Release）"
  dotnet build tests/DxTracker.Benchmarks -c Release --nologo -v q -clp:ErrorsOnly
  if [ "$1" = import ]; then
    dx_say "計画の取り込みを計測します（計画ファイルを生成してから、大きさごとに別のプロセスで取り込みます）"
  else
    dx_say "負荷試験を実行します（アプリを別のプロセスで 127.0.0.1 に起動し、利用者ごとにログインしてから計測します）"
  fi
  dotnet run --project tests/DxTracker.Benchmarks -c Release --no-build -- "$@"
  exit $?
fi

args=("$@")
case " $* " in *" --filter "*|*" -f "*) ;; *) args+=(--filter '*') ;; esac

dx_say "ベンチマークをビルドしています（Release）"
dotnet build tests/DxTracker.Benchmarks -c Release --nologo -v q -clp:ErrorsOnly
dx_say "ベンチマークを実行します（500項目・8年度の計画を生成してから計測します）"
dotnet run --project tests/DxTracker.Benchmarks -c Release --no-build -- --artifacts "$DX_ROOT/artifacts/benchmarks" "${args[@]}"
