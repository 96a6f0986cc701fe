#!/usr/bin/env bash
# The gallery at scale: POSTS (1,000,000) posts seeded straight into the database (with votes, tags, ~5 % albums and the
# search index; bench/Picshelf.Bench/GallerySeed.cs), on SQLite and on PostgreSQL, then for each provider:
#   latency (median and p99, wrk --latency, LAT_CONNECTIONS connections) of page 1 and page 100 of hot/viral,
#   top/top/week, user/rising and a tag's page (/t/funny), and of three searches: a word, `tag:x user:y`, `(a OR b) NOT c`;
#   and votes per second with VOTE_CONNECTIONS (16) connections, 16 accounts voting up/down on random posts.
# Targets (issue): every page p99 < 20 ms, every search p99 < 50 ms, on both providers.
#
# Run from the repository root:   bench/gallery.sh                               (1M posts; seeding ~5-10 min per provider the first time)
#                                  POSTS=20000 ROUNDS=1 DURATION=3 bench/gallery.sh   (smoke test, about 3 minutes)
# Knobs: POSTS (1000000), PROVIDERS ("sqlite postgres"), SEED (auto: seed when bench/work/gallery-cache/$POSTS holds no
# seeded database of that provider or it is older than SEED_MAX_AGE hours (6; lists by week/day are relative to now);
# 1: always seed again; 0: never, fail without a cache), ROUNDS (3), DURATION (8 s per URL per round), WARMUP (3 s per URL),
# LAT_CONNECTIONS (1: the latency of one request at a time; 4 queues 4 requests on the server's one core),
# VOTE_CONNECTIONS (16), VOTE_DURATION (15 s), PORT_BASE (18580; uses +0..+2), PG_OPTS (postgres options; default
# shared_buffers=1GB, max_wal_size=4GB), RESULT_NAME (gallery), SKIP_BUILD, SERVER_ENV.
# Picshelf and PostgreSQL on CPU 0, wrk on CPU 1. Everything listens on 127.0.0.1 only; every process started is stopped on exit.
# Report: bench/results/$RESULT_NAME.md (+ -samples.tsv); raw wrk output and logs: bench/work/run-gallery/.
set -euo pipefail

POSTS=${POSTS:-1000000}
PROVIDERS=${PROVIDERS:-sqlite postgres}
SEED=${SEED:-auto}
SEED_MAX_AGE=${SEED_MAX_AGE:-6}
ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-8}
WARMUP=${WARMUP:-3}
LAT_CONNECTIONS=${LAT_CONNECTIONS:-1}
VOTE_CONNECTIONS=${VOTE_CONNECTIONS:-16}
VOTE_DURATION=${VOTE_DURATION:-15}
PORT_BASE=${PORT_BASE:-18580}
PG_OPTS=${PG_OPTS:--c shared_buffers=1GB -c max_wal_size=4GB}
RESULT_NAME=${RESULT_NAME:-gallery}

CACHE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/work/gallery-cache/$POSTS
PGDIR=$CACHE/pg-cluster   # the PostgreSQL cluster (the seeded database: $CACHE/postgres/seed)
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
PG_PORT=$((PORT_BASE + 2))

