#!/usr/bin/env bash
# Formats served to browsers (issue 17): for the 250 KB JPEG and its m thumbnail, the bytes a browser gets
# (Accept: image/avif,image/webp) against a client that takes only the stored type, how long the first variants take
# to be made, and direct-link throughput with negotiation on (variants made, a browser's Accept) against a process with
# Media__NegotiateFormats=false. Target: no more than 10 % slower with negotiation on.
# Then an animated GIF of about GIF_MB (10) MB made by ffmpeg: its upload time, the time until its MP4 is made
# (processing.status completed) and the MP4's size against the GIF's. (Video uploads are not built yet.)
# Run from the repository root:   bench/media.sh            (ROUNDS=3 DURATION=8, about 3 minutes)
# Knobs: ROUNDS, DURATION (s per URL per round), WARMUP (s), CONNECTIONS (64), GIF_MB (10), PORT_BASE (18680; uses +1, +2),
# RESULT_NAME (media), SKIP_BUILD, SERVER_ENV. Picshelf on CPU 0 (embedded SQLite + files), wrk on CPU 1, 127.0.0.1 only.
set -euo pipefail

ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-8}
WARMUP=${WARMUP:-3}
CONNECTIONS=${CONNECTIONS:-64}
PORT_BASE=${PORT_BASE:-18680}
RESULT_NAME=${RESULT_NAME:-media}
GIF_MB=${GIF_MB:-10}

RUN=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/work/run-media
RAW=$RUN/raw
SAMPLES=$RUN/samples.tsv
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

rm -rf "$RUN"
mkdir -p "$RAW"
: >"$SAMPLES"

BROWSER='Accept: image/avif,image/webp,image/apng,image/svg+xml,image/*,*/*;q=0.8'
ON=$((PORT_BASE + 1))
OFF=$((PORT_BASE + 2))
CID_ON=$(create_client "$RUN/data-on"); [ -n "$CID_ON" ] || die "clients create failed"
CID_OFF=$(create_client "$RUN/data-off"); [ -n "$CID_OFF" ] || die "clients create failed"
start_server on "$ON" "$RUN/data-on"
start_server off "$OFF" "$RUN/data-off" Media__NegotiateFormats=false
ID_ON=$(upload "$ON" "$CID_ON" "$IMAGES/serve.jpg")
ID_OFF=$(upload "$OFF" "$CID_OFF" "$IMAGES/serve.jpg")

# served PORT PATH [HEADER] -> "bytes content-type"
served() { curl -sS --max-time 60 -o /dev/null -w '%{size_download} %{content_type}' ${3:+-H "$3"} "http://127.0.0.1:$1$2"; }

# made PATH: seconds from the first browser request until the variant is served (polled every 50 ms, 120 s at most)
made() {
  local start now
  start=$(date +%s.%N)
  served "$ON" "$1" "$BROWSER" >/dev/null
  for _ in $(seq 2400); do
    case $(served "$ON" "$1" "$BROWSER") in *image/jpeg*) sleep 0.05 ;; *) now=$(date +%s.%N); awk -v a="$start" -v b="$now" 'BEGIN { printf "%.2f", b - a }'; return ;; esac
  done
  die "no variant of $1 after 120 s"
}

declare -A BYTES MADE
for name in original m; do
  suffix=$([ "$name" = m ] && echo m || true)
  path="/$ID_ON$suffix.jpg"
  served "$ON" "$path" >/dev/null   # the m thumbnail is made before its variants are timed
  MADE[$name]=$(made "$path")
  BYTES[$name-stored]=$(served "$ON" "$path")
  BYTES[$name-browser]=$(served "$ON" "$path" "$BROWSER")
  BYTES[$name-webp]=$(served "$ON" "$path" 'Accept: image/webp')
  served "$OFF" "/$ID_OFF$suffix.jpg" >/dev/null
  log "$name: stored ${BYTES[$name-stored]}, to a browser ${BYTES[$name-browser]} (made in ${MADE[$name]} s), WebP only ${BYTES[$name-webp]}"
done

# ---------------------------------------------------------------- an animated GIF's MP4
command -v ffmpeg >/dev/null || die "ffmpeg is missing (apt-get install ffmpeg)"
GIF=$RUN/animation.gif
# Moving colour bars with film grain: real footage turned GIF compresses about as badly. 15 frames of 640x480 a second.
seconds=2
while :; do
  ffmpeg -nostdin -loglevel error -y -f lavfi -i "testsrc2=size=640x480:rate=15:duration=$seconds,noise=alls=12:allf=t" \
    -filter_complex "split[a][b];[a]palettegen=stats_mode=diff[p];[b][p]paletteuse" "$GIF"
  size=$(stat -c %s "$GIF")
  [ "$size" -ge $((GIF_MB * 1000000)) ] || [ "$seconds" -ge 60 ] && break
  seconds=$(awk -v s="$seconds" -v b="$size" -v t="$GIF_MB" 'BEGIN { n = int(s * t * 1000000 / b) + 1; print (n > 60 ? 60 : n) }')
