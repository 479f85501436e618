#!/usr/bin/env bash
# Backs up the DxTracker database to one file (pg_dump's custom format: every table, sequence, constraint, trigger
# and the migration history; users, sessions and the audit trail included). The app keeps no state outside the
# database (data-protection keys aside: see docs/operations.md), so this file is a whole backup.
#   scripts/backup.sh FILE
# The database: DXTRACKER_BACKUP_DB as a libpq connection string ("host=… port=… dbname=… user=…"), or libpq's own
# PGHOST/PGPORT/PGDATABASE/PGUSER/PGPASSWORD (or ~/.pgpass). Safe while the app runs (one consistent snapshot).
set -euo pipefail
source "$(dirname "$0")/lib.sh"

out=${1:?使い方: scripts/backup.sh 保存先ファイル}
bin=$(dx_pg_bin)
conn=${DXTRACKER_BACKUP_DB:-}

dx_say "バックアップを作成しています: $out"
"$bin/pg_dump" --format=custom --compress=6 --no-owner --no-privileges --file="$out" ${conn:+"--dbname=$conn"}
# The archive must be readable before it counts as a backup.
entries=$("$bin/pg_restore" --list "$out" | grep -c ' TABLE DATA ' || true)
dx_say "バックアップを作成しました: $out（$(du -h "$out" | cut -f1)、テーブル ${entries} 個のデータ）"
