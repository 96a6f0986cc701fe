#!/usr/bin/env bash
# One Picshelf process versus two, both on the scale-out backends (PostgreSQL + S3 via s3rver + Redis), side by side:
#   (a) uploads per second: POST /3/image, multipart, a small JPEG (Client-ID), wrk with a Lua body;
#   (b) GET /3/image/{id} requests per second (Client-ID), wrk.
# Every request goes through the same nginx (round-robin upstream, keepalive, X-Forwarded-For as in docs/deployment.md):
# port "one" proxies to process A only, port "two" to A and B. Both processes run all the time and share one database,
# one bucket and one Redis; only the nginx port differs, so both cases see the same data and the same idle neighbours.
# Rounds are interleaved (one/two, then two/one in the next round), medians over rounds; ratio = median of per-round two/one.
# After its first load a .NET process's tiered JIT recompiles for tens of seconds in bursts (measured: B's JIT cost CPU 0 during
# one-process runs). So the warm-up round is long (WARMUP=8 s per run) and followed by a wait for 5 s without Picshelf or
# s3rver activity (at most 90 s), and before every wrk run the script waits (at most 20 s) until they are idle.
#
# Pinning (2-CPU machine): everything on the server side (both Picshelf processes, PostgreSQL, redis-server, s3rver,
# nginx) on CPU 0, wrk on CPU 1. The two-process case therefore gets NO extra CPU: the ratio two/one measures what
# running two coordinated processes costs (second runtime and caches, Redis invalidation traffic, more PG connections,
# round-robin) on a fixed budget, not the capacity gained by adding a machine. Putting the backends or nginx on CPU 1
# instead would take CPU from wrk, which then limits the GET measure; a fair capacity test needs more cores.
#
# Run from the repository root:   bench/scaleout.sh                  (ROUNDS=5 DURATION=12 WARMUP=8: about 7 minutes)
#                                  ROUNDS=1 DURATION=3 WARMUP=1 bench/scaleout.sh   (smoke test, about 1-2 minutes)
# Knobs: ROUNDS, DURATION, WARMUP, CONNECTIONS (GET, 64), UPLOAD_CONNECTIONS (16), UPLOAD_FILE (default: the 320 px `m`
# thumbnail of bench/work/images/serve.jpg, ~12 KB, made by Picshelf itself), PORT_BASE (18380; uses +0..+8),
# PG_OPTS (extra postgres options, e.g. "-c fsync=off"), NGINX_EXTRA (directives added to nginx's proxy location),
# ACCESS_LOG (1: nginx access log with upstream timings, bench/work/run-scaleout/nginx/logs/access.log), RESULT_NAME (scaleout), SKIP_BUILD, SERVER_ENV.
# Report: bench/results/$RESULT_NAME.md (+ -samples.tsv, -cpu.tsv); raw wrk output, logs: bench/work/run-scaleout/.
set -euo pipefail

ROUNDS=${ROUNDS:-5}
DURATION=${DURATION:-12}
WARMUP=${WARMUP:-8}
CONNECTIONS=${CONNECTIONS:-64}
UPLOAD_CONNECTIONS=${UPLOAD_CONNECTIONS:-16}
UPLOAD_FILE=${UPLOAD_FILE:-}
PORT_BASE=${PORT_BASE:-18380}
PG_OPTS=${PG_OPTS:-}
ACCESS_LOG=${ACCESS_LOG:-0}     # 1: nginx logs every request with upstream timings (costs CPU 0; for diagnosis)
NGINX_EXTRA=${NGINX_EXTRA:-}   # extra directives for nginx's proxy location, e.g. "proxy_ignore_client_abort on;"
RESULT_NAME=${RESULT_NAME:-scaleout}

PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)

