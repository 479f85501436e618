# Shared helpers for scripts/run.sh and scripts/test.sh (sourced, not run).
# They install what is missing and start a PostgreSQL of the project's own, on a fresh Debian 12 machine.

DX_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

dx_say() { printf '\033[1m[dxtracker]\033[0m %s\n' "$*" >&2; }
dx_die() { dx_say "エラー: $*"; exit 1; }

dx_as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"
  elif command -v sudo >/dev/null; then sudo "$@"
  else dx_die "root 権限が必要です（sudo がありません）: $*"
  fi
}

# Installs the Debian packages that are not installed yet; does nothing when all are present.
dx_apt_install() {
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  dx_say "Debian パッケージをインストールします: ${missing[*]}"
  dx_as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive dx_as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

dx_require_dotnet() {
  command -v dotnet >/dev/null || dx_die ".NET 10 SDK が見つかりません。https://learn.microsoft.com/dotnet/core/install/linux-debian を参照してインストールしてください。"
}

# npm packages for the CSS build and the accessibility tests (node and npm from Debian when missing).
dx_npm_install() {
  command -v npm >/dev/null || dx_apt_install nodejs npm
  if [ ! -f "$DX_ROOT/node_modules/.package-lock.json" ] || [ "$DX_ROOT/package-lock.json" -nt "$DX_ROOT/node_modules/.package-lock.json" ]; then
    dx_say "npm パッケージをインストールします"
    # npm ci rejects this lock file with npm 11 (it omits tailwind's optional per-platform packages),
    # so install from the lock without rewriting it.
    (cd "$DX_ROOT" && npm install --no-audit --no-fund --no-save --loglevel=error)
  fi
}

dx_pg_bin() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -n "$dir" ] || dx_die "PostgreSQL のサーバーが見つかりません。"
  echo "$dir"
}

# Runs a command as the owner of the database files: Debian's unprivileged 'postgres' user when we are
# root (initdb refuses to run as root), the current user otherwise.
dx_pg_run() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# dx_pg_start NAME PORT: starts (creating on first use) a cluster kept in .data/NAME, listening on
# 127.0.0.1:PORT only. Sets DX_PG_PASSWORD (the superuser 'postgres' password, kept in .data/NAME.password).
dx_pg_start() {
  local name=$1 port=$2 bin base data pwfile sock
  bin=$(dx_pg_bin)
  base="$DX_ROOT/.data"
  mkdir -p "$base" && chmod 755 "$base"
  if [ "$(id -u)" = 0 ] && ! runuser -u postgres -- test -x "$base"; then
    # The repository lies where the postgres user cannot reach (e.g. under /root): keep the data beside it.
    base="/var/lib/dxtracker/$(echo "$DX_ROOT" | md5sum | cut -c1-8)"
    mkdir -p "$base" && chmod 755 "$base" /var/lib/dxtracker
    dx_say "postgres ユーザーがリポジトリに入れないため、データを $base に置きます"
  fi
  data="$base/$name" pwfile="$base/$name.password" sock="$base/$name.run"
  if [ ! -s "$pwfile" ]; then
    (umask 077; head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' > "$pwfile")
  fi
  [ "$(id -u)" = 0 ] && chown postgres "$pwfile"
  DX_PG_PASSWORD=$(cat "$pwfile")
  mkdir -p "$sock"
  [ "$(id -u)" = 0 ] && chown postgres "$sock"
  if [ ! -f "$data/PG_VERSION" ]; then
    dx_say "PostgreSQL のデータベースを作成します: $data"
    mkdir -p "$data"
    [ "$(id -u)" = 0 ] && chown postgres "$data"
    dx_pg_run "$bin/initdb" -D "$data" -U postgres --pwfile="$pwfile" --auth-local=trust --auth-host=scram-sha-256 \
      --encoding=UTF8 --locale=C.UTF-8 >/dev/null
  fi
  if dx_pg_run "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    return 0
  fi
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    dx_die "ポート $port はほかのプログラムが使用しています。ConnectionStrings__DxTracker で既存の PostgreSQL を指定するか、そのプログラムを止めてください。"
  fi
  dx_say "PostgreSQL を起動します（127.0.0.1:$port）"
  dx_pg_run "$bin/pg_ctl" -D "$data" -l "$sock/postgres.log" -w -t 60 \
    -o "-p $port -k $sock -c listen_addresses=127.0.0.1 ${DX_PG_OPTIONS:-}" start >/dev/null \
    || { tail -n 20 "$sock/postgres.log" >&2; dx_die "PostgreSQL を起動できませんでした（ログ: $sock/postgres.log）"; }
  DX_PG_DATA=$data
}

# dx_pg_destroy NAME: stops the cluster and removes its data, password and socket folder (tests' throwaway clusters).
dx_pg_destroy() {
  local name=$1 base
  dx_pg_stop "$name"
  for base in "$DX_ROOT/.data" "/var/lib/dxtracker/$(echo "$DX_ROOT" | md5sum | cut -c1-8)"; do
    rm -rf "${base:?}/$name" "${base:?}/$name.password" "${base:?}/$name.run"
  done
}

dx_pg_stop() {
  local name=$1 bin data
  bin=$(dx_pg_bin)
  for data in "$DX_ROOT/.data/$name" "/var/lib/dxtracker/$(echo "$DX_ROOT" | md5sum | cut -c1-8)/$name"; do
    if [ -f "$data/postmaster.pid" ]; then
      dx_say "PostgreSQL を停止します"
      dx_pg_run "$bin/pg_ctl" -D "$data" -m fast -w stop >/dev/null 2>&1 || true
    fi
  done
}

# dx_psql PORT SQL...: runs SQL as the superuser over TCP.
dx_psql() {
  local port=$1; shift
  PGPASSWORD="$DX_PG_PASSWORD" "$(dx_pg_bin)/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 -qAt "$@"
}