stop_pg() { # pg_ctl daemonizes: the postmaster is not in PIDS
  [ -n "$PGBIN" ] && [ -f "$PGDIR/data/postmaster.pid" ] || return 0
  (cd / && runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGDIR/data" -m fast -w -t 60 stop >/dev/null 2>&1) \
    || log "warning: pg_ctl stop failed (data dir $PGDIR/data)"
}

# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh" run-gallery
stop_pg   # a previous run killed with SIGKILL may have left its PostgreSQL running
CLEANUP_HOOKS+=(stop_pg)
for tool in python3 runuser; do command -v "$tool" >/dev/null || die "$tool is missing"; done

fresh_run "$CACHE"
SEED_LOG=$RUN/seeding.tsv
: >"$SEED_LOG"

# ---------------------------------------------------------------- the database of one provider, seeded or from the cache
# needs_seed DIR: whether DIR/seed/seed.env is missing, too old, or SEED=1
needs_seed() {
  [ "$SEED" = 1 ] && return 0
  if [ -f "$1/seed/seed.env" ]; then
    local age=$(( ($(date +%s) - $(sed -n 's/^SEED_TIME=//p' "$1/seed/seed.env")) / 3600 ))
    if [ "$age" -lt "$SEED_MAX_AGE" ] || [ "$SEED" = 0 ]; then return 1; fi
    log "the cached database in $1 is ${age} h old (SEED_MAX_AGE=$SEED_MAX_AGE): seeding again"
    return 0
  fi
  [ "$SEED" = 0 ] && die "SEED=0 but $1 holds no seeded database"
  return 0
}

start_pg() {
  [ -n "$PGBIN" ] && [ -x "$PGBIN/initdb" ] || die "PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin"
  port_free "$PG_PORT" || die "port $PG_PORT is in use (set PORT_BASE)"
  if [ ! -f "$PGDIR/data/PG_VERSION" ]; then
    rm -rf "$PGDIR"
    install -d -o postgres -g postgres "$PGDIR"
    (cd / && runuser -u postgres -- "$PGBIN/initdb" -D "$PGDIR/data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >"$RUN/initdb.log" 2>&1) \
      || { tail -20 "$RUN/initdb.log" >&2; die "initdb failed"; }
  fi
  # shellcheck disable=SC2086  # PG_OPTS is a list of options
  (cd / && taskset -c 0 runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/server.log" -w -t 120 \
    -o "-p $PG_PORT -k $PGDIR -c listen_addresses=127.0.0.1 -c max_connections=200 $PG_OPTS" start >/dev/null) \
    || { tail -20 "$PGDIR/server.log" >&2; die "PostgreSQL did not start"; }
  log "PostgreSQL $("$PGBIN/postgres" --version | awk '{ print $3 }') on 127.0.0.1:$PG_PORT (data $PGDIR/data, pid $(head -1 "$PGDIR/data/postmaster.pid"), CPU 0)"
}

psql_() { psql -X -q -h 127.0.0.1 -p "$PG_PORT" -U postgres "$@"; }

# prepare PROVIDER: sets DB_ENV (Picshelf settings), DB_DIR (cache folder), CID; seeds when needed
prepare() {
  local provider=$1 seconds
  DB_DIR=$CACHE/$provider
  case $provider in
    sqlite)
      DB_ENV=("Database__ConnectionString=Data Source=$DB_DIR/data/picshelf.db")
      CONN="Data Source=$DB_DIR/data/picshelf.db" ;;
    postgres)
      start_pg
      DB_ENV=(Database__Provider=postgres "Database__ConnectionString=Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=picshelf_bench;Maximum Pool Size=100")
      CONN="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=picshelf_bench;Command Timeout=0" ;;
  esac
  if needs_seed "$DB_DIR"; then
    log "$provider: seeding $POSTS posts"
    local t0; t0=$(date +%s.%N)
    rm -rf "$DB_DIR/data" "$DB_DIR/seed" "$DB_DIR/client_id"
    mkdir -p "$DB_DIR/data"
    if [ "$provider" = postgres ]; then
      psql_ -d postgres -c 'DROP DATABASE IF EXISTS picshelf_bench' -c 'CREATE DATABASE picshelf_bench' >/dev/null
    fi
    # clients create migrates the new database first; the images' rows need their application
    env "${DB_ENV[@]}" DOTNET_CLI_TELEMETRY_OPTOUT=1 dotnet "$PUBLISH/Picshelf.dll" clients create --name bench --data "$DB_DIR/data" 2>"$RUN/clients.err" \
      | sed -n 's/.*"client_id":"\([^"]*\)".*/\1/p' >"$DB_DIR/client_id"
    [ -s "$DB_DIR/client_id" ] || die "clients create failed: $(head -c 300 "$RUN/clients.err")"
    taskset -c 0 dotnet "$TOOL/Picshelf.Bench.dll" seed-gallery "$provider" "$CONN" "$(cat "$DB_DIR/client_id")" "$POSTS" "$DB_DIR/seed" 2>&1 \
      | tee "$RUN/seed-$provider.log" >&2
    [ "${PIPESTATUS[0]}" = 0 ] && [ -f "$DB_DIR/seed/seed.env" ] || die "seeding $provider failed"
    seconds=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.0f", b - a }')
    echo "SEED_WALL_SECONDS=$seconds" >>"$DB_DIR/seed/seed.env"
    log "$provider: seeded in $seconds s"
  else
    log "$provider: reusing the database seeded $(( ($(date +%s) - $(sed -n 's/^SEED_TIME=//p' "$DB_DIR/seed/seed.env")) / 60 )) min ago in $DB_DIR"
    # a migration added since (an index, say) applies now
    env "${DB_ENV[@]}" DOTNET_CLI_TELEMETRY_OPTOUT=1 dotnet "$PUBLISH/Picshelf.dll" migrate --data "$DB_DIR/data" >/dev/null 2>"$RUN/migrate.err" \
      || die "migrate failed: $(head -c 300 "$RUN/migrate.err")"
  fi
  if [ "$provider" = postgres ]; then
    # Earlier runs' votes cleared visibility bits that autovacuum (1 % of the table, the GalleryAutovacuum migration)
    # sets again a few minutes later; each run starts where autovacuum leaves the tables, not where the last run did.
    psql_ -d picshelf_bench -c 'VACUUM (ANALYZE) gallery_items, gallery_item_tags' >/dev/null
  fi
  CID=$(cat "$DB_DIR/client_id")
  local size
  case $provider in
    sqlite) size=$(du -sm "$DB_DIR/data" | awk '{ print $1 }') ;;
    postgres) size=$(psql_ -d picshelf_bench -Atc "SELECT pg_database_size('picshelf_bench') / 1048576") ;;
  esac
  # shellcheck disable=SC1091
  ( source "$DB_DIR/seed/seed.env"; printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$provider" "${SEED_WALL_SECONDS:-?}" "$SEED_SECONDS" "$size" \
      "$SEED_ALBUMS" "$SEED_VIRAL" "$SEED_WEEK" "$SEED_DAY" ) >>"$SEED_LOG"
}

