#!/usr/bin/env bash
# What the credit limiter costs: requests per second of GET /3/image/{id} on Picshelf processes that differ only in
# their limiter, measured side by side in interleaved rounds (a limiter-less server runs immediately before each limited
# one). The in-memory counter is compared with a limiter-less embedded process; the Redis counter with a limiter-less
# process that hands socket completions to the thread pool, as every process with Redis does (Server:InlineSocketCompletions).
# Run from the repository root:   bench/limiter.sh             (ROUNDS=5 DURATION=10, about 4 minutes)
# Targets (issue 19): in-memory limiter costs under 5 % (ratio >= 0.95), Redis under 12 % (ratio >= 0.88; issue 3 asked 25 %).
set -euo pipefail

ROUNDS=${ROUNDS:-5}
DURATION=${DURATION:-10}
WARMUP=${WARMUP:-3}
CONNECTIONS=${CONNECTIONS:-64}
PORT_BASE=${PORT_BASE:-18180}       # Picshelf on PORT_BASE+1..+4, redis-server on PORT_BASE+9
RESULT_NAME=${RESULT_NAME:-limiter}
REDIS_CPU=${REDIS_CPU:-0}

# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh" run-limiter
command -v redis-server >/dev/null || apt-get -o DPkg::Lock::Timeout=600 install -y redis-server >&2
for tool in redis-server redis-cli; do command -v "$tool" >/dev/null || die "$tool is missing"; done

fresh_run

REDIS_PORT=$((PORT_BASE + 9))
port_free "$REDIS_PORT" || die "port $REDIS_PORT is in use (set PORT_BASE)"
# By default beside the servers on CPU 0: Redis's own work is charged to the Redis limiter, as if it ran on the
# same machine. REDIS_CPU=1 puts it beside wrk instead, like a Redis on another machine.
taskset -c "$REDIS_CPU" redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no --dir "$RUN" \
  --logfile "$RUN/redis-server.log" --daemonize no &
PIDS+=("$!")
for _ in $(seq 100); do redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && break; sleep 0.1; done
redis-cli -p "$REDIS_PORT" ping >/dev/null || die "redis-server did not start"

declare -A PORT=([off]=$((PORT_BASE + 1)) [memory]=$((PORT_BASE + 2)) [pooled]=$((PORT_BASE + 4)) [redis]=$((PORT_BASE + 3)))
declare -A URL
for name in off memory pooled redis; do
  data=$RUN/data-$name
  cid=$(create_client "$data"); [ -n "$cid" ] || die "clients create failed"
  case $name in
    off) start_server "$name" "${PORT[$name]}" "$data" RateLimits__Enabled=false ;;
    pooled) start_server "$name" "${PORT[$name]}" "$data" RateLimits__Enabled=false Server__InlineSocketCompletions=false ;;
    memory) start_server "$name" "${PORT[$name]}" "$data" ;;
    redis) start_server "$name" "${PORT[$name]}" "$data" Redis__Configuration="127.0.0.1:$REDIS_PORT" ;;
  esac
  id=$(upload "${PORT[$name]}" "$cid" "$IMAGES/serve.jpg")
  URL[$name]="http://127.0.0.1:${PORT[$name]}/3/image/$id"
  printf -v "AUTH_$name" 'Authorization: Client-ID %s' "$cid"
done

# What is compared must be what it claims: headers only where a limiter runs, and Redis really counting.
headers_of() { local auth="AUTH_$1"; curl -s -D - -o /dev/null -H "${!auth}" "${URL[$1]}" | tr -d '\r'; }
for name in off pooled; do
  headers_of "$name" | grep -qi '^X-RateLimit-ClientRemaining' && die "the server without limiter ($name) sends credit headers"
done
headers_of memory | grep -qi '^X-RateLimit-ClientRemaining: ' || die "the in-memory server sends no credit headers"
headers_of redis | grep -qi '^X-RateLimit-ClientRemaining: ' || die "the Redis server sends no credit headers"
[ "$(redis-cli -p "$REDIS_PORT" --scan --pattern 'picshelf:c:*' | wc -l)" -gt 0 ] || die "nothing was counted in Redis"
grep -q 'Redis cannot be reached' "$RUN/redis.log" && die "the Redis server fell back to its own counter"

