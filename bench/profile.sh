#!/usr/bin/env bash
# Where a Picshelf process spends its CPU and how much it allocates per request on the three read paths run.sh measures:
# GET /3/image/{id} (Client-ID), a cached m thumbnail and the 248 KB original from the hot cache. For each path a fresh
# process (CPU 0) is warmed in bursts, then loaded with wrk (CPU 1) while `perf record` samples it and dotnet-counters
# reads its allocation rate. Run from the repository root:   bench/profile.sh        (about 3 minutes)
# Report: bench/results/profile.md (top frames by exclusive CPU, the share of the kernel, JIT and runtime, bytes per request).
set -euo pipefail

DURATION=${DURATION:-16}             # seconds of wrk per path; perf and the counters sample the middle 10 s
PATHS=${PATHS:-api thumb original}
PORT=${PORT:-18780}
TOP=${TOP:-25}
RESULT_NAME=${RESULT_NAME:-profile}

# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh" run-profile
command -v perf >/dev/null || apt-get -o DPkg::Lock::Timeout=600 install -y linux-perf >&2 || die "perf is missing (apt-get install linux-perf)"
COUNTERS=$WORK/tools/dotnet-counters
[ -x "$COUNTERS" ] || dotnet tool install dotnet-counters --tool-path "$WORK/tools" >&2 || die "dotnet tool install dotnet-counters failed"

fresh_run
REPORT=$RESULTS/$RESULT_NAME.md

{
  echo "# Picshelf read paths: CPU profile and allocations"
  echo
  echo "$(date -u '+%Y-%m-%d %H:%M UTC'), built from commit $COMMIT"
  echo
  echo "Machine: $(machine), $(perf version)"
  echo
  echo "One fresh Picshelf per path on CPU 0 (\`DOTNET_PerfMapEnabled=1\`, \`DOTNET_EnableWriteXorExecute=0\` so perf can name"
  echo "JIT-compiled methods), ${BURSTS:-6} warm-up bursts of 2 s, then \`taskset -c 1 wrk -t2 -c64 -d${DURATION}s\`; \`perf record -F 1999 -g\`"
  echo "and \`dotnet-counters\` (\`dotnet.gc.heap.total_allocated\`) over 10 s in the middle of it."
} >"$REPORT"

profile_path() { # NAME
  local name=$1 data=$RUN/data-$1 pid_of=PID_$1 cid id url pid
  cid=$(create_client "$data"); [ -n "$cid" ] || die "clients create failed"
  start_server "$name" "$PORT" "$data" DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0
  pid=${!pid_of}
  id=$(upload "$PORT" "$cid" "$IMAGES/serve.jpg")
  case $name in
    api) url="http://127.0.0.1:$PORT/3/image/$id" ;;
    thumb) url="http://127.0.0.1:$PORT/${id}m.jpg"; curl -sf -o /dev/null "$url" || die "no m thumbnail" ;;
    original) url="http://127.0.0.1:$PORT/$id.jpg" ;;
  esac
  warm_in_bursts "$url" -H "Authorization: Client-ID $cid"
  run_wrk 1 "$name" "$url" -t2 -c64 "-d${DURATION}s" -H "Authorization: Client-ID $cid" &
  local wrk_pid=$!
  sleep $(( (DURATION - 10) / 2 ))
  "$COUNTERS" collect -p "$pid" --counters 'System.Runtime[dotnet.gc.heap.total_allocated]' --duration 00:00:00:10 \
    --format csv -o "$RAW/$name.counters.csv" >/dev/null 2>&1 &
  local counters_pid=$!
  perf record -F 1999 -g -p "$pid" -o "$RAW/$name.perf" -- sleep 10 >/dev/null 2>&1 || die "perf record failed (kernel.perf_event_paranoid?)"
  wait "$counters_pid" || true
  wait "$wrk_pid"
  kill -TERM "$pid"; wait "$pid" 2>/dev/null || true

  local rps bytes_per_s
  rps=$(col "$name" 3 | head -1)
  # The counter reports the bytes allocated in each 1 s interval; the first and last may be partial.
  bytes_per_s=$(awk -F, 'NR > 1 && $3 ~ /total_allocated/ { v[++n] = $NF } END { s = 0; c = 0; for (i = 2; i < n; i++) { s += v[i]; c++ } if (c) printf "%.0f", s / c; else print "nan" }' \
    "$RAW/$name.counters.csv")
  {
    echo
    echo "## $name: \`${url/$id/{id\}}\`"
    echo
    echo "$(fmt0 "$rps") req/s under perf; $(awk -v b="$bytes_per_s" -v r="$rps" 'BEGIN { if (b == "nan" || r == 0) print "n/a"; else printf "%.0f", b / r }') bytes allocated per request ($(awk -v b="$bytes_per_s" 'BEGIN { printf "%.1f", b / 1048576 }') MB/s)."
    echo
    echo "| share of CPU samples | where |"
    echo "|---|---|"
    perf report -i "$RAW/$name.perf" --no-children --sort dso --stdio 2>/dev/null | awk '/^ +[0-9.]+%/ && $1 + 0 >= 0.5 { d = $2; for (i = 3; i <= NF; i++) d = d " " $i; printf "| %s | %s |\n", $1, d }' || true
    echo
    echo "Top $TOP symbols by exclusive CPU ([k] kernel, [.] user space; JIT tiers dropped from the names):"
    echo
    echo '```'
    perf report -i "$RAW/$name.perf" --no-children --sort symbol --stdio -g none 2>/dev/null \
      | awk '/^ +[0-9.]+%/' | sed -E 's/\[(OptimizedTier1|Optimized|Tier0|Tier1|Instrumented[A-Za-z0-9]*|PreJIT|QuickJitted|OptimizedTier1OSR)\]//g; s/ +- +- *$//; s/ {2,}/ /g' | cut -c1-190 | head -"$TOP" || true
    echo '```'
  } >>"$REPORT"
}

for p in $PATHS; do
  log "profiling $p"
  profile_path "$p"
done
cat "$REPORT"
log "done in $(( $(date +%s) - T0 )) s; written to bench/results/$RESULT_NAME.md"
