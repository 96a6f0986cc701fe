#!/usr/bin/env bash
# Picshelf benchmark suite: Picshelf next to nginx (and next to libvips in-process) in the same run,
# pinned like /work/shared/perf-baseline.md (servers on CPU 0, wrk on CPU 1), medians of interleaved rounds.
# Run from the repository root:   bench/run.sh            (full: ROUNDS=5 DURATION=10, ~12 min)
#                                  ROUNDS=3 DURATION=5 bench/run.sh   (quick, ~6 min)
# See bench/README.md. Everything listens on 127.0.0.1 only; every process started here is stopped on exit.
set -euo pipefail

ROUNDS=${ROUNDS:-5}                 # interleaved rounds (medians over these)
DURATION=${DURATION:-10}            # seconds per wrk run
WARMUP=${WARMUP:-3}                 # seconds of untimed warm-up per URL before round 1 (JIT, caches)
CONNECTIONS=${CONNECTIONS:-64}      # wrk -c for the serving measures
THUMB_COPIES=${THUMB_COPIES:-9}     # item 5: uploaded copies of the 3 MB JPEG, each asked once for its l thumbnail
INPROC_COUNT=${INPROC_COUNT:-20}    # item 5: timed in-process thumbnails
MEM_UPLOADS=${MEM_UPLOADS:-48}      # item 6: uploads of the 19 MB JPEG
MEM_CONCURRENCY=${MEM_CONCURRENCY:-8}
BOMB_COUNT=${BOMB_COUNT:-10}        # item 6: timed PNG-bomb uploads
PORT_BASE=${PORT_BASE:-18080}       # ports PORT_BASE .. PORT_BASE+4
RESULT_NAME=${RESULT_NAME:-latest}  # report goes to bench/results/$RESULT_NAME.md (and -samples.tsv)

PS_PORT=$((PORT_BASE + 1))          # Picshelf (items 1-5, bomb)
PS_ACCEL_PORT=$((PORT_BASE + 2))    # Picshelf with Media__AccelRedirectPrefix (item 7), behind nginx
PS_MEM_PORT=$((PORT_BASE + 3))      # Picshelf, fresh process for the memory measure (item 6)
NGX_PORT=$((PORT_BASE + 0))         # nginx serving static copies
NGX_ACCEL_PORT=$((PORT_BASE + 4))   # nginx proxying to PS_ACCEL_PORT and sending the blob itself

# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh" run   # bench/work/run, recreated on every run: data dirs, nginx prefix, logs, raw wrk output
NGX_PREFIX=$RUN/nginx

# ---------------------------------------------------------------- fresh state
fresh_run "$NGX_PREFIX"/{html,logs,tmp}
DATA=$RUN/data-main
DATA_ACCEL=$RUN/data-accel
DATA_MEM=$RUN/data-mem

log "clients"
CID=$(create_client "$DATA");            [ -n "$CID" ] || die "clients create failed"
CID_ACCEL=$(create_client "$DATA_ACCEL"); [ -n "$CID_ACCEL" ] || die "clients create failed"
CID_MEM=$(create_client "$DATA_MEM");     [ -n "$CID_MEM" ] || die "clients create failed"

start_server main "$PS_PORT" "$DATA"
start_server accel "$PS_ACCEL_PORT" "$DATA_ACCEL" Media__AccelRedirectPrefix=/_picshelf_blobs/

# ---------------------------------------------------------------- the images under test
log "uploading and priming"
ID=$(upload "$PS_PORT" "$CID" "$IMAGES/serve.jpg")
ID_ACCEL=$(upload "$PS_ACCEL_PORT" "$CID_ACCEL" "$IMAGES/serve.jpg")
BLOB=$DATA/blobs/originals/${ID:0:2}/$ID
BLOB_ACCEL=$DATA_ACCEL/blobs/originals/${ID_ACCEL:0:2}/$ID_ACCEL
[ -f "$BLOB" ] && [ -f "$BLOB_ACCEL" ] || die "original blob not found at $BLOB"
cp "$BLOB" "$NGX_PREFIX/html/big.jpg"

curl -sf --max-time 60 -o "$RUN/m.jpg" "http://127.0.0.1:$PS_PORT/${ID}m.jpg" || die "m thumbnail request failed"
THUMB_BLOB=$DATA/blobs/thumbnails/${ID:0:2}/${ID}m
[ -f "$THUMB_BLOB" ] || die "thumbnail blob not found at $THUMB_BLOB"
cp "$THUMB_BLOB" "$NGX_PREFIX/html/thumb.jpg"