stop_pg() { # pg_ctl daemonizes: the postmaster is not in PIDS
  [ -n "$PGBIN" ] && [ -f "$PGDIR/data/postmaster.pid" ] || return 0
  (cd / && runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGDIR/data" -m fast -w -t 30 stop >/dev/null 2>&1) \
    || log "warning: pg_ctl stop failed (data dir $PGDIR/data)"
}

# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh" run-scaleout
CPU_TSV=$RUN/cpu.tsv
PGDIR=$RUN/pg
stop_pg   # a previous run killed with SIGKILL may have left its PostgreSQL running: stop it before its folder goes
CLEANUP_HOOKS+=(stop_pg)

for tool in redis-server redis-cli node npm psql runuser; do command -v "$tool" >/dev/null || die "$tool is missing"; done
[ -n "$PGBIN" ] && [ -x "$PGBIN/initdb" ] || die "PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin"
if [ ! -f "$REPO/.ci/s3/node_modules/s3rver/bin/s3rver.js" ]; then
  log "npm ci in .ci/s3 (s3rver)"
  (cd "$REPO/.ci/s3" && npm ci --no-audit --no-fund --loglevel=error) >&2
fi

fresh_run "$RUN/nginx"/{logs,tmp} "$RUN/s3"
chmod 755 "$RUN"
printf 'round\tlabel\trequests\tseconds\tps_a\tps_b\tpostgres\tredis\ts3rver\tnginx\tcpu0_busy\tcpu0_all\tcpu1_busy\tcpu1_all\tlog_errors\n' >"$CPU_TSV"

NGX_ONE=$((PORT_BASE + 0)); NGX_TWO=$((PORT_BASE + 1))
PORT_A=$((PORT_BASE + 2)); PORT_B=$((PORT_BASE + 3))
PG_PORT=$((PORT_BASE + 6)); REDIS_PORT=$((PORT_BASE + 7)); S3_PORT=$((PORT_BASE + 8))
for p in "$NGX_ONE" "$NGX_TWO" "$PORT_A" "$PORT_B" "$PG_PORT" "$REDIS_PORT" "$S3_PORT"; do
  port_free "$p" || die "port $p is in use (set PORT_BASE)"
done

# ---------------------------------------------------------------- backends, all on CPU 0 (start_server pins Picshelf there, run_wrk puts wrk on CPU 1)
log "PostgreSQL ($("$PGBIN/postgres" --version | awk '{ print $3 }')) on 127.0.0.1:$PG_PORT"
install -d -o postgres -g postgres "$PGDIR"
(cd / && runuser -u postgres -- "$PGBIN/initdb" -D "$PGDIR/data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >"$RUN/initdb.log" 2>&1) \
  || { tail -20 "$RUN/initdb.log" >&2; die "initdb failed"; }
(cd / && taskset -c 0 runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/server.log" -w -t 60 \
  -o "-p $PG_PORT -k $PGDIR -c listen_addresses=127.0.0.1 -c max_connections=300 $PG_OPTS" start >/dev/null) \
  || { tail -20 "$PGDIR/server.log" >&2; die "PostgreSQL did not start"; }
PG_PID=$(head -1 "$PGDIR/data/postmaster.pid")
psql -q -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -c 'CREATE DATABASE picshelf_bench' >/dev/null || die "CREATE DATABASE failed"

log "redis-server on 127.0.0.1:$REDIS_PORT"
taskset -c 0 redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no --dir "$RUN" \
  --logfile "$RUN/redis-server.log" --daemonize no &
REDIS_PID=$!; PIDS+=("$REDIS_PID")
for _ in $(seq 100); do redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && break; sleep 0.1; done
redis-cli -p "$REDIS_PORT" ping >/dev/null || die "redis-server did not start"

log "s3rver on 127.0.0.1:$S3_PORT"
taskset -c 0 node "$REPO/.ci/s3/node_modules/s3rver/bin/s3rver.js" -d "$RUN/s3" -a 127.0.0.1 -p "$S3_PORT" \
  --no-vhost-buckets --configure-bucket picshelf-bench --silent >"$RUN/s3rver.log" 2>&1 &
S3_PID=$!; PIDS+=("$S3_PID")
wait_http "http://127.0.0.1:$S3_PORT/" "$S3_PID"

# ---------------------------------------------------------------- Picshelf A and B: same database, bucket and Redis, own staging folders
PS_ENV=(
  Database__Provider=postgres
  "Database__ConnectionString=Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=picshelf_bench"
  Storage__Provider=s3 "Storage__S3__ServiceUrl=http://127.0.0.1:$S3_PORT" Storage__S3__Bucket=picshelf-bench
  Storage__S3__ForcePathStyle=true Storage__S3__AccessKey=S3RVER Storage__S3__SecretKey=S3RVER
  "Redis__Configuration=127.0.0.1:$REDIS_PORT"
  Network__TrustedProxies__0=127.0.0.1
  RateLimits__CreditsPerDay=2000000000 RateLimits__UserCreditsPerHour=2000000000 RateLimits__PostsPerHour=2000000000
)
DATA_A=$RUN/data-a; DATA_B=$RUN/data-b
log "client (and schema migration) on PostgreSQL"
CID=$(env "${PS_ENV[@]}" DOTNET_CLI_TELEMETRY_OPTOUT=1 dotnet "$PUBLISH/Picshelf.dll" clients create --name bench --data "$DATA_A" 2>"$RUN/clients.err" \
  | sed -n 's/.*"client_id":"\([^"]*\)".*/\1/p')
[ -n "$CID" ] || die "clients create failed: $(head -c 300 "$RUN/clients.err")"
start_server A "$PORT_A" "$DATA_A" "${PS_ENV[@]}"
start_server B "$PORT_B" "$DATA_B" "${PS_ENV[@]}"
for port in "$PORT_A" "$PORT_B"; do
  ready=$(curl -s --max-time 10 -w ' %{http_code}' "http://127.0.0.1:$port/readyz")
  [ "${ready##* }" = 200 ] || die "/readyz on $port: $ready"
done
log "both processes ready (database, bucket, Redis)"

# ---------------------------------------------------------------- nginx: one = A only, two = A and B round-robin
temp_paths="client_body_temp_path $RUN/nginx/tmp/body; proxy_temp_path $RUN/nginx/tmp/proxy;"
for module in fastcgi uwsgi scgi; do
  "$NGINX" -V 2>&1 | grep -q "without-http_${module}_module" || temp_paths+=" ${module}_temp_path $RUN/nginx/tmp/$module;"
done
cat >"$RUN/nginx/nginx.conf" <<EOF
worker_processes 1;
daemon off;
pid $RUN/nginx/logs/nginx.pid;
error_log $RUN/nginx/logs/error.log warn;
events { worker_connections 4096; }
http {
  log_format timing '\$msec \$server_port \$status \$request_time \$upstream_addr \$upstream_connect_time \$upstream_header_time \$upstream_status';
  $([ "$ACCESS_LOG" = 1 ] && echo "access_log $RUN/nginx/logs/access.log timing buffer=256k;" || echo "access_log off;")
  keepalive_requests 1000000; keepalive_timeout 65;
  client_max_body_size 30m; client_body_buffer_size 1m;   # small uploads stay in memory
  $temp_paths
  upstream ps_one { server 127.0.0.1:$PORT_A; keepalive 128; keepalive_requests 1000000; }
  upstream ps_two { server 127.0.0.1:$PORT_A; server 127.0.0.1:$PORT_B; keepalive 128; keepalive_requests 1000000; }
  map \$server_port \$picshelf { $NGX_ONE ps_one; default ps_two; }
  server {
    listen 127.0.0.1:$NGX_ONE;
    listen 127.0.0.1:$NGX_TWO;
    location / {
      proxy_pass http://\$picshelf;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host \$http_host;
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto \$scheme;
      add_header X-Upstream \$upstream_addr always;
      $NGINX_EXTRA
    }
  }
}
EOF
NGX_ARGS=(-p "$RUN/nginx" -e "$RUN/nginx/logs/error.log" -c "$RUN/nginx/nginx.conf")
"$NGINX" -t -q "${NGX_ARGS[@]}" >"$RUN/nginx-t.log" 2>&1 || { cat "$RUN/nginx-t.log" >&2; die "nginx -t failed"; }
taskset -c 0 "$NGINX" "${NGX_ARGS[@]}" >"$RUN/nginx.log" 2>&1 &
NGX_PID=$!; PIDS+=("$NGX_PID")
wait_http "http://127.0.0.1:$NGX_ONE/healthz" "$NGX_PID"
wait_http "http://127.0.0.1:$NGX_TWO/healthz" "$NGX_PID"
log "nginx: pid $NGX_PID, :$NGX_ONE -> A, :$NGX_TWO -> A+B"

# ---------------------------------------------------------------- what is measured, and that it is what it claims
AUTH="Authorization: Client-ID $CID"
ID=$(upload "$NGX_ONE" "$CID" "$IMAGES/serve.jpg")
[ -n "$ID" ] || die "upload through nginx gave no id"
if [ -z "$UPLOAD_FILE" ]; then
  UPLOAD_FILE=$RUN/small.jpg
  curl -sf --max-time 60 -o "$UPLOAD_FILE" "http://127.0.0.1:$NGX_ONE/${ID}m.jpg" || die "GET /${ID}m.jpg failed"
fi
[ -s "$UPLOAD_FILE" ] || die "UPLOAD_FILE $UPLOAD_FILE is empty or missing"
UPLOAD_BYTES=$(stat -c %s "$UPLOAD_FILE")

# Written by A, read by B (directly): the row is in the shared database, the blob in the shared bucket.
json_a=$(curl -sf -H "$AUTH" "http://127.0.0.1:$PORT_A/3/image/$ID") || die "A cannot read $ID"
json_b=$(curl -sf -H "$AUTH" "http://127.0.0.1:$PORT_B/3/image/$ID") || die "B cannot read $ID, uploaded through A"
[ "$json_a" = "$json_b" ] || log "note: A and B answer different JSON for $ID (e.g. counters): ${#json_a} / ${#json_b} B"
curl -sf -o "$RUN/check.jpg" "http://127.0.0.1:$PORT_B/$ID.jpg" || die "B cannot serve the original of $ID from the bucket"
JSON_BYTES=${#json_a}
upstreams_of() { # PORT URL-PATH [curl args]: the upstream addresses of 8 requests, sorted and counted
  local i; for i in $(seq 8); do curl -s -o /dev/null -D - "${@:3}" "http://127.0.0.1:$1$2" | tr -d '\r' | awk 'tolower($1) == "x-upstream:" { print $2 }'; done | sort | uniq -c | tr -s ' ' | tr '\n' ';'
}
SPREAD_ONE=$(upstreams_of "$NGX_ONE" "/3/image/$ID" -H "$AUTH")
SPREAD_TWO=$(upstreams_of "$NGX_TWO" "/3/image/$ID" -H "$AUTH")
SPREAD_UP=$(upstreams_of "$NGX_TWO" /3/image -H "$AUTH" -F "image=@$UPLOAD_FILE")
log "8 GETs through one: $SPREAD_ONE  through two: $SPREAD_TWO  8 uploads through two: $SPREAD_UP"
case $SPREAD_ONE in *":$PORT_B"*) die "the one-process port reached B";; esac
for s in "$SPREAD_TWO" "$SPREAD_UP"; do
  case $s in *":$PORT_A;"*":$PORT_B;"*) ;; *) die "the two-process port did not reach both A and B: $s";; esac
done
SCRIPT_UPLOADS=9   # serve.jpg once, the small JPEG 8 times
[ "$(redis-cli -p "$REDIS_PORT" --scan --pattern 'picshelf:*' | wc -l)" -gt 0 ] || die "nothing in Redis: the processes do not use it"
log "upload body: $UPLOAD_FILE ($UPLOAD_BYTES B); GET /3/image/$ID answers $JSON_BYTES B of JSON"


# ---------------------------------------------------------------- CPU accounting per wrk run
HZ=$(getconf CLK_TCK)
ticks_of() { # ROOT_PID... -> for each, utime+stime (+ reaped children) of the process and all its live descendants, in clock ticks
  { cat /proc/[0-9]*/stat 2>/dev/null || true; } | awk -v roots="$*" '
    { pid = $1; rest = $0; sub(/^.*\) /, "", rest); split(rest, f, " "); parent[pid] = f[2]; t[pid] = f[12] + f[13] + f[14] + f[15] }
    END {
      n = split(roots, r, " "); for (i = 1; i <= n; i++) idx[r[i]] = i
      for (p in t) for (q = p; q != "" && q > 1; q = parent[q]) if (q in idx) { s[idx[q]] += t[p]; break }
      for (i = 1; i <= n; i++) printf "%d ", s[i]
    }'
}
snapshot() { # -> a b pg redis s3 nginx cpu0_busy cpu0_all cpu1_busy cpu1_all
  ticks_of "$PID_A" "$PID_B" "$PG_PID" "$REDIS_PID" "$S3_PID" "$NGX_PID"
  awk '$1 == "cpu0" || $1 == "cpu1" { all = 0; for (i = 2; i <= 9; i++) all += $i; printf "%d %d ", all - $5 - $6, all }' /proc/stat
  echo
}
quiesce() { # [QUIET_WINDOWS [MAX_SECONDS]]: wait until Picshelf and s3rver used under 5 % of CPU 0 in QUIET_WINDOWS (1)
  local need=${1:-1} max=${2:-20} quiet=0 t0 t1   # consecutive 0.5 s windows, at most MAX_SECONDS (20). After a process's first
  local deadline=$(( $(date +%s) + max ))       # load its tiered JIT recompiles for many seconds, in bursts; aborted requests finish
  busy() { ticks_of "$PID_A" "$PID_B" "$S3_PID" | awk '{ print $1 + $2 + $3 }'; }
  while [ "$quiet" -lt "$need" ]; do
    t0=$(busy); sleep 0.5; t1=$(busy)
    if [ $((t1 - t0)) -gt $((HZ / 40)) ]; then quiet=0; else quiet=$((quiet + 1)); fi
    [ "$(date +%s)" -lt "$deadline" ] || { log "  note: Picshelf/s3rver still busy after ${max}s ($((t1 - t0)) ticks in 0.5 s); measuring anyway"; return 0; }
  done
}
server_errors() { cat "$RUN/A.log" "$RUN/B.log" | grep -c -E '^(fail|crit):' || true; }
measure() { # ROUND LABEL URL [wrk args]: run_wrk plus the CPU every server-side process used during it, and the
  local before after       # error-level lines both Picshelf logs gained (counted 1 s after wrk stops: aborted requests)
  quiesce
  before="$(snapshot) $(server_errors)"
  run_wrk "$@"
  after=$(snapshot)
  sleep 1
  after="$after $(server_errors)"
  awk -v r="$1" -v l="$2" -v b="$before" -v a="$after" '
    /requests in/ { n = $1; s = $4; sub(/s,?$/, "", s) }
    END { split(b, x, " "); split(a, y, " "); printf "%s\t%s\t%s\t%s", r, l, n, s; for (i = 1; i <= 11; i++) printf "\t%d", y[i] - x[i]; print "" }' \
    "$RAW/$2.r$1.txt" >>"$CPU_TSV"
}

