#!/usr/bin/env bash
# Comments at scale (issue 13): one gallery post with COMMENTS (10,000) comments in a realistic tree (~20 % roots, replies
# to recent and to popular comments, a few long conversations 50-200 deep), posted over HTTP by `Picshelf.Bench
# seed-comments` (bench/Picshelf.Bench/CommentSeed.cs, fixed random seed: the same tree on both providers), then for each of
# SQLite and PostgreSQL:
#   the latency (median and p99, wrk --latency, TREE_CONNECTIONS (1) connection) of the whole tree,
#   GET /3/gallery/{id}/comments/best, and
#   replies at REPLY_CONNECTIONS (16) connections: POST /3/comment/{id} to random seeded comments by 16 accounts
#   (bench/comment-reply.lua): req/s, median and p99.
# Target (issue): the tree's p99 < 50 ms, on both providers.
#
# Run from the repository root:   bench/comments.sh
#                                  COMMENTS=2000 ROUNDS=1 DURATION=3 REPLY_DURATION=3 bench/comments.sh   (smoke test)
# Knobs: COMMENTS (10000), PROVIDERS ("sqlite postgres"), ROUNDS (3), DURATION (8 s of tree requests per round), WARMUP (3 s),
# TREE_CONNECTIONS (1), REPLY_CONNECTIONS (16), REPLY_DURATION (8 s per round; ROUNDS rounds, after every tree round),
# SEED_CONCURRENCY (8 requests at a time while seeding), PORT_BASE (18680; uses +0..+2), PG_OPTS (postgres options;
# default shared_buffers=512MB), RESULT_NAME (comments), SKIP_BUILD, SERVER_ENV.
# Picshelf and PostgreSQL on CPU 0, wrk and the seeder on CPU 1. Everything listens on 127.0.0.1 only; every process
# started is stopped on exit. Each run starts from empty databases (seeding takes well under a minute); only the
# PostgreSQL cluster (initdb) is kept, in bench/work/comments-cache/pg-cluster.
# Report: bench/results/$RESULT_NAME.md (+ -samples.tsv); raw wrk output and logs: bench/work/run-comments/.
set -euo pipefail

COMMENTS=${COMMENTS:-10000}
PROVIDERS=${PROVIDERS:-sqlite postgres}
ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-8}
WARMUP=${WARMUP:-3}
TREE_CONNECTIONS=${TREE_CONNECTIONS:-1}
REPLY_CONNECTIONS=${REPLY_CONNECTIONS:-16}
REPLY_DURATION=${REPLY_DURATION:-8}
SEED_CONCURRENCY=${SEED_CONCURRENCY:-8}
PORT_BASE=${PORT_BASE:-18680}
PG_OPTS=${PG_OPTS:--c shared_buffers=512MB}
RESULT_NAME=${RESULT_NAME:-comments}
ACCOUNTS=16

PGDIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/work/comments-cache/pg-cluster
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
PG_PORT=$((PORT_BASE + 2))