done
GIF_FRAMES=$((seconds * 15))
log "animation: $size bytes, $GIF_FRAMES frames of 640x480"
start=$(date +%s.%N)
GIF_ID=$(upload "$ON" "$CID_ON" "$GIF")
uploaded=$(date +%s.%N)
for _ in $(seq 1200); do
  status=$(curl -sS --max-time 10 -H "Authorization: Client-ID $CID_ON" "http://127.0.0.1:$ON/3/image/$GIF_ID" | sed -n 's/.*"processing":{"status":"\([a-z]*\)".*/\1/p')
  [ "$status" = pending ] || break
  sleep 0.1
done
done_at=$(date +%s.%N)
[ "$status" = completed ] || die "the GIF's MP4 ended $status"
MP4_SIZE=$(curl -sS --max-time 10 -H "Authorization: Client-ID $CID_ON" "http://127.0.0.1:$ON/3/image/$GIF_ID" | sed -n 's/.*"mp4_size":\([0-9]*\).*/\1/p')
GIF_UPLOAD_S=$(awk -v a="$start" -v b="$uploaded" 'BEGIN { printf "%.2f", b - a }')
GIF_MP4_S=$(awk -v a="$uploaded" -v b="$done_at" 'BEGIN { printf "%.2f", b - a }')
log "GIF upload ${GIF_UPLOAD_S} s, MP4 made ${GIF_MP4_S} s later: $MP4_SIZE bytes"

one_round() { # ROUND DURATION
  run_wrk "$1" original-on "http://127.0.0.1:$ON/$ID_ON.jpg" -t1 "-c$CONNECTIONS" "-d${2}s" -H "$BROWSER"
  run_wrk "$1" original-off "http://127.0.0.1:$OFF/$ID_OFF.jpg" -t1 "-c$CONNECTIONS" "-d${2}s" -H "$BROWSER"
  run_wrk "$1" m-on "http://127.0.0.1:$ON/${ID_ON}m.jpg" -t1 "-c$CONNECTIONS" "-d${2}s" -H "$BROWSER"
  run_wrk "$1" m-off "http://127.0.0.1:$OFF/${ID_OFF}m.jpg" -t1 "-c$CONNECTIONS" "-d${2}s" -H "$BROWSER"
  run_wrk "$1" original-plain "http://127.0.0.1:$ON/$ID_ON.jpg" -t1 "-c$CONNECTIONS" "-d${2}s" -H 'Accept: */*'
}
run_rounds

{
  echo "# Picshelf media: formats served to browsers"
  echo
  echo "$(date -u '+%Y-%m-%d %H:%M UTC'), built from commit $COMMIT"
  echo
  echo "Machine: $(machine)"
  echo
  echo "Setup: two Picshelf processes (embedded SQLite + files) pinned to CPU 0, one with Media__NegotiateFormats=false; wrk on"
  echo "CPU 1 (\`wrk -t1 -c$CONNECTIONS --latency\`, a browser's Accept header), $ROUNDS interleaved rounds of ${DURATION}s per URL after"
  echo "a ${WARMUP}s warm-up round, medians over rounds. The image: bench's serve.jpg (1280x960, ~250 KB, quality 88, noise)."
  echo
  echo "| link | stored bytes | to a browser (AVIF or WebP, the smaller) | to a WebP-only client | variants made in |"
  echo "|---|---|---|---|---|"
  for name in original m; do
    echo "| $name | ${BYTES[$name-stored]} | ${BYTES[$name-browser]} | ${BYTES[$name-webp]} | ${MADE[$name]} s |"
  done
  echo
  echo "| link | negotiation on req/s | off req/s | on/off per round | p99 on / off | target on/off >= 0.9 |"
  echo "|---|---|---|---|---|---|"
  for name in original m; do
    r=$(ratios "$name-on" "$name-off" | median)
    echo "| $name | $(fmt0 "$(col "$name-on" 3 | median)") | $(fmt0 "$(col "$name-off" 3 | median)") | $(ratios "$name-on" "$name-off" | minmax) (median $(fmt2 "$r")) | $(fmt2 "$(col "$name-on" 5 | median)") / $(fmt2 "$(col "$name-off" 5 | median)") ms | $(verdict "$r" ge 0.9) |"
  done
  r=$(ratios original-plain original-off | median)
  echo "| original, to a client that names neither type (\`Accept: */*\`): the cost of looking | $(fmt0 "$(col original-plain 3 | median)") | $(fmt0 "$(col original-off 3 | median)") | $(ratios original-plain original-off | minmax) (median $(fmt2 "$r")) | $(fmt2 "$(col original-plain 5 | median)") / $(fmt2 "$(col original-off 5 | median)") ms | $(verdict "$r" ge 0.9) |"
  echo
  echo "| animated GIF | bytes | frames | upload answered in | MP4 made (processing.status completed) after | MP4 bytes | MP4 / GIF |"
  echo "|---|---|---|---|---|---|---|"
  echo "| ffmpeg testsrc2 with grain, 640x480 at 15 fps | $size | $GIF_FRAMES | $GIF_UPLOAD_S s | $GIF_MP4_S s | $MP4_SIZE | $(awk -v m="$MP4_SIZE" -v g="$size" 'BEGIN { printf "%.3f", m / g }') |"
} >"$RESULTS/$RESULT_NAME.md"
cp "$SAMPLES" "$RESULTS/$RESULT_NAME-samples.tsv"
echo
cat "$RESULTS/$RESULT_NAME.md"
log "done in $(( $(date +%s) - T0 )) s; written to bench/results/$RESULT_NAME.md"
