#!/usr/bin/env bash
# GET /3/album/{id} of an album of 100 images: median latency on one connection (target: under 10 ms, issue 5)
# and requests per second under load, in interleaved rounds.
# Run from the repository root:   bench/album.sh            (ROUNDS=5 DURATION=10, about 3 minutes)
set -euo pipefail

ROUNDS=${ROUNDS:-5}
DURATION=${DURATION:-10}
WARMUP=${WARMUP:-3}
CONNECTIONS=${CONNECTIONS:-64}
IMAGES_IN_ALBUM=${IMAGES_IN_ALBUM:-100}
PORT_BASE=${PORT_BASE:-18280}
RESULT_NAME=${RESULT_NAME:-album}

# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh" run-album

fresh_run

PORT=$((PORT_BASE + 1))
DATA=$RUN/data
CID=$(create_client "$DATA"); [ -n "$CID" ] || die "clients create failed"
start_server album "$PORT" "$DATA"

log "uploading $IMAGES_IN_ALBUM images"
DELETEHASHES=()
for _ in $(seq "$IMAGES_IN_ALBUM"); do
  body=$(curl -sS --max-time 60 -H "Authorization: Client-ID $CID" -F "image=@$IMAGES/serve.jpg" "http://127.0.0.1:$PORT/3/image")
  DELETEHASHES+=("$(sed -n 's/.*"deletehash":"\([^"]*\)".*/\1/p' <<<"$body")")
done
body=$(curl -sS --max-time 60 -H "Authorization: Client-ID $CID" --data-urlencode "deletehashes=$(IFS=,; echo "${DELETEHASHES[*]}")" \
  -d title=bench "http://127.0.0.1:$PORT/3/album")
ALBUM=$(sed -n 's/.*"id":"\([^"]*\)".*/\1/p' <<<"$body")
[ -n "$ALBUM" ] || die "album creation failed: ${body:0:300}"
URL="http://127.0.0.1:$PORT/3/album/$ALBUM"
COUNT=$(curl -sf -H "Authorization: Client-ID $CID" "$URL" | grep -o '"images_count":[0-9]*' | cut -d: -f2)
[ "$COUNT" = "$IMAGES_IN_ALBUM" ] || die "the album holds $COUNT images, not $IMAGES_IN_ALBUM"
BYTES=$(curl -sf -H "Authorization: Client-ID $CID" "$URL" | wc -c)
log "album $ALBUM: $COUNT images, $BYTES B of JSON"

AUTH="Authorization: Client-ID $CID"
one_round() { # ROUND DURATION
  run_wrk "$1" single "$URL" -t1 -c1 "-d${2}s" -H "$AUTH"
  run_wrk "$1" loaded "$URL" -t2 "-c$CONNECTIONS" "-d${2}s" -H "$AUTH"
}
run_rounds

P50=$(col single 4 | median)
{
  echo "# Picshelf album read"
  echo
  echo "$(date -u '+%Y-%m-%d %H:%M UTC'), built from commit $COMMIT"
  echo
  echo "Machine: $(machine)"
  echo
  echo "Setup: Picshelf pinned to CPU 0, wrk to CPU 1; \`GET /3/album/{id}\` of an album of $COUNT images ($BYTES B of JSON) with a Client-ID;"
  echo "$ROUNDS rounds of ${DURATION}s after a ${WARMUP}s warm-up round, medians over rounds."
  echo
  echo "| measure | result | target | |"
  echo "|---|---|---|---|"
  echo "| median latency, one connection (\`wrk -t1 -c1\`) | $(fmt2 "$P50") ms (p99 $(fmt2 "$(col single 5 | median)") ms, $(fmt0 "$(col single 3 | median)") req/s) | < 10 ms | $(verdict "$P50" lt 10) |"
  echo "| under load (\`wrk -t2 -c$CONNECTIONS\`) | $(fmt0 "$(col loaded 3 | median)") req/s, p50 $(fmt2 "$(col loaded 4 | median)") ms, p99 $(fmt2 "$(col loaded 5 | median)") ms | — | $([ "$(errors_of loaded)" -eq 0 ] && echo ok || echo '**non-2xx/socket errors**') |"
} >"$RESULTS/$RESULT_NAME.md"
cp "$SAMPLES" "$RESULTS/$RESULT_NAME-samples.tsv"
echo
cat "$RESULTS/$RESULT_NAME.md"
log "done in $(( $(date +%s) - T0 )) s; written to bench/results/$RESULT_NAME.md"