LOAD=(-t2 "-c$CONNECTIONS")
one_round() { # ROUND DURATION
  local r=$1 d=$2
  run_wrk "$r" off_a "${URL[off]}" "${LOAD[@]}" "-d${d}s" -H "$AUTH_off"
  run_wrk "$r" memory "${URL[memory]}" "${LOAD[@]}" "-d${d}s" -H "$AUTH_memory"
  run_wrk "$r" off_b "${URL[pooled]}" "${LOAD[@]}" "-d${d}s" -H "$AUTH_pooled"
  run_wrk "$r" redis "${URL[redis]}" "${LOAD[@]}" "-d${d}s" -H "$AUTH_redis"
}
log "warm-up: ${BURSTS:-6} bursts of 2 s per server, taking turns (warm_in_bursts in bench/lib.sh)"
for _ in 1 2; do
  for name in off memory pooled redis; do auth="AUTH_$name"; BURSTS=$(( (${BURSTS:-6} + 1) / 2 )) warm_in_bursts "${URL[$name]}" -H "${!auth}"; done
done
run_rounds
FALLBACKS=$(grep -c 'Redis cannot be reached' "$RUN/redis.log" 2>/dev/null || true)

med_rps() { col "$1" 3 | median; }
R_MEM=$(ratios memory off_a | median)
R_REDIS=$(ratios redis off_b | median)
limiter_verdict() { # RATIO TARGET LABEL
  local v; v=$(verdict "$1" ge "$2")
  [ "$(errors_of "$3")" -eq 0 ] || v="$v (non-2xx/socket errors!)"
  echo "$v"
}
{
  echo "# Picshelf credit limiter cost"
  echo
  echo "$(date -u '+%Y-%m-%d %H:%M UTC'), built from commit $COMMIT"
  echo
  echo "Machine: $(machine), $(redis-server --version | awk '{ print $1, $2, $3 }')"
  echo
  echo "Setup: four Picshelf processes pinned to CPU 0, redis-server to CPU $REDIS_CPU, \`taskset -c 1 wrk -t2 -c$CONNECTIONS -d${DURATION}s --latency\`"
  echo "on \`GET /3/image/{id}\` with a Client-ID; $ROUNDS interleaved rounds after a ${WARMUP}s warm-up round; the server without limiter"
  echo "runs immediately before each limited one, ratios are per round and the table shows their median. off_a is an embedded"
  echo "process without limiter; off_b one that also hands socket completions to the thread pool, as a process with Redis does."
  echo
  echo "| counter | req/s (median) | without limiter, same round | ratio / target | cost | result |"
  echo "|---|---|---|---|---|---|"
  echo "| in memory | $(fmt0 "$(med_rps memory)") | $(fmt0 "$(med_rps off_a)") | $(fmt2 "$R_MEM")x / >= 0.95x | $(awk -v r="$R_MEM" 'BEGIN { printf "%.1f %%", (1 - r) * 100 }') | $(limiter_verdict "$R_MEM" 0.95 memory) |"
  echo "| Redis | $(fmt0 "$(med_rps redis)") | $(fmt0 "$(med_rps off_b)") | $(fmt2 "$R_REDIS")x / >= 0.88x | $(awk -v r="$R_REDIS" 'BEGIN { printf "%.1f %%", (1 - r) * 100 }') | $(limiter_verdict "$R_REDIS" 0.88 redis) |"
  echo
  echo "| wrk run | req/s median (min-max) | p50 ms | p99 ms |"
  echo "|---|---|---|---|"
  for l in off_a memory off_b redis; do
    echo "| $l | $(fmt0 "$(med_rps "$l")") ($(col "$l" 3 | awk '{ printf "%.0f\n", $1 }' | minmax)) | $(fmt2 "$(col "$l" 4 | median)") | $(fmt2 "$(col "$l" 5 | median)") |"
  done
  echo
  echo "* Redis fallbacks logged during the run: ${FALLBACKS:-0} (0 means every charge went through Redis)."
  echo "* Raw wrk output: bench/work/run-limiter/raw/, samples: bench/work/run-limiter/samples.tsv."
} >"$RESULTS/$RESULT_NAME.md"
cp "$SAMPLES" "$RESULTS/$RESULT_NAME-samples.tsv"
echo
cat "$RESULTS/$RESULT_NAME.md"
log "done in $(( $(date +%s) - T0 )) s; written to bench/results/$RESULT_NAME.md"
