#!/usr/bin/env bash
# What the Prometheus metrics cost: requests per second of GET /3/image/{id} on three identical Picshelf processes,
# one as shipped (metrics off), one with Telemetry__Metrics=true (OpenTelemetry listening to ASP.NET Core's request
# duration histogram and Picshelf's own meter, /metrics served), one with the request log line turned on
# (Logging__LogLevel__Picshelf.Api.RequestLog=Information, metrics off), measured side by side in interleaved rounds
# (the server as shipped runs immediately before each of the other two). While the metrics server is measured, /metrics
# is scraped every SCRAPE_EVERY seconds of its load, as Prometheus would; a last scrape must count the requests.
# Run from the repository root:   bench/metrics.sh             (ROUNDS=5 DURATION=10, about 5 minutes)
# Target: metrics cost under 3 % (ratio >= 0.97). The request log line has no target; it is shown for comparison.
set -euo pipefail

ROUNDS=${ROUNDS:-5}
DURATION=${DURATION:-10}
WARMUP=${WARMUP:-3}
BURSTS=${BURSTS:-6}                 # untimed 2 s bursts per server before the warm-up round (see "warm-up" below)
CONNECTIONS=${CONNECTIONS:-64}
PORT_BASE=${PORT_BASE:-18780}       # Picshelf on PORT_BASE+1..+3
RESULT_NAME=${RESULT_NAME:-metrics}
SCRAPE_EVERY=${SCRAPE_EVERY:-15}    # seconds of the metrics server's wrk runs between two scrapes; 0: only the last one

LOADAVG_START=$(cut -d' ' -f1-3 /proc/loadavg)   # before the build: what else the machine was doing
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh" run-metrics

fresh_run
CPU_TSV=$RUN/cpu.tsv
printf 'round\tlabel\trequests\tserver_ticks\tcpu0_busy\tcpu0_all\n' >"$CPU_TSV"
SCRAPES=$RUN/scrapes.tsv
printf 'time\thttp_code\tbytes\tseconds\n' >"$SCRAPES"

declare -A PORT=([off]=$((PORT_BASE + 1)) [metrics]=$((PORT_BASE + 2)) [log]=$((PORT_BASE + 3)))
declare -A URL AUTH
for name in off metrics log; do
  data=$RUN/data-$name
  cid=$(create_client "$data"); [ -n "$cid" ] || die "clients create failed"
  case $name in
    off) start_server "$name" "${PORT[$name]}" "$data" ;;
    metrics) start_server "$name" "${PORT[$name]}" "$data" Telemetry__Metrics=true ;;
    log) start_server "$name" "${PORT[$name]}" "$data" Logging__LogLevel__Picshelf.Api.RequestLog=Information ;;
  esac
  id=$(upload "${PORT[$name]}" "$cid" "$IMAGES/serve.jpg")
  URL[$name]="http://127.0.0.1:${PORT[$name]}/3/image/$id"
  AUTH[$name]="Authorization: Client-ID $cid"
done
METRICS_URL="http://127.0.0.1:${PORT[metrics]}/metrics"

# What is compared must be what it claims: /metrics only on the metrics server, the request log only on the log server.
for name in off metrics log; do
  curl -sS -o /dev/null -H "${AUTH[$name]}" "${URL[$name]}"
done
scrape() { curl -sS --max-time 10 -o "$1" -w '%{http_code}' "$METRICS_URL"; }   # FILE -> HTTP status
[ "$(scrape "$RUN/scrape-first.txt")" = 200 ] || die "the metrics server does not serve /metrics"
grep -q '^# TYPE ' "$RUN/scrape-first.txt" || die "the metrics server's /metrics is not a Prometheus scrape"
for name in off log; do
  status=$(curl -s -o "$RUN/metrics-$name.txt" -w '%{http_code}' "http://127.0.0.1:${PORT[$name]}/metrics" || true)
  [ "$status" != 200 ] || ! grep -q '^# TYPE ' "$RUN/metrics-$name.txt" || die "$name serves /metrics"
done
sleep 1   # the console logger writes from its own thread
request_lines() { grep -c 'Picshelf.Api.RequestLog' "$RUN/$1.log" || true; }
[ "$(request_lines log)" -gt 0 ] || die "the log server wrote no request log line"
for name in off metrics; do [ "$(request_lines "$name")" -eq 0 ] || die "$name writes request log lines"; done