# ---------------------------------------------------------------- the URLs measured
URLS=(
  "hot-viral-p1|/3/gallery/hot/viral/0|page"
  "hot-viral-p100|/3/gallery/hot/viral/99|page"
  "top-week-p1|/3/gallery/top/top/week/0|page"
  "top-week-p100|/3/gallery/top/top/week/99|page"
  "user-rising-p1|/3/gallery/user/rising/0|page"
  "user-rising-p100|/3/gallery/user/rising/99|page"
  "tag-p1|/3/gallery/t/funny/viral/week/0|page"
  "tag-p100|/3/gallery/t/funny/viral/week/99|page"
  "search-word|/3/gallery/search/time/all/0?q=puppy|search"
  "search-tag-user|/3/gallery/search/time/all/0?q=tag%3Afunny%20user%3Auser42|search"
  "search-or-not|/3/gallery/search/time/all/0?q=%28cat%20OR%20dog%29%20NOT%20funny|search"
)

declare -A SKIP=()   # provider:label -> why it is not measured
check_urls() { # PROVIDER PORT: every URL answers 200 with a non-empty page
  local provider=$1 port=$2 entry label path out code count seconds
  for entry in "${URLS[@]}"; do
    IFS='|' read -r label path _ <<<"$entry"
    out=$RUN/check-$provider-$label.json
    read -r code seconds < <(curl -s -o "$out" -w '%{http_code} %{time_total}\n' --max-time 60 -H "Authorization: Client-ID $CID" "http://127.0.0.1:$port$path")
    count=$(python3 -c 'import json, sys
d = json.load(open(sys.argv[1]))["data"]
print(len(d["items"] if isinstance(d, dict) else d))' "$out" 2>/dev/null || echo "?")
    log "  $provider $label: HTTP $code, $count posts, $seconds s"
    if [ "$code" != 200 ] || [ "$count" = "?" ]; then
      # measured no further (a request that times out would only measure wrk's timeout); the report says why
      SKIP["$provider:$label"]="HTTP $code after $(fmt1 "$seconds") s: $(head -c 120 "$out" | tr -d '|')"
      log "  $provider $label is left out of the measures: ${SKIP["$provider:$label"]}"
      printf '%s\t%s\t%s\n' "$provider" "$label" "HTTP $code" >>"$RUN/counts.tsv"
      continue
    fi
    # a smoke run's small gallery has no page 100; the real one must fill every page measured
    [ "$count" -gt 0 ] || [ "$POSTS" -lt 500000 ] || die "$provider $label ($path): an empty page (see $out)"
    printf '%s\t%s\t%s\n' "$provider" "$label" "$count" >>"$RUN/counts.tsv"
  done
}

# wait_cpu0_idle: until CPU 0 (Picshelf, PostgreSQL) is under 10 % busy for 0.5 s, at most 60 s. wrk stops at its duration
# but the request it aborted goes on in the server (a 2.6 s search would otherwise land on the next URL's first requests).
wait_cpu0_idle() {
  local deadline=$(( $(date +%s) + 60 )) a b
  while [ "$(date +%s)" -lt "$deadline" ]; do
    a=$(awk '$1 == "cpu0" { print $2 + $3 + $4 + $7 + $8, $2 + $3 + $4 + $5 + $6 + $7 + $8 }' /proc/stat)
    sleep 0.5
    b=$(awk '$1 == "cpu0" { print $2 + $3 + $4 + $7 + $8, $2 + $3 + $4 + $5 + $6 + $7 + $8 }' /proc/stat)
    awk -v a="$a" -v b="$b" 'BEGIN { split(a, x, " "); split(b, y, " "); exit !((y[2] - x[2]) > 0 && (y[1] - x[1]) / (y[2] - x[2]) < 0.10) }' && return 0
  done
  log "warning: CPU 0 still busy after 60 s"
}

# ---------------------------------------------------------------- measure one provider
measure() {
  local provider=$1 port=$2 entry label path r
  prepare "$provider"
  start_server "$provider" "$port" "$RUN/data-$provider" "${DB_ENV[@]}"
  local pid_var="PID_$provider"; local pid=${!pid_var}

  log "$provider: tokens for $VOTE_CONNECTIONS voters (tokens create)"
  : >"$RUN/tokens-$provider.txt"
  local voters=$(( VOTE_CONNECTIONS < 16 ? 16 : VOTE_CONNECTIONS )) v
  for v in $(seq 1 "$voters"); do
    env "${DB_ENV[@]}" DOTNET_CLI_TELEMETRY_OPTOUT=1 dotnet "$PUBLISH/Picshelf.dll" tokens create --client-id "$CID" --username "user$v" \
      --data "$RUN/data-$provider" 2>>"$RUN/tokens.err" | sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p' >>"$RUN/tokens-$provider.txt"
  done
  [ "$(grep -c . "$RUN/tokens-$provider.txt")" = "$voters" ] || die "tokens create failed: $(head -c 300 "$RUN/tokens.err")"

  log "$provider: checking every URL"
  check_urls "$provider" "$port"

  one_round() { # ROUND SECONDS
    for entry in "${URLS[@]}"; do
      IFS='|' read -r label path _ <<<"$entry"
      [ -z "${SKIP["$provider:$label"]:-}" ] || continue
      wait_cpu0_idle
      run_wrk "$1" "$provider:$label" "http://127.0.0.1:$port$path" -t1 -c"$LAT_CONNECTIONS" -d"$2s" -H "Authorization: Client-ID $CID"
    done
  }
  run_rounds

  log "$provider: votes, $VOTE_CONNECTIONS connections for ${VOTE_DURATION}s"
  wait_cpu0_idle
  local cpu0; cpu0=$(awk '{ print $14 + $15 }' "/proc/$pid/stat")
  export VOTE_IDS=$DB_DIR/seed/post-ids.txt VOTE_TOKENS=$RUN/tokens-$provider.txt
  run_wrk 1 "$provider:votes" "http://127.0.0.1:$port" -t2 -c"$VOTE_CONNECTIONS" -d"${VOTE_DURATION}s" -s "$BENCH/vote.lua"
  local cpu1; cpu1=$(awk '{ print $14 + $15 }' "/proc/$pid/stat")
  echo "$provider votes server CPU s: $(( (cpu1 - cpu0) / $(getconf CLK_TCK) ))" >>"$RUN/cpu.txt"

  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  [ "$provider" = postgres ] && stop_pg
  return 0
}

port=$PORT_BASE
for provider in $PROVIDERS; do
  case $provider in sqlite | postgres) ;; *) die "PROVIDERS: sqlite and/or postgres, not $provider";; esac
  measure "$provider" "$port"
  port=$((port + 1))