U_ONE=http://127.0.0.1:$NGX_ONE; U_TWO=http://127.0.0.1:$NGX_TWO
GET_LOAD=(-t2 "-c$CONNECTIONS"); UP_LOAD=(-t2 "-c$UPLOAD_CONNECTIONS")
up() { UPLOAD_FILE="$UPLOAD_FILE" CID="$CID" measure "$1" "up_$2" "$3/3/image" "${UP_LOAD[@]}" "-d${4}s" -s "$BENCH/upload.lua"; }
get() { measure "$1" "get_$2" "$3/3/image/$ID" "${GET_LOAD[@]}" "-d${4}s" -H "$AUTH"; }
one_round() { # ROUND DURATION: one before two in odd rounds (and the warm-up), two before one in even rounds
  local r=$1 d=$2
  if [ "$r" = w ]; then
    up "$r" one "$U_ONE" "$d"; up "$r" two "$U_TWO" "$d"; get "$r" one "$U_ONE" "$d"; get "$r" two "$U_TWO" "$d"
    log "waiting for the background JIT of both processes to finish (5 s without activity, at most 90 s)"
    quiesce 10 90
  elif [ $((r % 2)) = 1 ]; then
    up "$r" one "$U_ONE" "$d"; up "$r" two "$U_TWO" "$d"; get "$r" one "$U_ONE" "$d"; get "$r" two "$U_TWO" "$d"
  else
    up "$r" two "$U_TWO" "$d"; up "$r" one "$U_ONE" "$d"; get "$r" two "$U_TWO" "$d"; get "$r" one "$U_ONE" "$d"
  fi
}
run_rounds

