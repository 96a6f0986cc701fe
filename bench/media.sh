#!/usr/bin/env bash
# Formats served to browsers (issue 17): for the 250 KB JPEG and its m thumbnail, the bytes a browser gets
# (Accept: image/avif,image/webp) against a client that takes only the stored type, how long the first variants take
# to be made, and direct-link throughput with negotiation on (variants made, a browser's Accept) against a process with
# Media__NegotiateFormats=false. Target: no more than 10 % slower with negotiation on.
# Then an animated GIF of about GIF_MB (10) MB made by ffmpeg: its upload time, the time until its MP4 is made
# (processing.status completed) and the MP4's size against the GIF's. Then a 30 s 1080p video (VIDEO_S) uploaded twice:
# as a phone's H.264/AAC MP4 (its streams are copied into the MP4) and as MPEG-4 part 2 in a MOV (encoded anew to H.264):
# the time until the upload is answered and until its MP4 is made.
# Run from the repository root:   bench/media.sh            (ROUNDS=3 DURATION=8, about 3 minutes)
# Knobs: ROUNDS, DURATION (s per URL per round), WARMUP (s), CONNECTIONS (64), GIF_MB (10), VIDEO_S (30), PORT_BASE (18680; uses +1, +2),
# RESULT_NAME (media), SKIP_BUILD, SERVER_ENV. Picshelf on CPU 0 (embedded SQLite + files), wrk on CPU 1, 127.0.0.1 only.
set -euo pipefail

ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-8}
WARMUP=${WARMUP:-3}
CONNECTIONS=${CONNECTIONS:-64}
PORT_BASE=${PORT_BASE:-18680}
RESULT_NAME=${RESULT_NAME:-media}
GIF_MB=${GIF_MB:-10}
VIDEO_S=${VIDEO_S:-30}

# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh" run-media

fresh_run

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
# rendition PATH -> "upload-seconds made-seconds mp4-bytes": uploads, then polls processing.status every 0.1 s (10 min at most)
rendition() {
  local start uploaded id status done_at
  start=$(date +%s.%N)
  id=$(upload "$ON" "$CID_ON" "$1")
  uploaded=$(date +%s.%N)
  for _ in $(seq 6000); do
    status=$(curl -sS --max-time 10 -H "Authorization: Client-ID $CID_ON" "http://127.0.0.1:$ON/3/image/$id" | sed -n 's/.*"processing":{"status":"\([a-z]*\)".*/\1/p')
    [ "$status" = pending ] || break
    sleep 0.1
  done
  done_at=$(date +%s.%N)
  [ "$status" = completed ] || die "the MP4 of $1 ended $status"
  awk -v a="$start" -v b="$uploaded" -v c="$done_at" -v m="$(curl -sS --max-time 10 -H "Authorization: Client-ID $CID_ON" "http://127.0.0.1:$ON/3/image/$id" | sed -n 's/.*"mp4_size":\([0-9]*\).*/\1/p')" \
    'BEGIN { printf "%.2f %.2f %d", b - a, c - b, m }'
}
read -r GIF_UPLOAD_S GIF_MP4_S MP4_SIZE <<<"$(rendition "$GIF")"
log "GIF upload ${GIF_UPLOAD_S} s, MP4 made ${GIF_MP4_S} s later: $MP4_SIZE bytes"

# ---------------------------------------------------------------- a video's MP4
# Moving colour bars with film grain and a tone, 1080p at 30 fps: about 12 Mbit/s, a phone's rate.
ffmpeg -nostdin -v error -y -f lavfi -i "testsrc2=duration=$VIDEO_S:size=1920x1080:rate=30" -f lavfi -i "sine=duration=$VIDEO_S" \
  -vf "noise=alls=12:allf=t" -c:v libx264 -preset ultrafast -b:v 12M -pix_fmt yuv420p -c:a aac -movflags +faststart "$RUN/phone.mp4"
ffmpeg -nostdin -v error -y -i "$RUN/phone.mp4" -c:v mpeg4 -q:v 4 -c:a pcm_s16le "$RUN/camera.mov"
declare -A VIDEO
for name in phone.mp4 camera.mov; do
  VIDEO[$name]="$(stat -c %s "$RUN/$name") $(rendition "$RUN/$name")"
  log "$name (bytes, upload s, MP4 s, MP4 bytes): ${VIDEO[$name]}"
done

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
  echo "| upload (one worker on CPU 0) | bytes | upload answered in | MP4 made (processing.status completed) after | MP4 bytes | MP4 / upload |"
  echo "|---|---|---|---|---|---|"
  echo "| animated GIF: ffmpeg testsrc2 with grain, 640x480, $GIF_FRAMES frames at 15 fps | $size | $GIF_UPLOAD_S s | $GIF_MP4_S s | $MP4_SIZE | $(awk -v m="$MP4_SIZE" -v g="$size" 'BEGIN { printf "%.3f", m / g }') |"
  for name in phone.mp4 camera.mov; do
    read -r bytes up made mp4 <<<"${VIDEO[$name]}"
    what=$([ "$name" = phone.mp4 ] && echo "H.264/AAC MP4 (streams copied)" || echo "MPEG-4 part 2 + PCM in a MOV (encoded anew)")
    echo "| ${VIDEO_S} s 1080p at 30 fps, $what | $bytes | $up s | $made s | $mp4 | $(awk -v m="$mp4" -v g="$bytes" 'BEGIN { printf "%.3f", m / g }') |"
  done
} >"$RESULTS/$RESULT_NAME.md"
cp "$SAMPLES" "$RESULTS/$RESULT_NAME-samples.tsv"
echo
cat "$RESULTS/$RESULT_NAME.md"
log "done in $(( $(date +%s) - T0 )) s; written to bench/results/$RESULT_NAME.md"