curl -sf --max-time 10 -H "Authorization: Client-ID $CID" -o "$NGX_PREFIX/html/image.json" "http://127.0.0.1:$PS_PORT/3/image/$ID" \
  || die "GET /3/image/$ID failed"

# ---------------------------------------------------------------- nginx (1 worker on CPU 0, like perf-baseline.md)
temp_paths="client_body_temp_path $NGX_PREFIX/tmp/body; proxy_temp_path $NGX_PREFIX/tmp/proxy;"
for module in fastcgi uwsgi scgi; do
  "$NGINX" -V 2>&1 | grep -q "without-http_${module}_module" || temp_paths+=" ${module}_temp_path $NGX_PREFIX/tmp/$module;"
done
cat >"$NGX_PREFIX/nginx.conf" <<EOF
worker_processes 1;
daemon off;
pid $NGX_PREFIX/logs/nginx.pid;
error_log $NGX_PREFIX/logs/error.log warn;
events { worker_connections 4096; }
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log off;
  sendfile on; tcp_nopush on; tcp_nodelay on;
  open_file_cache max=1000 inactive=60s;
  keepalive_requests 1000000; keepalive_timeout 65;
  $temp_paths

  # static peer: the same bytes Picshelf serves, as files
  server { listen 127.0.0.1:$NGX_PORT; root $NGX_PREFIX/html; }

  # item 7: nginx in front of Picshelf; Picshelf answers X-Accel-Redirect, nginx sends the blob
  upstream picshelf_accel { server 127.0.0.1:$PS_ACCEL_PORT; keepalive 64; keepalive_requests 1000000; }
  server {
    listen 127.0.0.1:$NGX_ACCEL_PORT;
    location / {
      proxy_pass http://picshelf_accel;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host \$http_host;
    }
    location /_picshelf_blobs/ { internal; alias $DATA_ACCEL/blobs/; }
  }
}
EOF
port_free "$NGX_PORT" && port_free "$NGX_ACCEL_PORT" || die "nginx ports $NGX_PORT/$NGX_ACCEL_PORT in use (set PORT_BASE)"
NGX_ARGS=(-p "$NGX_PREFIX" -e "$NGX_PREFIX/logs/error.log" -c "$NGX_PREFIX/nginx.conf")
"$NGINX" -t -q "${NGX_ARGS[@]}" >"$RUN/nginx-t.log" 2>&1 || { cat "$RUN/nginx-t.log" >&2; die "nginx -t failed"; }
taskset -c 0 "$NGINX" "${NGX_ARGS[@]}" >"$RUN/nginx.log" 2>&1 &
PIDS+=("$!")
wait_http "http://127.0.0.1:$NGX_PORT/big.jpg" "${PIDS[-1]}"
log "nginx: pid ${PIDS[-1]} on 127.0.0.1:$NGX_PORT (static) and :$NGX_ACCEL_PORT (accel proxy)"

# ---------------------------------------------------------------- correctness of what is compared
same_bytes() { # URL FILE [curl args]
  local url=$1 file=$2; shift 2
  curl -sf --max-time 10 "$@" -o "$RUN/check.bin" "$url" || die "GET $url failed"
  cmp -s "$RUN/check.bin" "$file" || die "GET $url does not return the bytes of $file"
}
same_bytes "http://127.0.0.1:$PS_PORT/$ID.jpg" "$BLOB"
same_bytes "http://127.0.0.1:$NGX_PORT/big.jpg" "$BLOB"
same_bytes "http://127.0.0.1:$PS_PORT/${ID}m.jpg" "$THUMB_BLOB"
same_bytes "http://127.0.0.1:$NGX_PORT/thumb.jpg" "$THUMB_BLOB"
same_bytes "http://127.0.0.1:$NGX_PORT/image.json" "$NGX_PREFIX/html/image.json"
same_bytes "http://127.0.0.1:$NGX_ACCEL_PORT/$ID_ACCEL.jpg" "$BLOB_ACCEL"
cmp -s "$BLOB" "$BLOB_ACCEL" || log "note: the two stored originals differ"
curl -s -D - -o /dev/null "http://127.0.0.1:$PS_ACCEL_PORT/$ID_ACCEL.jpg" | grep -qi '^X-Accel-Redirect: /_picshelf_blobs/originals/' \
  || die "the accel Picshelf does not answer X-Accel-Redirect"
