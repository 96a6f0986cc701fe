#!/usr/bin/env bash
# Shared by the benchmark scripts (source it; do not run it): paths, logging, cleanup of every process
# started, tool checks, the Release build into bench/work, the test images, and the helpers that start
# Picshelf pinned to CPU 0 and run wrk pinned to CPU 1. The sourcing script names its own run folder under bench/work
# (`source lib.sh run-NAME`: RUN, its raw wrk output RAW and its samples SAMPLES), may set the knobs SKIP_BUILD and
# SERVER_ENV, and calls fresh_run before it starts anything there.

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH=$REPO/bench
WORK=$BENCH/work
RESULTS=$BENCH/results
PUBLISH=$WORK/publish
TOOL=$WORK/bench-tool
IMAGES=$WORK/images
RUN=$WORK/${1:?source lib.sh with the name of the run folder, e.g. run-ab}
RAW=$RUN/raw
SAMPLES=$RUN/samples.tsv
T0=$(date +%s)
SKIP_BUILD=${SKIP_BUILD:-0}   # 1: reuse bench/work/publish and bench/work/bench-tool as they are
SERVER_ENV=${SERVER_ENV:-}    # extra VAR=value settings for every Picshelf process, e.g. "Logging__LogLevel__Default=Warning"


log() { printf '[%s +%4ss] %s\n' "$(date +%H:%M:%S)" "$(( $(date +%s) - T0 ))" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
# shellcheck disable=SC2120  # the folders are optional
fresh_run() { rm -rf "$RUN"; mkdir -p "$RAW" "$@"; : >"$SAMPLES"; }   # [FOLDER...]: an empty run folder, and these in it

# ---------------------------------------------------------------- cleanup: only what this script started
PIDS=()
CLEANUP_HOOKS=()   # commands run after PIDS are stopped, for what daemonizes itself (e.g. pg_ctl): CLEANUP_HOOKS+=(stop_pg)
cleanup() {
  local status=$?
  trap - EXIT INT TERM
  for pid in "${PIDS[@]}"; do
    kill -TERM "$pid" 2>/dev/null || true
  done
  for pid in "${PIDS[@]}"; do
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
  done
  local hook
  for hook in "${CLEANUP_HOOKS[@]}"; do $hook || true; done
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---------------------------------------------------------------- tools
if ! command -v wrk >/dev/null || ! { command -v nginx >/dev/null || [ -x /usr/sbin/nginx ]; }; then
  log "installing wrk and nginx-light"
  apt-get -o DPkg::Lock::Timeout=600 install -y wrk nginx-light >&2 \
    || { apt-get -o DPkg::Lock::Timeout=600 update >&2 && apt-get -o DPkg::Lock::Timeout=600 install -y wrk nginx-light >&2; }
fi
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
for tool in wrk taskset curl dotnet awk sort; do command -v "$tool" >/dev/null || die "$tool is missing"; done
[ "$(nproc)" -ge 2 ] || die "needs 2 CPUs (server on CPU 0, wrk on CPU 1)"

# ---------------------------------------------------------------- build (Release only, own output and artifacts folders)
mkdir -p "$WORK" "$RESULTS"
if [ "$SKIP_BUILD" = 1 ]; then
  [ -f "$PUBLISH/Picshelf.dll" ] && [ -f "$TOOL/Picshelf.Bench.dll" ] || die "SKIP_BUILD=1 but nothing was built yet"
  log "SKIP_BUILD=1: reusing bench/work/publish built $(date -r "$PUBLISH/Picshelf.dll" '+%H:%M:%S')"
else
log "building Release (src/Picshelf -> bench/work/publish, bench/Picshelf.Bench -> bench/work/bench-tool)"
dotnet publish "$REPO/src/Picshelf/Picshelf.csproj" -c Release -o "$PUBLISH" --artifacts-path "$WORK/artifacts" -nologo -v q >"$WORK/build.log" 2>&1 \
  || { tail -30 "$WORK/build.log" >&2; die "publish of src/Picshelf failed"; }
dotnet publish "$BENCH/Picshelf.Bench/Picshelf.Bench.csproj" -c Release -o "$TOOL" --artifacts-path "$WORK/artifacts" -nologo -v q >>"$WORK/build.log" 2>&1 \
  || { tail -30 "$WORK/build.log" >&2; die "publish of bench/Picshelf.Bench failed"; }
fi

# What was measured: the tree as it was when built (src/ may change while the run goes on).
[ "$SKIP_BUILD" = 1 ] && COMMIT="(not rebuilt: bench/work/publish from $(date -r "$PUBLISH/Picshelf.dll" '+%F %H:%M'))" || COMMIT="$(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo '?')$(git -C "$REPO" status --porcelain -- src 2>/dev/null | grep -q . && echo ' + uncommitted changes in src/' || true)"

log "test images (made once, kept in bench/work/images)"
timeout 600 dotnet "$TOOL/Picshelf.Bench.dll" gen "$IMAGES" >&2

# ---------------------------------------------------------------- helpers
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) { print "nan"; exit } if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
minmax() { sort -g | awk 'NR == 1 { lo = $1 } { hi = $1 } END { if (NR) printf "%s-%s", lo, hi; else print "n/a" }'; }
fmt0() { awk -v v="$1" 'BEGIN { if (v == "nan" || v == "") print "n/a"; else printf "%\047.0f", v }'; }
fmt1() { awk -v v="$1" 'BEGIN { if (v == "nan" || v == "") print "n/a"; else printf "%.1f", v }'; }
fmt2() { awk -v v="$1" 'BEGIN { if (v == "nan" || v == "") print "n/a"; else printf "%.2f", v }'; }
# verdict VALUE OP TARGET -> PASS/FAIL (OP is ge, le or lt)
verdict() { awk -v v="$1" -v op="$2" -v t="$3" 'BEGIN { if (v == "nan" || v == "") { print "FAIL (no data)"; exit }
  ok = (op == "ge") ? v >= t : (op == "le") ? v <= t : v < t; print ok ? "PASS" : "**FAIL**" }'; }

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

wait_http() { # URL: any HTTP answer within 60 s
  local deadline=$(( $(date +%s) + 60 ))
  until curl -s -o /dev/null --max-time 2 "$1"; do
    [ "$(date +%s)" -lt "$deadline" ] || die "no answer from $1 within 60 s"
    [ -z "${2:-}" ] || kill -0 "$2" 2>/dev/null || die "the process behind $1 exited (see bench/work/run/*.log)"
    sleep 0.2
  done
}

# start_server NAME PORT DATA [VAR=value ...]: Picshelf on CPU 0; the pid is the dotnet process itself (env and taskset exec).
start_server() {
  local name=$1 port=$2 data=$3; shift 3
  port_free "$port" || die "port $port is in use (set PORT_BASE)"
  # One client makes hundreds of thousands of calls here: credits would refuse them long before the end,
  # so every budget is out of reach unless a caller sets its own.
  # shellcheck disable=SC2086  # SERVER_ENV is a list of VAR=value words
  env RateLimits__CreditsPerDay=2000000000 RateLimits__UserCreditsPerHour=2000000000 RateLimits__PostsPerHour=2000000000 \
    $SERVER_ENV "$@" DOTNET_CLI_TELEMETRY_OPTOUT=1 taskset -c 0 dotnet "$PUBLISH/Picshelf.dll" --urls "http://127.0.0.1:$port" --data "$data" \
    >"$RUN/$name.log" 2>&1 &
  local pid=$!
  PIDS+=("$pid")
  wait_http "http://127.0.0.1:$port/3/image/xxxxxxx" "$pid"
  grep -q 'Picshelf.dll' "/proc/$pid/cmdline" 2>/dev/null || die "$name: pid $pid is not the dotnet process"
  [ "$(cat "/proc/$pid/comm")" = dotnet ] || die "$name: pid $pid is $(cat "/proc/$pid/comm"), not dotnet"
  printf -v "PID_$name" '%s' "$pid"
  log "$name: pid $pid on http://127.0.0.1:$port (affinity $(taskset -pc "$pid" | awk '{ print $NF }'))"
}

create_client() { # DATA -> client_id
  dotnet "$PUBLISH/Picshelf.dll" clients create --name bench --data "$1" | sed -n 's/.*"client_id":"\([^"]*\)".*/\1/p'
}

upload() { # PORT CLIENT_ID FILE -> image id
  local body
  body=$(curl -sS --max-time 120 -H "Authorization: Client-ID $2" -F "image=@$3" "http://127.0.0.1:$1/3/image")
  case $body in *'"success":true'*) ;; *) die "upload of $3 failed: ${body:0:300}";; esac
  sed -n 's/^{"data":{"id":"\([^"]*\)".*/\1/p' <<<"$body"
}