done

# ---------------------------------------------------------------- report
REPORT=$RESULTS/$RESULT_NAME.md
cp "$SAMPLES" "$RESULTS/$RESULT_NAME-samples.tsv"
pgver=$([ -n "$PGBIN" ] && "$PGBIN/postgres" --version | awk '{ print $3 }' || echo n/a)
{
  echo "# Gallery at $(fmt0 "$POSTS") posts: bench/gallery.sh"
  echo
  echo "$(date -u '+%F %H:%M UTC'), commit $COMMIT"
  echo
  echo "Machine: $(machine), SQLite $(python3 -c 'import sqlite3; print(sqlite3.sqlite_version)') (Python's; Picshelf uses the bundled e_sqlite3), PostgreSQL $pgver."
  echo "Picshelf$( [[ " $PROVIDERS " == *" postgres "* ]] && echo " and PostgreSQL") on CPU 0, wrk on CPU 1. Latency: \`wrk -t1 -c$LAT_CONNECTIONS --latency\`, $ROUNDS rounds x ${DURATION}s per URL after a ${WARMUP}s warm-up round;"
  echo "p50 and p99 are the medians over the rounds (the worst round's p99 in brackets). PostgreSQL options: \`$PG_OPTS\`."
  echo
  echo "| provider | measure | p50 ms | p99 ms (worst round) | req/s | target | result |"
  echo "|---|---|---|---|---|---|---|"
  for provider in $PROVIDERS; do
    for entry in "${URLS[@]}"; do
      IFS='|' read -r label path kind <<<"$entry"
      l="$provider:$label"
      if [ -n "${SKIP[$l]:-}" ]; then
        echo "| $provider | \`$label\` \`${path}\` | — | — | — | p99 < $([ "$kind" = page ] && echo 20 || echo 50) ms | **FAIL**: ${SKIP[$l]} |"
        continue
      fi
      p50=$(col "$l" 4 | median); p99=$(col "$l" 5 | median); worst=$(col "$l" 5 | sort -g | tail -1); rps=$(col "$l" 3 | median)
      target=$([ "$kind" = page ] && echo 20 || echo 50)
      res=$(verdict "$p99" lt "$target")
      [ "$(errors_of "$l")" = 0 ] || res="$res (non-2xx/errors: $(errors_of "$l"))"
      echo "| $provider | \`$label\` \`${path}\` | $(fmt2 "$p50") | $(fmt2 "$p99") ($(fmt2 "$worst")) | $(fmt0 "$rps") | p99 < $target ms | $res |"
    done
    l="$provider:votes"
    echo "| $provider | votes/s, $VOTE_CONNECTIONS connections, 16 accounts, random posts | $(fmt2 "$(col "$l" 4 | median)") | $(fmt2 "$(col "$l" 5 | median)") | **$(fmt0 "$(col "$l" 3 | median)")** | — | non-2xx/errors: $(errors_of "$l") |"
  done
  echo
  echo "## Data"
  echo
  echo "| provider | seeding wall time s (seeder alone) | database MB | albums | viral posts | posts in the last week | posts in the last day |"
  echo "|---|---|---|---|---|---|---|"
  awk -F'\t' '{ printf "| %s | %s (%s) | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6, $7, $8 }' "$SEED_LOG"
  echo
  echo "Posts on the first page checked before measuring (provider, URL, posts): $(awk -F'\t' '{ printf "%s %s %s; ", $1, $2, $3 }' "$RUN/counts.tsv")"
  echo
  echo "Seeded by \`Picshelf.Bench seed-gallery\` (bench/Picshelf.Bench/GallerySeed.cs): 1,000 accounts, ~5 % album posts of 3 images, 2,000 tags"
  echo "(Zipf, 1-5 a post; \`funny\` is the most used, on ~32 % of the posts), titles and half the descriptions from a 5,000-word Zipf vocabulary"
  echo "(\`puppy\` is rank 27, \`cat\`/\`dog\`/\`funny\` ranks 4-6), up to 5 vote rows a post, shared over the last year with more lately (age = year x u^1.5)."
} >"$REPORT"
cat "$REPORT" >&2
log "report: $REPORT"