BIG_BYTES=$(stat -c %s "$BLOB"); THUMB_BYTES=$(stat -c %s "$THUMB_BLOB"); JSON_BYTES=$(stat -c %s "$NGX_PREFIX/html/image.json")
log "big $BIG_BYTES B, m thumbnail $THUMB_BYTES B, JSON $JSON_BYTES B: all checked byte-identical"


U_NGX_BIG="http://127.0.0.1:$NGX_PORT/big.jpg"
U_PS_BIG="http://127.0.0.1:$PS_PORT/$ID.jpg"
U_NGX_THUMB="http://127.0.0.1:$NGX_PORT/thumb.jpg"
U_PS_THUMB="http://127.0.0.1:$PS_PORT/${ID}m.jpg"
U_NGX_JSON="http://127.0.0.1:$NGX_PORT/image.json"
U_PS_JSON="http://127.0.0.1:$PS_PORT/3/image/$ID"
U_ACCEL="http://127.0.0.1:$NGX_ACCEL_PORT/$ID_ACCEL.jpg"
U_UPLOAD="http://127.0.0.1:$PS_PORT/3/image"
AUTH="Authorization: Client-ID $CID"
LOAD=(-t2 "-c$CONNECTIONS")

one_round() { # ROUND DURATION: nginx immediately before Picshelf in every pair
  local r=$1 d=$2
  run_wrk "$r" ngx_big "$U_NGX_BIG" "${LOAD[@]}" "-d${d}s"
  run_wrk "$r" ps_big "$U_PS_BIG" "${LOAD[@]}" "-d${d}s"
  run_wrk "$r" ngx_thumb "$U_NGX_THUMB" "${LOAD[@]}" "-d${d}s"
  run_wrk "$r" ps_thumb "$U_PS_THUMB" "${LOAD[@]}" "-d${d}s"
  run_wrk "$r" ngx_json "$U_NGX_JSON" "${LOAD[@]}" "-d${d}s" -H "$AUTH"
  run_wrk "$r" ps_json "$U_PS_JSON" "${LOAD[@]}" "-d${d}s" -H "$AUTH"
  run_wrk "$r" ngx_big2 "$U_NGX_BIG" "${LOAD[@]}" "-d${d}s"
  run_wrk "$r" accel_big "$U_ACCEL" "${LOAD[@]}" "-d${d}s"
  UPLOAD_FILE="$IMAGES/serve.jpg" CID="$CID" run_wrk "$r" ps_upload "$U_UPLOAD" -t1 -c1 "-d${d}s" -s "$BENCH/upload.lua"
}

log "warm-up: ${BURSTS:-6} bursts of 2 s per Picshelf URL (warm_in_bursts in bench/lib.sh)"
for url in "$U_PS_JSON" "$U_PS_THUMB" "$U_PS_BIG" "$U_ACCEL"; do warm_in_bursts "$url" -H "$AUTH"; done
run_rounds

# ---------------------------------------------------------------- item 5: first request of an l thumbnail of a 3 MB 4000x3000 JPEG
log "item 5: $((THUMB_COPIES + 1)) uploads of big.jpg, then one /{id}l.jpg each (the first one untimed: process warm-up)"
L_IDS=()
for _ in $(seq $((THUMB_COPIES + 1))); do L_IDS+=("$(upload "$PS_PORT" "$CID" "$IMAGES/big.jpg")"); done
: >"$RUN/l_times.txt"
L_WARM_MS=""
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }   # utime + stime of the process, in clock ticks
for id in "${L_IDS[@]}"; do
  [ -z "$L_WARM_MS" ] || [ -n "${L_CPU0:-}" ] || L_CPU0=$(cpu_ticks "$PID_main")
  sleep 0.2
  res=$(taskset -c 1 curl -s --max-time 60 -o "$RUN/l.jpg" -w '%{http_code} %{time_total}' "http://127.0.0.1:$PS_PORT/${id}l.jpg")
  [ "${res%% *}" = 200 ] || die "GET /${id}l.jpg answered ${res%% *}"
  ms=$(awk -v t="${res#* }" 'BEGIN { printf "%.2f", t * 1000 }')
  if [ -z "$L_WARM_MS" ]; then L_WARM_MS=$ms; else echo "$ms" >>"$RUN/l_times.txt"; fi