# While the metrics server is under load, a scraper on CPU 1 (beside wrk, like a Prometheus elsewhere) takes /metrics
# after every SCRAPE_EVERY seconds the flag file exists; one_round sets the flag around the metrics server's runs only.
SCRAPING=$RUN/scraping
if [ "$SCRAPE_EVERY" -gt 0 ]; then
  (
    loaded=0
    while :; do
      sleep 1
      [ -e "$SCRAPING" ] || continue
      loaded=$((loaded + 1))
      [ "$loaded" -ge "$SCRAPE_EVERY" ] || continue
      loaded=0
      taskset -c 1 curl -sS --max-time 10 -o "$RUN/scrape-during.txt" -w "$(date +%s)\t%{http_code}\t%{size_download}\t%{time_total}\n" \
        "$METRICS_URL" >>"$SCRAPES" 2>>"$RUN/scraper.err" || true
    done
  ) &
  PIDS+=("$!")
fi

# measure ROUND LABEL SERVER DURATION: run_wrk, plus the server's CPU time and CPU 0's use by everything during it.
HZ=$(getconf CLK_TCK)
server_ticks() { local pid="PID_$1"; awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/${!pid}/stat"; }   # utime + stime
cpu0() { awk '$1 == "cpu0" { all = 0; for (i = 2; i <= 9; i++) all += $i; print all - $5 - $6, all }' /proc/stat; }   # busy all
LOAD=(-t2 "-c$CONNECTIONS")
# quiesce: before each run, wait (20 s at most) until the three servers used under 5 % of CPU 0 in a 0.5 s window. After a
# run, a .NET process's tiered JIT goes on recompiling for seconds on CPU 0, which would be charged to the next server.
QUIET_WAITS=$RUN/quiet-waits.txt
quiesce() {
  local t0 t1 start=$SECONDS
  busy() { echo $(( $(server_ticks off) + $(server_ticks metrics) + $(server_ticks log) )); }
  while :; do
    t0=$(busy); sleep 0.5; t1=$(busy)
    [ $((t1 - t0)) -gt $((HZ / 40)) ] || break
    [ $((SECONDS - start)) -lt 20 ] || { log "  note: the servers still busy after 20 s ($((t1 - t0)) ticks in 0.5 s); measuring anyway"; break; }
  done
  echo $((SECONDS - start)) >>"$QUIET_WAITS"
}
measure() {
  local r=$1 label=$2 name=$3 d=$4 t0 t1 b0 a0 b1 a1 requests
  quiesce
  t0=$(server_ticks "$name"); read -r b0 a0 < <(cpu0)
  [ "$name" != metrics ] || touch "$SCRAPING"
  run_wrk "$r" "$label" "${URL[$name]}" "${LOAD[@]}" "-d${d}s" -H "${AUTH[$name]}"
  rm -f "$SCRAPING"
  t1=$(server_ticks "$name"); read -r b1 a1 < <(cpu0)
  requests=$(awk '/ requests in / { print $1 }' "$RAW/$label.r$r.txt")
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$r" "$label" "${requests:-0}" $((t1 - t0)) $((b1 - b0)) $((a1 - a0)) >>"$CPU_TSV"
}
one_round() { # ROUND DURATION
  local r=$1 d=$2
  measure "$r" off_a off "$d"
  measure "$r" metrics metrics "$d"
  measure "$r" off_b off "$d"
  measure "$r" log log "$d"
}
# Warm-up. Under continuous load on its one core a server stays at tier-0 (unoptimised) code for a long time: its tiered
# JIT promotes methods in the pauses. One server alone held ~2,400 req/s for 40 s of load, and reached ~6,200 after 5-7 bursts
# of 2 s with 2 s pauses. The server measured twice per round (off) would otherwise reach that sooner than the others.
# So before the (lib.sh) warm-up round, BURSTS short untimed bursts per server, taking turns, each after quiesce.
log "warm-up: $BURSTS bursts of 2 s per server, taking turns (not counted)"
for b in $(seq "$BURSTS"); do
  for name in off metrics log; do
    quiesce
    taskset -c 1 wrk -t2 "-c$CONNECTIONS" -d2s -H "${AUTH[$name]}" "${URL[$name]}" >"$RAW/burst.$name.$b.txt" 2>&1 || die "wrk failed: $(tail -3 "$RAW/burst.$name.$b.txt")"
    awk -v n="$name" '/^Requests\/sec:/ { printf "  %s %.0f", n, $2 }' "$RAW/burst.$name.$b.txt" >&2
  done
  echo " req/s" >&2
done
run_rounds

# The last scrape: ASP.NET Core's histogram must be there and must have counted the requests wrk made.
[ "$(scrape "$RUN/scrape-last.txt")" = 200 ] || die "the last scrape of /metrics failed"
grep -q '^http_server_request_duration_seconds_count' "$RUN/scrape-last.txt" \
  || die "the last scrape has no http_server_request_duration_seconds_count (see $RUN/scrape-last.txt)"
COUNTED=$(awk '/^http_server_request_duration_seconds_count\{/ && /http_route="\/3\/image\/\{/ && /http_request_method="GET"/ {
  sub(/^.*\} */, ""); split($0, v, " "); s += v[1] } END { printf "%d", s }' "$RUN/scrape-last.txt")