vmhwm_mb() { awk '/^VmHWM:/ { printf "%.1f", $2 / 1024 }' "/proc/$1/status"; }

# run_wrk ROUND LABEL URL [wrk args...]: one wrk run on CPU 1, raw output kept, one parsed line appended to samples.tsv:
# round label rps p50_ms p99_ms non2xx socket_errors transfer
run_wrk() {
  local round=$1 label=$2 url=$3; shift 3
  local out="$RAW/$label.r$round.txt"
  taskset -c 1 wrk --latency --timeout 10s "$@" "$url" >"$out" 2>&1 || die "wrk failed: $(tail -3 "$out")"
  awk -v round="$round" -v label="$label" '
    function ms(x) { if (x ~ /us$/) return x / 1000; if (x ~ /ms$/) return x + 0; if (x ~ /m$/) return x * 60000; if (x ~ /s$/) return x * 1000; return x }
    /^Requests\/sec:/ { rps = $2 }
    /^Transfer\/sec:/ { tr = $2 }
    /^ +50%/ { p50 = ms($2) }
    /^ +99%/ { p99 = ms($2) }
    /Non-2xx or 3xx responses:/ { non2xx = $NF }
    /Socket errors:/ { gsub(/,/, ""); err = $4 + $6 + $8 + $10 }
    END { printf "%s\t%s\t%s\t%.3f\t%.3f\t%d\t%d\t%s\n", round, label, rps, p50, p99, non2xx, err, tr }' "$out" >>"$SAMPLES"
  tail -1 "$SAMPLES" | awk -F'\t' '{ printf "  r%s %-14s %10.0f req/s  p50 %7.2f ms  p99 %7.2f ms%s\n", $1, $2, $3, $4, $5, ($6 + $7 > 0 ? "  non2xx/errors " $6 "/" $7 : "") }' >&2
}
col() { awk -F'\t' -v l="$1" -v c="$2" '$2 == l && $1 != "w" { print $c }' "$SAMPLES"; }   # LABEL COLUMN -> values over rounds
ratios() { # NUM_LABEL DEN_LABEL -> per-round NUM/DEN req/s
  awk -F'\t' -v n="$1" -v d="$2" '$1 != "w" && $2 == n { a[$1] = $3 } $1 != "w" && $2 == d { b[$1] = $3 }
    END { for (r in a) if (r in b && b[r] > 0) printf "%.4f\n", a[r] / b[r] }' "$SAMPLES"; }
round_ratios() { # NUM_LABEL DEN_LABEL -> "r1, r2, ..." per-round NUM/DEN req/s, in round order
  awk -F'\t' -v n="$1" -v d="$2" '$1 != "w" && $2 == n { a[$1] = $3 } $1 != "w" && $2 == d { b[$1] = $3 }
    END { for (r = 1; r in a; r++) s = s (s == "" ? "" : ", ") sprintf("%.2f", a[r] / b[r]); print s }' "$SAMPLES"; }
errors_of() { awk -F'\t' -v l="$1" '$2 == l { s += $6 + $7 } END { print s + 0 }' "$SAMPLES"; }

machine() {
  echo "$(nproc) CPUs, $(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo), \
$(awk '/^MemTotal/ { printf "%.1f GiB RAM", $2 / 1048576 }' /proc/meminfo), kernel $(uname -r), \
.NET SDK $(dotnet --version), wrk $(wrk -v 2>&1 | awk 'NR == 1 { print $2 }' || true)"
}

# warm_in_bursts URL [wrk args...]: BURSTS (6) untimed 2 s runs of wrk, each followed by a 1 s pause. Under continuous load
# on its one core a .NET server keeps running unoptimised code for a long time: its tiered JIT promotes methods in a thread
# of its own, which gets the core only when the requests leave it idle. One API server alone held ~2,400 req/s for 40 s of
# load and reached ~6,200 after 5-7 such bursts (bench/metrics.sh), and in a perf profile taken after four 3 s bursts the
# JIT still had 8 % of the CPU. Every Picshelf URL a script compares gets its bursts before the warm-up round.
warm_in_bursts() {
  local url=$1 b; shift
  for b in $(seq "${BURSTS:-6}"); do
    taskset -c 1 wrk -t2 -c64 -d2s "$@" "$url" >/dev/null 2>&1 || die "wrk failed on $url"
    sleep 1
  done
}

# run_rounds: the caller's one_round ROUND DURATION once untimed (round "w", WARMUP seconds), then ROUNDS times.
run_rounds() {
  log "warm-up round (${WARMUP}s per URL, not counted)"
  one_round w "$WARMUP"
  local r
  for r in $(seq "$ROUNDS"); do
    log "round $r/$ROUNDS (${DURATION}s per URL)"
    one_round "$r" "$DURATION"
  done
}