done
L_CPU_MS=$(awk -v a="$L_CPU0" -v b="$(cpu_ticks "$PID_main")" -v hz="$(getconf CLK_TCK)" -v n="$THUMB_COPIES" 'BEGIN { printf "%.1f", (b - a) * 1000 / hz / n }')
L_BYTES=$(stat -c %s "$RUN/l.jpg")
L_MS=$(median <"$RUN/l_times.txt")
log "  first-request l thumbnail: median $L_MS ms, server CPU $L_CPU_MS ms per request (all: $(tr '\n' ' ' <"$RUN/l_times.txt"))"

log "item 5 peer: libvips in-process (taskset -c 0, $INPROC_COUNT timed after warm-up)"
taskset -c 0 dotnet "$TOOL/Picshelf.Bench.dll" thumb "$IMAGES/big.jpg" 640 "$INPROC_COUNT" >"$RUN/inproc.txt"
kv() { awk -v k="$1" '$1 == k { print $2 }' "$RUN/inproc.txt"; }
VIPS_MS=$(kv thumb_plain_ms); VIPS_SERVER_MS=$(kv thumb_server_ms)
log "  in-process: plain q85 $VIPS_MS ms, server's exact call (ThumbnailStream, keep none) $VIPS_SERVER_MS ms"

# ---------------------------------------------------------------- item 6b: PNG bomb rejection (main server, warm)
log "item 6: PNG bomb, 1 warm-up + $BOMB_COUNT timed"
: >"$RUN/bomb_times.txt"; BOMB_CODES=""
for i in $(seq 0 "$BOMB_COUNT"); do
  res=$(taskset -c 1 curl -s --max-time 60 -o "$RUN/bomb_body.json" -w '%{http_code} %{time_total}' -H "$AUTH" -F "image=@$IMAGES/bomb.png" "$U_UPLOAD")
  [ "$i" -eq 0 ] && continue
  BOMB_CODES+="${res%% *} "
  awk -v t="${res#* }" 'BEGIN { printf "%.2f\n", t * 1000 }' >>"$RUN/bomb_times.txt"
done
BOMB_MS=$(median <"$RUN/bomb_times.txt")
BOMB_BAD=$(tr ' ' '\n' <<<"$BOMB_CODES" | grep -cv -e '^400$' -e '^$' || true)
log "  bomb: median $BOMB_MS ms, codes: $BOMB_CODES; body: $(head -c 200 "$RUN/bomb_body.json")"
MAIN_HWM=$(vmhwm_mb "$PID_main")

# ---------------------------------------------------------------- item 6a: peak memory, 19 MB uploads at concurrency 8, fresh process
log "item 6: fresh server, $MEM_UPLOADS uploads of huge.jpg at concurrency $MEM_CONCURRENCY"
# The other two servers are idle anyway; stopping them frees CPU 0 and memory for this measure.
stop_server() { # PID
  kill -TERM "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
  local keep=() p
  for p in "${PIDS[@]}"; do [ "$p" = "$1" ] || keep+=("$p"); done
  PIDS=("${keep[@]}")
}
stop_server "$PID_main"
stop_server "$PID_accel"
start_server mem "$PS_MEM_PORT" "$DATA_MEM"
upload "$PS_MEM_PORT" "$CID_MEM" "$IMAGES/serve.jpg" >/dev/null   # warm-up: first upload loads libvips
MEM_HWM_BEFORE=$(vmhwm_mb "$PID_mem")
mem_start=$(date +%s.%N)
seq "$MEM_UPLOADS" | taskset -c 1 xargs -P "$MEM_CONCURRENCY" -I{} \
  curl -s --max-time 300 -o /dev/null -w '%{http_code} %{time_total}\n' -H "Authorization: Client-ID $CID_MEM" \
  -F "image=@$IMAGES/huge.jpg" "http://127.0.0.1:$PS_MEM_PORT/3/image" >"$RUN/mem_uploads.txt" || true