# ---------------------------------------------------------------- after the run: nothing lost, what went wrong
IMAGES_IN_DB=$(psql -qtA -h 127.0.0.1 -p "$PG_PORT" -U postgres -d picshelf_bench -c 'SELECT count(*) FROM images' 2>/dev/null || echo '?')
UPLOADS_2XX=$(awk -F'\t' 'FNR == NR { if ($2 ~ /^up_/) bad[$1 FS $2] = $6; next }
  FNR > 1 && $2 ~ /^up_/ { s += $3 - bad[$1 FS $2] } END { print s + 0 }' "$SAMPLES" "$CPU_TSV")
S3_OBJECTS=$(find "$RUN/s3/picshelf-bench/originals" -type f -name '*._S3rver_object' 2>/dev/null | wc -l || true)
log_count() { grep -c -E "$1" "$2" 2>/dev/null || true; }
LOG_ERR_A=$(log_count '^(fail|crit):' "$RUN/A.log"); LOG_WARN_A=$(log_count '^warn:' "$RUN/A.log")
LOG_ERR_B=$(log_count '^(fail|crit):' "$RUN/B.log"); LOG_WARN_B=$(log_count '^warn:' "$RUN/B.log")
NGX_ERRORS=$(log_count '\[(error|crit|alert|emerg)\]' "$RUN/nginx/logs/error.log")
NGX_WARNS=$(log_count '\[warn\]' "$RUN/nginx/logs/error.log")
for f in A B; do grep -E -A3 '^(fail|crit):' "$RUN/$f.log" | head -20 >"$RUN/$f-errors-head.txt" || true; done

# ---------------------------------------------------------------- report
med_rps() { col "$1" 3 | median; }
cpu_col() { # LABEL EXPR -> per-round values of an awk expression over the cpu.tsv columns
  awk -F'\t' -v l="$1" -v hz="$HZ" 'NR > 1 && $1 != "w" && $2 == l && $3 > 0 {
    n = $3; sec = $4; a = $5; b = $6; pg = $7; rd = $8; s3 = $9; ng = $10; c0b = $11; c0 = $12; c1b = $13; c1 = $14
    print ('"$2"') }' "$CPU_TSV"
}
us_per_req() { cpu_col "$1" "($2) * 1e6 / hz / n" | median; }   # LABEL TICKS-EXPR -> median CPU microseconds per request
row() { # LABEL CASE
  local l=$1
  echo "| $2 | $(fmt0 "$(med_rps "$l")") ($(col "$l" 3 | awk '{ printf "%.0f\n", $1 }' | minmax)) | $(fmt2 "$(col "$l" 4 | median)") | $(fmt2 "$(col "$l" 5 | median)") | $(awk -F'\t' -v l="$l" '$2 == l { s += $6 } END { print s + 0 }' "$SAMPLES") / $(awk -F'\t' -v l="$l" '$2 == l { s += $7 } END { print s + 0 }' "$SAMPLES") | $(awk -F'\t' -v l="$l" 'NR > 1 && $2 == l { s += $15 } END { print s + 0 }' "$CPU_TSV") |"
}
cpu_row() { # LABEL CASE
  local l=$1
  echo "| $2 | $(fmt0 "$(us_per_req "$l" "a + b")") | $(fmt0 "$(us_per_req "$l" pg)") | $(fmt0 "$(us_per_req "$l" rd)") | $(fmt0 "$(us_per_req "$l" s3)") | $(fmt0 "$(us_per_req "$l" ng)") | $(fmt0 "$(us_per_req "$l" "(c0b - a - b - pg - rd - s3 - ng > 0 ? c0b - a - b - pg - rd - s3 - ng : 0)")") | $(fmt0 "$(cpu_col "$l" "100 * c0b / c0" | median)") % | $(fmt0 "$(cpu_col "$l" "100 * c1b / c1" | median)") % | $(fmt0 "$(cpu_col "$l" "(a + b) > 0 ? 100 * b / (a + b) : 0" | median)") % |"
}
R_UP=$(ratios up_two up_one | median); R_GET=$(ratios get_two get_one | median)
flag() { [ "$(errors_of "$1")" -eq 0 ] && [ "$(errors_of "$2")" -eq 0 ] && echo ok || echo '**non-2xx / socket errors**'; }
{
  echo "# Picshelf scale-out: one process versus two (PostgreSQL + S3 + Redis)"
  echo
  echo "$(date -u '+%Y-%m-%d %H:%M UTC'), built from commit $COMMIT"
  echo
  echo "Machine: $(machine), PostgreSQL $("$PGBIN/postgres" --version | awk '{ print $3 }'), $(redis-server --version | awk '{ print $1, $2, $3 }'), s3rver $(node -p "require('$REPO/.ci/s3/node_modules/s3rver/package.json').version"), node $(node --version), $("$NGINX" -v 2>&1 | sed 's/.*: //')"
  echo
  echo "**All processes share the same cores.** Both Picshelf processes, PostgreSQL, redis-server, s3rver and nginx are pinned to"
  echo "CPU 0; wrk runs on CPU 1. The two-process case gets no CPU the one-process case lacks, so the ratio two/one"
  echo "measures the overhead of running two coordinated processes on a fixed budget (a second runtime and cache, cache"
  echo "invalidation over Redis, more database connections, nginx round-robin), **not** the capacity gained by adding a machine."
  echo "A ratio near 1 means scaling out costs little; real gains need the second process on its own cores or machine."
  echo
  echo "Setup: one nginx (1 worker, keepalive upstreams, \`X-Forwarded-For\`, Picshelf trusting 127.0.0.1) in front of"
  echo "process A and process B, which share one PostgreSQL database, one s3rver bucket and one Redis; each has its own staging folder."
  echo "Case **one**: nginx -> A. Case **two**: nginx round-robin -> A, B (checked: 8 GETs through two reached \`$SPREAD_TWO\`)."
  echo "Both processes run throughout, so case one has B idle beside it. Credit limiting is on (counters in Redis), limits out of reach."
  echo "Uploads: \`wrk -t2 -c$UPLOAD_CONNECTIONS\` posting a $UPLOAD_BYTES B JPEG as multipart \`image\` with a Client-ID."
  echo "Reads: \`wrk -t2 -c$CONNECTIONS\` on \`GET /3/image/{id}\` ($JSON_BYTES B of JSON) with a Client-ID."
  echo "$ROUNDS rounds of ${DURATION}s per run after a ${WARMUP}s warm-up round; one before two in odd rounds, two before one in even rounds."
  echo "After the warm-up round the script waited for 5 s without Picshelf or s3rver activity (tiered JIT recompiling), and before each run until they were idle."
  echo "req/s are medians over rounds; the ratio is the median of the per-round ratios two/one. Errors in the tables: all runs, warm-up included;"
  echo "Picshelf error log lines are those both processes logged from the start of the run until 1 s after it."
  [ -z "$NGINX_EXTRA" ] || echo "nginx proxy location extra directives: \`$NGINX_EXTRA\`."
  [ "$ACCESS_LOG" != 1 ] || echo "nginx access log on (ACCESS_LOG=1): costs CPU 0 in every run."
  [ -z "$SERVER_ENV" ] || echo "Extra settings for both Picshelf processes: \`$SERVER_ENV\`."
  [ -z "$PG_OPTS" ] || echo "Extra PostgreSQL options: \`$PG_OPTS\`."
  echo "Latencies are wrk's: they include time wrk waited for its own core, so on a busy machine the p99 says little about Picshelf."
  echo
  echo "| measure | one process (req/s) | two processes (req/s) | ratio two/one | errors |"
  echo "|---|---|---|---|---|"
  echo "| uploads, \`POST /3/image\` | $(fmt0 "$(med_rps up_one)") | $(fmt0 "$(med_rps up_two)") | $(fmt2 "$R_UP")x ($(ratios up_two up_one | awk '{ printf "%.2f\n", $1 }' | minmax)) | $(flag up_one up_two) |"
  echo "| \`GET /3/image/{id}\` | $(fmt0 "$(med_rps get_one)") | $(fmt0 "$(med_rps get_two)") | $(fmt2 "$R_GET")x ($(ratios get_two get_one | awk '{ printf "%.2f\n", $1 }' | minmax)) | $(flag get_one get_two) |"
  echo
  echo "| wrk run | req/s median (min-max) | p50 ms | p99 ms | non-2xx / socket errors | Picshelf error log lines |"
  echo "|---|---|---|---|---|---|"
  row up_one "upload, one"; row up_two "upload, two"; row get_one "GET, one"; row get_two "GET, two"
  echo
  echo "Where CPU 0 went (medians over rounds; µs of CPU per request; \"other\" is CPU 0 time no process above used:"
  echo "kernel interrupts, other programs on the machine; CPU 1 is wrk's core):"
  echo
  echo "| wrk run | Picshelf (A+B) | PostgreSQL | Redis | s3rver | nginx | other | CPU 0 busy | CPU 1 busy | B's share of Picshelf CPU |"
  echo "|---|---|---|---|---|---|---|---|---|---|"
  cpu_row up_one "upload, one"; cpu_row up_two "upload, two"; cpu_row get_one "GET, one"; cpu_row get_two "GET, two"
  echo
  B_IDLE=$(for l in up_one get_one; do cpu_col "$l" "(a + b) > 0 ? 100 * b / (a + b) : 0"; done | median)
  if awk -v v="$B_IDLE" 'BEGIN { exit !(v != "nan" && v > 5) }'; then
    echo "**Warning:** B, which gets no requests in the one-process runs, used $(fmt0 "$B_IDLE") % of the Picshelf CPU in them (median)."
    echo "That is mostly .NET's tiered JIT still recompiling code B ran in the previous run; it takes CPU 0 from A, so the"
    echo "one-process figures are understated and the ratios overstated. Use a longer WARMUP (each process needs a few hundred"
    echo "uploads before its upload code is fully compiled) or more ROUNDS."
    echo
  fi
  echo "Checks and errors:"
  echo
  echo "* Image rows in PostgreSQL after the run: $IMAGES_IN_DB; uploads wrk counted as answered 2xx (warm-up included): $UPLOADS_2XX,"
  echo "  plus $SCRIPT_UPLOADS made by the script (the row count may exceed the answered uploads by those cut off when wrk stopped)."
  echo "  Originals in the bucket: $S3_OBJECTS ($(awk -v o="$S3_OBJECTS" -v r="$IMAGES_IN_DB" 'BEGIN { if (r ~ /^[0-9]+$/) print o - r; else print "?" }') without a row: uploads cut off after their blob was stored, left for \`Picshelf.dll gc\`)."
  echo "* Picshelf log lines at error level (\`fail:\`/\`crit:\`) / warnings: A $LOG_ERR_A / $LOG_WARN_A, B $LOG_ERR_B / $LOG_WARN_B."
  echo "* nginx error.log: $NGX_ERRORS errors, $NGX_WARNS warnings."
  echo "* Raw wrk output, server, nginx, PostgreSQL and s3rver logs: bench/work/run-scaleout/; samples: bench/results/$RESULT_NAME-samples.tsv, CPU: $RESULT_NAME-cpu.tsv."
} >"$RESULTS/$RESULT_NAME.md"
cp "$SAMPLES" "$RESULTS/$RESULT_NAME-samples.tsv"
cp "$CPU_TSV" "$RESULTS/$RESULT_NAME-cpu.tsv"
echo
cat "$RESULTS/$RESULT_NAME.md"
log "done in $(( $(date +%s) - T0 )) s; written to bench/results/$RESULT_NAME.md"