stop_pg() { # pg_ctl daemonizes: the postmaster is not in PIDS
  [ -n "$PGBIN" ] && [ -f "$PGDIR/data/postmaster.pid" ] || return 0
  (cd / && runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGDIR/data" -m fast -w -t 60 stop >/dev/null 2>&1) \
    || log "warning: pg_ctl stop failed (data dir $PGDIR/data)"
}

# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh" run-comments
stop_pg   # a previous run killed with SIGKILL may have left its PostgreSQL running
CLEANUP_HOOKS+=(stop_pg)
for tool in python3 runuser; do command -v "$tool" >/dev/null || die "$tool is missing"; done

fresh_run
: >"$RUN/seeding.tsv"
: >"$RUN/tree.tsv"

start_pg() {
  [ -n "$PGBIN" ] && [ -x "$PGBIN/initdb" ] || die "PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin"
  port_free "$PG_PORT" || die "port $PG_PORT is in use (set PORT_BASE)"
  if [ ! -f "$PGDIR/data/PG_VERSION" ]; then
    rm -rf "$PGDIR"
    mkdir -p "$(dirname "$PGDIR")"
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

# wait_cpu0_idle: until CPU 0 (Picshelf, PostgreSQL) is under 10 % busy for 0.5 s, at most 60 s.
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

cli() { env "${DB_ENV[@]}" DOTNET_CLI_TELEMETRY_OPTOUT=1 dotnet "$PUBLISH/Picshelf.dll" "$@" --data "$DATA"; }

# tree_check PROVIDER PORT -> appends provider, HTTP code, comments counted, roots, max depth, bytes, seconds to tree.tsv
tree_check() {
  local out=$RUN/tree-$1.json code bytes seconds
  read -r code bytes seconds < <(curl -s -o "$out" -w '%{http_code} %{size_download} %{time_total}\n' --max-time 60 \
    -H "Authorization: Client-ID $CID" "http://127.0.0.1:$2/3/gallery/$POST/comments/best")
  [ "$code" = 200 ] || die "$1: the tree answered HTTP $code: $(head -c 300 "$out")"
  local counts
  counts=$(python3 -c 'import json, sys
data = json.load(open(sys.argv[1]))["data"]
n = deepest = 0
stack = [(c, 0) for c in data]
while stack:
    c, d = stack.pop()
    n += 1
    deepest = max(deepest, d)
    stack.extend((k, d + 1) for k in c.get("children") or [])
print(n, len(data), deepest)' "$out") || die "$1: the tree is not the JSON expected (see $out)"
  read -r n roots deepest <<<"$counts"
  log "  $1 tree: HTTP $code, $n comments ($roots roots, $deepest deepest), $bytes bytes, $seconds s"
  [ "$n" = "$COMMENTS" ] || die "$1: the tree holds $n comments, not $COMMENTS"
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$code" "$n" "$roots" "$deepest" "$bytes" "$seconds" >>"$RUN/tree.tsv"
}

# ---------------------------------------------------------------- measure one provider
measure() {
  local provider=$1 port=$2 v
  DATA=$RUN/data-$provider
  mkdir -p "$DATA"
  case $provider in
    sqlite)
      DB_ENV=("Database__ConnectionString=Data Source=$DATA/picshelf.db") ;;
    postgres)
      start_pg
      psql_ -d postgres -c 'DROP DATABASE IF EXISTS picshelf_comments' -c 'CREATE DATABASE picshelf_comments' >/dev/null
      DB_ENV=(Database__Provider=postgres "Database__ConnectionString=Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=picshelf_comments;Maximum Pool Size=100") ;;
  esac

  log "$provider: a client, $ACCOUNTS accounts and their tokens (Picshelf.dll clients/users/tokens create)"
  CID=$(cli clients create --name bench 2>"$RUN/cli.err" | sed -n 's/.*"client_id":"\([^"]*\)".*/\1/p')
  [ -n "$CID" ] || die "clients create failed: $(head -c 300 "$RUN/cli.err")"
  TOKENS=$RUN/tokens-$provider.txt
  # 4 at a time (each CLI call is a .NET start and a password hash: ~2 s)
  account() {
    cli users create --username "bench$1" --email "bench$1@example.com" --password "bench-password-$1" >/dev/null 2>"$RUN/cli-$1.err" \
      && cli tokens create --client-id "$CID" --username "bench$1" 2>>"$RUN/cli-$1.err" \
        | sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p' >"$RUN/token-$provider-$1.txt"
  }
  for v in $(seq 1 "$ACCOUNTS"); do
    account "$v" &
    [ $(( v % 4 )) != 0 ] || wait
  done
  wait
  for v in $(seq 1 "$ACCOUNTS"); do cat "$RUN/token-$provider-$v.txt" 2>/dev/null; done >"$TOKENS"
  [ "$(grep -c . "$TOKENS")" = "$ACCOUNTS" ] || die "users/tokens create failed: $(cat "$RUN"/cli-*.err | tail -c 400)"

  # A post holds Comments:MaxPerPost comments (10,000 by default): the replies measured come on top of the seeded ones.
  start_server "$provider" "$port" "$DATA" "${DB_ENV[@]}" Comments__MaxPerPost=1000000
  local pid_var="PID_$provider"; local pid=${!pid_var}
  local token1; token1=$(head -1 "$TOKENS")

  local body image
  body=$(curl -sS --max-time 120 -H "Authorization: Bearer $token1" -F "image=@$IMAGES/serve.jpg" "http://127.0.0.1:$port/3/image")
  image=$(sed -n 's/^{"data":{"id":"\([^"]*\)".*/\1/p' <<<"$body")
  [ -n "$image" ] || die "upload failed: ${body:0:300}"
  body=$(curl -sS --max-time 60 -H "Authorization: Bearer $token1" --data-urlencode "title=A post with $COMMENTS comments" -d terms=1 \
    "http://127.0.0.1:$port/3/gallery/image/$image")
  case $body in *'"success":true'*) ;; *) die "sharing $image failed: ${body:0:300}";; esac
  POST=$image

  log "$provider: seeding $COMMENTS comments on post $POST over HTTP ($SEED_CONCURRENCY at a time)"
  local t0; t0=$(date +%s.%N)
  taskset -c 1 dotnet "$TOOL/Picshelf.Bench.dll" seed-comments "http://127.0.0.1:$port" "$POST" "$TOKENS" "$COMMENTS" "$SEED_CONCURRENCY" \
    "$RUN/seed-$provider" 2>&1 | tee "$RUN/seed-$provider.log" >&2
  [ "${PIPESTATUS[0]}" = 0 ] && [ -f "$RUN/seed-$provider/seed.env" ] || die "seeding $provider failed"
  local seconds; seconds=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
  # shellcheck disable=SC1091
  ( source "$RUN/seed-$provider/seed.env"; printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$provider" "$seconds" "$SEED_PER_SECOND" \
      "$SEED_COMMENTS" "$SEED_ROOTS" "$SEED_MAX_DEPTH" "$SEED_MEAN_DEPTH" "$SEED_LONG_TAILS" "$SEED_MAX_REPLIES" "$SEED_LEAVES" ) >>"$RUN/seeding.tsv"

  log "$provider: checking the tree"
  tree_check "$provider" "$port"

  local tree_url="http://127.0.0.1:$port/3/gallery/$POST/comments/best"
  one_round() { # ROUND SECONDS
    wait_cpu0_idle
    run_wrk "$1" "$provider:tree" "$tree_url" -t1 -c"$TREE_CONNECTIONS" -d"$2s" -H "Authorization: Client-ID $CID"
  }
  run_rounds

  # Replies last: each adds a comment to the tree measured above.
  export REPLY_IDS=$RUN/seed-$provider/comment-ids.txt REPLY_TOKENS=$TOKENS
  local r cpu0 cpu1
  cpu0=$(awk '{ print $14 + $15 }' "/proc/$pid/stat")
  for r in $(seq "$ROUNDS"); do
    log "$provider: replies round $r/$ROUNDS, $REPLY_CONNECTIONS connections for ${REPLY_DURATION}s"
    wait_cpu0_idle
    run_wrk "$r" "$provider:reply" "http://127.0.0.1:$port" -t2 -c"$REPLY_CONNECTIONS" -d"${REPLY_DURATION}s" -s "$BENCH/comment-reply.lua"
  done
  cpu1=$(awk '{ print $14 + $15 }' "/proc/$pid/stat")
  echo "$provider replies: Picshelf CPU s $(( (cpu1 - cpu0) / $(getconf CLK_TCK) ))" >>"$RUN/cpu.txt"

  log "$provider: the tree after the replies"
  local after; after=$(curl -s --max-time 60 -H "Authorization: Client-ID $CID" "http://127.0.0.1:$port/3/gallery/$POST/comments/count")
  echo "$provider: comments after the replies: $after" >>"$RUN/cpu.txt"

  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  if [ "$provider" = postgres ]; then stop_pg; fi
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
  echo "# A post with $(fmt0 "$COMMENTS") comments: bench/comments.sh"
  echo
  echo "$(date -u '+%F %H:%M UTC'), commit $COMMIT"
  echo
  echo "Machine: $(machine), PostgreSQL $pgver."
  echo "Picshelf$( [[ " $PROVIDERS " == *" postgres "* ]] && echo " and PostgreSQL") on CPU 0, wrk and the seeder on CPU 1. Tree: \`wrk -t1 -c$TREE_CONNECTIONS --latency\`, $ROUNDS rounds x ${DURATION}s after a ${WARMUP}s warm-up round;"
  echo "replies: \`wrk -t2 -c$REPLY_CONNECTIONS --latency -s bench/comment-reply.lua\`, $ROUNDS rounds x ${REPLY_DURATION}s, after the tree's rounds."
  echo "p50 and p99 are the medians over the rounds (the worst round's p99 in brackets). PostgreSQL options: \`$PG_OPTS\`."
  echo
  echo "| provider | measure | p50 ms | p99 ms (worst round) | req/s | target | result |"
  echo "|---|---|---|---|---|---|---|"
  for provider in $PROVIDERS; do
    l="$provider:tree"
    p50=$(col "$l" 4 | median); p99=$(col "$l" 5 | median); worst=$(col "$l" 5 | sort -g | tail -1); rps=$(col "$l" 3 | median)
    res=$(verdict "$p99" lt 50)
    [ "$(errors_of "$l")" = 0 ] || res="$res (non-2xx/errors: $(errors_of "$l"))"
    echo "| $provider | tree \`GET /3/gallery/{id}/comments/best\`, $(fmt0 "$COMMENTS") comments | $(fmt2 "$p50") | $(fmt2 "$p99") ($(fmt2 "$worst")) | $(fmt1 "$rps") | p99 < 50 ms | $res |"
    l="$provider:reply"
    p50=$(col "$l" 4 | median); p99=$(col "$l" 5 | median); worst=$(col "$l" 5 | sort -g | tail -1); rps=$(col "$l" 3 | median)
    echo "| $provider | reply \`POST /3/comment/{id}\`, $REPLY_CONNECTIONS connections, $ACCOUNTS accounts | $(fmt2 "$p50") | $(fmt2 "$p99") ($(fmt2 "$worst")) | **$(fmt0 "$rps")** | — | non-2xx/errors: $(errors_of "$l") |"
  done
  echo
  echo "## The tree"
  echo
  echo "| provider | seeding s | comments/s while seeding | comments | roots | deepest | mean depth | long conversations | most replies to one comment | leaves | tree checked: comments, JSON bytes, first request s |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|"
  awk -F'\t' 'NR == FNR { t[$1] = $3 ", " $6 ", " $7; next } { printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, t[$1] }' \
    "$RUN/tree.tsv" "$RUN/seeding.tsv"
  echo
  echo "Seeded over HTTP by \`Picshelf.Bench seed-comments\` (bench/Picshelf.Bench/CommentSeed.cs; $SEED_CONCURRENCY requests at a time,"
  echo "a reply waits for its parent's id), authors at random among $ACCOUNTS accounts, the same tree on both providers (fixed"
  echo "random seed): ~20 % roots, ~10 % in long conversations (each reply answers the previous one, 50-200 deep, up to 4 at"
  echo "once), the rest replying half the time to a recent comment (mean 300 comments back), half the time to one chosen in"
  echo "proportion to its replies + 1. The tree was fetched and counted (recursively, every level's \`children\`) before measuring."
  echo "Replies go to random seeded comments; the post had $(sed -n 's/.*comments after the replies: .*"data":\([0-9]*\).*/\1/p' "$RUN/cpu.txt" | paste -sd/ -) comments after them (the tree's rounds all ran before)."
} >"$REPORT"
cat "$REPORT" >&2
log "report: $REPORT"