mem_secs=$(awk -v a="$mem_start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
MEM_HWM=$(vmhwm_mb "$PID_mem")
MEM_OK=$(awk '$1 == 200' "$RUN/mem_uploads.txt" | wc -l)
MEM_UPLOAD_MS=$(awk '$1 == 200 { printf "%.0f\n", $2 * 1000 }' "$RUN/mem_uploads.txt" | median)
HUGE_BYTES=$(stat -c %s "$IMAGES/huge.jpg")
log "  VmHWM $MEM_HWM MB (after warm-up $MEM_HWM_BEFORE MB); $MEM_OK/$MEM_UPLOADS answered 200 in ${mem_secs}s; median upload $MEM_UPLOAD_MS ms"

# ---------------------------------------------------------------- report
med_rps() { col "$1" 3 | median; }
med_p50() { col "$1" 4 | median; }
med_p99() { col "$1" 5 | median; }
R_BIG=$(ratios ps_big ngx_big | median); R_THUMB=$(ratios ps_thumb ngx_thumb | median)
R_JSON=$(ratios ps_json ngx_json | median); R_ACCEL=$(ratios accel_big ngx_big2 | median)
UP_P50=$(med_p50 ps_upload)
L_RATIO=$(awk -v a="$L_MS" -v b="$VIPS_MS" 'BEGIN { if (b > 0) printf "%.3f", a / b; else print "nan" }')

serve_verdict() { # RATIO TARGET PS_LABEL NGX_LABEL
  local v; v=$(verdict "$1" ge "$2")
  if [ "$(errors_of "$3")" -gt 0 ] || [ "$(errors_of "$4")" -gt 0 ]; then v="$v (non-2xx/socket errors!)"; fi
  echo "$v"
}
MEM_VERDICT=$(verdict "$MEM_HWM" lt 300); [ "$MEM_OK" -eq "$MEM_UPLOADS" ] || MEM_VERDICT="**FAIL** ($MEM_OK/$MEM_UPLOADS uploads OK)"
BOMB_VERDICT=$(verdict "$BOMB_MS" lt 50); [ "$BOMB_BAD" -eq 0 ] || BOMB_VERDICT="**FAIL** (not all HTTP 400: $BOMB_CODES)"
UP_VERDICT=$(verdict "$UP_P50" lt 25); [ "$(errors_of ps_upload)" -eq 0 ] || UP_VERDICT="$UP_VERDICT (non-2xx/socket errors!)"

MACHINE="$(machine), $("$NGINX" -v 2>&1 | sed 's/.*: //' || true)"
{
  echo "# Picshelf benchmark results"
  echo
  echo "$(date -u '+%Y-%m-%d %H:%M UTC'), built from commit $COMMIT"
  echo
  echo "Machine: $MACHINE"
  echo
  [ -z "$SERVER_ENV" ] || { echo "Picshelf environment: \`$SERVER_ENV\`"; echo; }
  echo "Setup: servers (Picshelf, nginx 1 worker) pinned to CPU 0, \`taskset -c 1 wrk -t2 -c$CONNECTIONS -d${DURATION}s --latency\`; $ROUNDS interleaved rounds after a ${WARMUP}s warm-up round; "
  echo "nginx runs immediately before Picshelf in every pair, ratios are per round, the table shows the median of the per-round ratios and of the req/s."
  echo
  echo "| # | measure | Picshelf | peer | ratio / target | result |"
  echo "|---|---|---|---|---|---|"
  echo "| 1 | direct link \`/{id}.jpg\`, $(fmt0 "$BIG_BYTES") B JPEG (req/s) | $(fmt0 "$(med_rps ps_big)") | nginx static $(fmt0 "$(med_rps ngx_big)") | $(fmt2 "$R_BIG")x / >= 0.5x | $(serve_verdict "$R_BIG" 0.5 ps_big ngx_big) |"
  echo "| 2 | cached \`m\` thumbnail \`/{id}m.jpg\`, $(fmt0 "$THUMB_BYTES") B (req/s) | $(fmt0 "$(med_rps ps_thumb)") | nginx static $(fmt0 "$(med_rps ngx_thumb)") | $(fmt2 "$R_THUMB")x / >= 0.65x | $(serve_verdict "$R_THUMB" 0.65 ps_thumb ngx_thumb) |"
  echo "| 3 | \`GET /3/image/{id}\`, $(fmt0 "$JSON_BYTES") B JSON (req/s) | $(fmt0 "$(med_rps ps_json)") | nginx static $(fmt0 "$(med_rps ngx_json)") | $(fmt2 "$R_JSON")x / >= 0.6x | $(serve_verdict "$R_JSON" 0.6 ps_json ngx_json) |"
  echo "| 4 | multipart upload of the $(fmt0 "$(stat -c %s "$IMAGES/serve.jpg")") B JPEG, concurrency 1, median latency | $(fmt1 "$UP_P50") ms ($(fmt0 "$(med_rps ps_upload)") uploads/s) | — | < 25 ms | $UP_VERDICT |"
  echo "| 5 | first request of \`/{id}l.jpg\` of a $(fmt0 "$(stat -c %s "$IMAGES/big.jpg")") B 4000x3000 JPEG (median of $THUMB_COPIES ids) | $(fmt1 "$L_MS") ms | libvips in-process $(fmt1 "$VIPS_MS") ms | $(fmt2 "$L_RATIO") / <= 1.2 | $(verdict "$L_RATIO" le 1.2) |"
  echo "| 6a | server peak memory (VmHWM), $MEM_UPLOADS uploads of a $(fmt0 "$HUGE_BYTES") B JPEG at concurrency $MEM_CONCURRENCY | $(fmt1 "$MEM_HWM") MB | — | < 300 MB | $MEM_VERDICT |"
  echo "| 6b | reject a 30000x30000 PNG bomb upload (HTTP 400), median of $BOMB_COUNT | $(fmt1 "$BOMB_MS") ms | — | < 50 ms | $BOMB_VERDICT |"
  echo "| 7 | direct link through nginx + \`X-Accel-Redirect\` (req/s) | $(fmt0 "$(med_rps accel_big)") | nginx static $(fmt0 "$(med_rps ngx_big2)") | $(fmt2 "$R_ACCEL")x / >= 0.9x | $(serve_verdict "$R_ACCEL" 0.9 accel_big ngx_big2) |"
  echo
  echo "## Details"
  echo
  echo "| wrk run | req/s median (min-max) | p50 ms | p99 ms | per-round ratio to the nginx run before it |"
  echo "|---|---|---|---|---|"
  for pair in "ngx_big:" "ps_big:ngx_big" "ngx_thumb:" "ps_thumb:ngx_thumb" "ngx_json:" "ps_json:ngx_json" "ngx_big2:" "accel_big:ngx_big2" "ps_upload:"; do
    l=${pair%%:*}; d=${pair#*:}
    rr="—"; [ -n "$d" ] && rr=$(round_ratios "$l" "$d")
    echo "| $l | $(fmt0 "$(med_rps "$l")") ($(col "$l" 3 | awk '{ printf "%.0f\n", $1 }' | minmax)) | $(fmt2 "$(med_p50 "$l")") | $(fmt2 "$(med_p99 "$l")") | $rr |"
  done
  echo
  echo "* Item 5: first-request times (ms): $(tr '\n' ' ' <"$RUN/l_times.txt")(untimed warm-up id: $L_WARM_MS); server CPU time per timed request (utime+stime of the process, includes the sleeps' idle housekeeping) $L_CPU_MS ms; l thumbnail $(fmt0 "$L_BYTES") B. In-process (pinned to CPU 0 like the server, median of $INPROC_COUNT):"
  echo "  plain \`ThumbnailBuffer(640, 640, Size.Down)\` + \`JpegsaveBuffer(q: 85)\` $(fmt1 "$VIPS_MS") ms (cpu $(fmt1 "$(kv thumb_plain_cpu_ms)") ms, $(fmt0 "$(kv thumb_plain_bytes)") B);"
  echo "  the server's exact call (\`ThumbnailStream\`, \`keep: None\`) $(fmt1 "$VIPS_SERVER_MS") ms ($(fmt0 "$(kv thumb_server_bytes)") B). Ratio to the server's exact call: $(awk -v a="$L_MS" -v b="$VIPS_SERVER_MS" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }')."
  echo "* Item 6a: VmHWM after one warm-up upload $(fmt1 "$MEM_HWM_BEFORE") MB; $MEM_OK/$MEM_UPLOADS uploads answered 200 in ${mem_secs} s; median upload time $(fmt0 "$MEM_UPLOAD_MS") ms at concurrency $MEM_CONCURRENCY."
  echo "  (The main server's VmHWM after items 1-5 and the bombs: $(fmt1 "$MAIN_HWM") MB.)"
  echo "* Item 6b: bomb upload times (ms): $(tr '\n' ' ' <"$RUN/bomb_times.txt"); HTTP codes: $BOMB_CODES"
  echo "* Raw wrk output: bench/work/run/raw/, parsed samples: bench/work/run/samples.tsv, server logs: bench/work/run/*.log."
} >"$RESULTS/$RESULT_NAME.md"
cp "$SAMPLES" "$RESULTS/$RESULT_NAME-samples.tsv"
# Picshelf logs every request at Information level by default (gigabytes over a run): keep only the tail of big logs.
for f in "$RUN"/*.log; do
  if [ "$(stat -c %s "$f")" -gt 20000000 ]; then tail -c 2000000 "$f" >"$f.tail" && mv "$f.tail" "$f"; fi
done

echo
cat "$RESULTS/$RESULT_NAME.md"
log "done in $(( $(date +%s) - T0 )) s; written to bench/results/$RESULT_NAME.md"