SENT=$(cat "$RAW"/burst.metrics.*.txt "$RAW"/metrics.r*.txt | awk '/ requests in / { s += $1 } END { printf "%d", s }')
SERIES=$(grep -vc '^#' "$RUN/scrape-last.txt" || true)
OWN=$(awk '/^# TYPE picshelf_/ { n++ } END { print n + 0 }' "$RUN/scrape-last.txt")
DURING=$(awk -F'\t' 'NR > 1 { n++; if ($2 == 200) ok++ } END { printf "%d %d", n, ok }' "$SCRAPES")
read -r N_SCRAPES OK_SCRAPES <<<"$DURING"
SCRAPE_MS=$(awk -F'\t' 'NR > 1 { print $4 * 1000 }' "$SCRAPES" | median)
LOG_LINES=$(request_lines log)
LOADAVG_END=$(cut -d' ' -f1-3 /proc/loadavg)

med_rps() { col "$1" 3 | median; }
cpu_col() { awk -F'\t' -v l="$1" -v hz="$HZ" "NR > 1 && \$1 != \"w\" && \$2 == l && \$3 > 0 { t = \$4; b = \$5; a = \$6; n = \$3; print ($2) }" "$CPU_TSV"; }
us_per_req() { cpu_col "$1" 't * 1e6 / hz / n' | median; }
others_pct() { cpu_col "$1" 'a > 0 && b > t ? 100 * (b - t) / a : 0' | median; }   # CPU 0 used by other processes
cpu_ratios() { # NUM_LABEL DEN_LABEL -> per-round NUM/DEN server CPU per request
  awk -F'\t' -v n="$1" -v d="$2" 'NR > 1 && $1 != "w" && $3 > 0 { c = $4 / $3 } NR > 1 && $1 != "w" && $2 == n && $3 > 0 { a[$1] = c }
    NR > 1 && $1 != "w" && $2 == d && $3 > 0 { b[$1] = c } END { for (r in a) if (r in b && b[r] > 0) printf "%.4f\n", a[r] / b[r] }' "$CPU_TSV"; }
R_METRICS=$(ratios metrics off_a | median)
R_LOG=$(ratios log off_b | median)
C_METRICS=$(cpu_ratios metrics off_a | median)
C_LOG=$(cpu_ratios log off_b | median)
cost() { awk -v r="$1" 'BEGIN { if (r == "nan" || r == "") print "n/a"; else printf "%.1f %%", (1 - r) * 100 }'; }
cpu_cost() { awk -v r="$1" 'BEGIN { if (r == "nan" || r == "") print "n/a"; else printf "%+.1f %%", (r - 1) * 100 }'; }
metrics_verdict() {
  local v; v=$(verdict "$R_METRICS" ge 0.97)
  [ "$(errors_of metrics)" -eq 0 ] || v="$v (non-2xx/socket errors!)"
  echo "$v"
}
{
  echo "# Picshelf Prometheus metrics cost"
  echo
  echo "$(date -u '+%Y-%m-%d %H:%M UTC'), built from commit $COMMIT"
  echo
  echo "Machine: $(machine). Load average before the build: $LOADAVG_START; at the end (this run's own load included): $LOADAVG_END."
  echo
  echo "Setup: three Picshelf processes pinned to CPU 0, \`taskset -c 1 wrk -t2 -c$CONNECTIONS -d${DURATION}s --latency\` on"
  echo "\`GET /3/image/{id}\` with a Client-ID; $BURSTS untimed 2 s bursts per server taking turns, a ${WARMUP}s warm-up round, then $ROUNDS"
  echo "interleaved rounds, each \`off_a, metrics, off_b, log\`: the server as shipped runs immediately before each other one, ratios"
  echo "are per round and the table shows their median. Before every run the script waits until the three servers are idle"
  echo "(background JIT; median wait $(median <"$QUIET_WAITS") s, longest $(sort -n "$QUIET_WAITS" | tail -1) s)."
  echo "\`metrics\` has \`Telemetry__Metrics=true\`; \`log\` has \`Logging__LogLevel__Picshelf.Api.RequestLog=Information\` (its console"
  echo "output goes to a file). /metrics was scraped every ${SCRAPE_EVERY}s of the metrics server's load (0: never) from CPU 1."
  echo
  echo "| variant | req/s (median) | as shipped, same round | ratio / target | cost in req/s | server CPU per request | result |"
  echo "|---|---|---|---|---|---|---|"
  echo "| metrics on | $(fmt0 "$(med_rps metrics)") | $(fmt0 "$(med_rps off_a)") | $(fmt2 "$R_METRICS")x / >= 0.97x | $(cost "$R_METRICS") | $(fmt1 "$(us_per_req metrics)") vs $(fmt1 "$(us_per_req off_a)") µs ($(cpu_cost "$C_METRICS")) | $(metrics_verdict) |"
  echo "| request log line on | $(fmt0 "$(med_rps log)") | $(fmt0 "$(med_rps off_b)") | $(fmt2 "$R_LOG")x / none | $(cost "$R_LOG") | $(fmt1 "$(us_per_req log)") vs $(fmt1 "$(us_per_req off_b)") µs ($(cpu_cost "$C_LOG")) | — |"
  echo
  echo "| wrk run | req/s median (min-max) | p50 ms | p99 ms | server CPU µs/request | CPU 0 used by other processes |"
  echo "|---|---|---|---|---|---|"
  for l in off_a metrics off_b log; do
    echo "| $l | $(fmt0 "$(med_rps "$l")") ($(col "$l" 3 | awk '{ printf "%.0f\n", $1 }' | minmax)) | $(fmt2 "$(col "$l" 4 | median)") | $(fmt2 "$(col "$l" 5 | median)") | $(fmt1 "$(us_per_req "$l")") | $(fmt1 "$(others_pct "$l")") % |"
  done
  echo
  echo "* Per-round req/s ratios, metrics/off_a: $(ratios metrics off_a | sort -g | awk '{ printf "%s%.3f", (NR > 1 ? ", " : ""), $1 }'); log/off_b: $(ratios log off_b | sort -g | awk '{ printf "%s%.3f", (NR > 1 ? ", " : ""), $1 }')."
  echo "* Scrapes during the metrics server's runs: $OK_SCRAPES of $N_SCRAPES answered 200, median $(fmt1 "$SCRAPE_MS") ms. The last scrape:"
  echo "  $(stat -c %s "$RUN/scrape-last.txt") bytes, $SERIES samples, $OWN \`picshelf_*\` metrics; \`http_server_request_duration_seconds_count\` of"
  echo "  \`GET /3/image/{…}\` = $(fmt0 "$COUNTED"), wrk completed $(fmt0 "$SENT") on that server over the whole run (the checks' requests and those in flight when wrk stopped come on top)."
  echo "* Request log lines written by the \`log\` server: $(fmt0 "$LOG_LINES") ($(du -m "$RUN/log.log" | cut -f1) MB of console output)."
  echo "* Server CPU per request is utime+stime of the dotnet process over the wrk run divided by the requests wrk completed;"
  echo "  \"used by other processes\" is CPU 0's busy time not spent by that server (another job on the machine shows there)."
  echo "* Raw wrk output, logs and scrapes: bench/work/run-metrics/; samples: bench/results/$RESULT_NAME-samples.tsv, CPU: $RESULT_NAME-cpu.tsv."
} >"$RESULTS/$RESULT_NAME.md"
cp "$SAMPLES" "$RESULTS/$RESULT_NAME-samples.tsv"
cp "$CPU_TSV" "$RESULTS/$RESULT_NAME-cpu.tsv"
echo
cat "$RESULTS/$RESULT_NAME.md"
log "done in $(( $(date +%s) - T0 )) s; written to bench/results/$RESULT_NAME.md"
