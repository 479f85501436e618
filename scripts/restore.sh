#!/usr/bin/env bash
# Restores a backup made by scripts/backup.sh into an empty database (created when missing), in one transaction:
# it either restores everything or nothing.
#   scripts/restore.sh FILE
# The target: DXTRACKER_RESTORE_DB as a libpq connection string naming the database ("host=… dbname=dxtracker …"), or
# PGHOST/PGPORT/PGDATABASE/PGUSER/PGPASSWORD. A database that already has tables is refused (restore into a new one,
# then point the app's ConnectionStrings__DxTracker at it). After a restore, start the app as usual; with
# Database__MigrateOnStartup=true a backup from an older version is brought up to date by its migrations.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

file=${1:?使い方: scripts/restore.sh バックアップファイル}
[ -s "$file" ] || dx_die "バックアップファイルがありません: $file"
bin=$(dx_pg_bin)
conn=${DXTRACKER_RESTORE_DB:-}
"$bin/pg_restore" --list "$file" >/dev/null || dx_die "バックアップファイルとして読み取れません: $file"

db=$("$bin/psql" -XAtq ${conn:+"--dbname=$conn"} -c 'select current_database()' 2>/dev/null || true)
if [ -z "$db" ]; then
  # The database does not exist yet: create it through the server's maintenance database.
  name=$(sed -n 's/.*dbname=\([^ ]*\).*/\1/p' <<<"$conn")
  name=${name:-${PGDATABASE:-}}
  [ -n "$name" ] || dx_die "復元先のデータベース名がありません（DXTRACKER_RESTORE_DB に dbname=… を指定してください）"
  dx_say "データベース $name を作成します"
  "$bin/psql" -XAtq ${conn:+"--dbname=${conn/dbname=$name/dbname=postgres}"} -c "create database \"$name\" encoding 'UTF8' template template0" >/dev/null
fi
tables=$("$bin/psql" -XAtq ${conn:+"--dbname=$conn"} -c "select count(*) from pg_tables where schemaname = 'public'")
[ "$tables" = 0 ] || dx_die "復元先のデータベースには既にテーブルがあります（${tables} 個）。空のデータベースを指定してください。"

dx_say "復元しています: $file"
"$bin/pg_restore" --no-owner --no-privileges --exit-on-error --single-transaction ${conn:+"--dbname=$conn"} "$file"
dx_say "復元しました（テーブル $("$bin/psql" -XAtq ${conn:+"--dbname=$conn"} -c "select count(*) from pg_tables where schemaname = 'public'") 個）"
