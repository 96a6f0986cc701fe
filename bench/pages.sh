#!/usr/bin/env bash
# The web site's pages: server time of the home (upload) page, an image page and the page of an album of 50 images,
# median and p99 at CONNECTIONS (16) connections, and each page's weight before images (its HTML plus the stylesheets
# and scripts it links, as a browser with an empty cache fetches them). Targets (issue 16): median < 5 ms,
# p99 < 20 ms, weight < 60 KB. The image and album pages are measured twice: signed out (the kept page, as most readers
# of a shared link get it) and signed in (rendered on every visit).
# Run from the repository root:   bench/pages.sh            (ROUNDS=3 DURATION=8, about 3 minutes)
# Knobs: ROUNDS, DURATION (s per page per round), WARMUP (s), CONNECTIONS, IMAGES_IN_ALBUM (50), PORT_BASE, RESULT_NAME,
# SKIP_BUILD, SERVER_ENV. Picshelf on CPU 0 (embedded SQLite + files), wrk on CPU 1, everything on 127.0.0.1.
set -euo pipefail

ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-8}
WARMUP=${WARMUP:-3}
CONNECTIONS=${CONNECTIONS:-16}
IMAGES_IN_ALBUM=${IMAGES_IN_ALBUM:-50}
PORT_BASE=${PORT_BASE:-18380}
RESULT_NAME=${RESULT_NAME:-pages}

# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh" run-pages

fresh_run

PORT=$((PORT_BASE + 1))
BASE="http://127.0.0.1:$PORT"
DATA=$RUN/data
CID=$(create_client "$DATA"); [ -n "$CID" ] || die "clients create failed"
start_server pages "$PORT" "$DATA"

log "uploading $IMAGES_IN_ALBUM images with titles and descriptions"
IDS=()
for i in $(seq "$IMAGES_IN_ALBUM"); do
  body=$(curl -sS --max-time 60 -H "Authorization: Client-ID $CID" -F "image=@$IMAGES/serve.jpg" -F "title=Picture $i of the bench" \
    -F "description=A description of picture $i, long enough to be a real one." "$BASE/3/image")
  id=$(sed -n 's/^{"data":{"id":"\([^"]*\)".*/\1/p' <<<"$body")
  [ -n "$id" ] || die "upload failed: ${body:0:300}"
  IDS+=("$id")
  DELETEHASHES+=("$(sed -n 's/.*"deletehash":"\([^"]*\)".*/\1/p' <<<"$body")")
done
body=$(curl -sS --max-time 60 -H "Authorization: Client-ID $CID" --data-urlencode "deletehashes=$(IFS=,; echo "${DELETEHASHES[*]}")" \
  -d title="The bench's album" "$BASE/3/album")
ALBUM=$(sed -n 's/.*"id":"\([^"]*\)".*/\1/p' <<<"$body")
[ -n "$ALBUM" ] || die "album creation failed: ${body:0:300}"

# A signed-in reader's image and album pages are rendered for them on every visit (a signed-out reader's are kept and
# served again until what they show changes): those rows are the cost of a render, which every first reader pays.
log "signing up a reader through the sign-up page"
JAR=$RUN/cookies.txt
token=$(curl -sS --max-time 10 -c "$JAR" -b "$JAR" "$BASE/signup" | sed -n 's/.*name="__RequestVerificationToken" type="hidden" value="\([^"]*\)".*/\1/p')
status=$(curl -sS --max-time 10 -o /dev/null -w '%{http_code}' -c "$JAR" -b "$JAR" --data-urlencode "__RequestVerificationToken=$token" \
  -d username=benchreader -d email=benchreader@example.com --data-urlencode "password=correct horse battery" "$BASE/signup")
[ "$status" = 302 ] || die "sign-up answered $status"
SIGNED_IN="Cookie: $(awk '$6 == "picshelf" { print $6 "=" $7 }' "$JAR")"
[ "$SIGNED_IN" != "Cookie: " ] || die "sign-up set no session cookie"

# label|path|who: what a browser asks for when someone opens the page, signed out (kept pages) or signed in (rendered)
PAGES=(
  "home|/|out"
  "image|/${IDS[0]}|out"
  "album-$IMAGES_IN_ALBUM|/a/$ALBUM|out"
  "image-signed-in|/${IDS[0]}|in"
  "album-$IMAGES_IN_ALBUM-signed-in|/a/$ALBUM|in"
)
ACCEPT="Accept: text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8"
# who -> the header that makes the reader who they are (a harmless one for signed-out readers)
reader() { if [ "$1" = in ]; then echo "$SIGNED_IN"; else echo "X-Reader: signed-out"; fi; }

# weight PATH WHO -> bytes of the HTML and of every stylesheet and script it links (each counted once)
weight() {
  local html=$RUN/page.html total assets
  curl -sf --max-time 10 -H "$ACCEPT" -H "$(reader "$2")" -o "$html" "$BASE$1" || die "GET $1 failed: the page must answer 200"
  total=$(wc -c <"$html")
  assets=$(grep -oE '<(link[^>]*rel="stylesheet"[^>]*href|script[^>]*src)="[^"]*"' "$html" | sed -E 's/.*(href|src)="([^"]*)"/\2/' | sort -u)
  for asset in $assets; do
    case $asset in /*) ;; *) die "$1 links $asset, which is not a path on this site" ;; esac
    total=$(( total + $(curl -sf --max-time 10 "$BASE$asset" | wc -c) ))
  done
  echo "$total"
}
declare -A WEIGHT
for entry in "${PAGES[@]}"; do
  IFS='|' read -r label path who <<<"$entry"
  WEIGHT[$label]=$(weight "$path" "$who")
  log "$label ($path): ${WEIGHT[$label]} B of HTML, CSS and JS"
done

one_round() { # ROUND DURATION
  local entry label path
  for entry in "${PAGES[@]}"; do
    IFS='|' read -r label path who <<<"$entry"
    run_wrk "$1" "$label" "$BASE$path" -t1 "-c$CONNECTIONS" "-d${2}s" -H "$ACCEPT" -H "$(reader "$who")"
  done
}
run_rounds

{
  echo "# Picshelf web pages"
  echo
  echo "$(date -u '+%Y-%m-%d %H:%M UTC'), built from commit $COMMIT"
  echo
  echo "Machine: $(machine)"
  echo
  echo "Setup: Picshelf (embedded SQLite + files) pinned to CPU 0, wrk to CPU 1 (\`wrk -t1 -c$CONNECTIONS --latency\`, a browser's"
  echo "Accept header), $ROUNDS rounds of ${DURATION}s per page after a ${WARMUP}s warm-up round, medians over rounds. Weight: the HTML"
  echo "plus every stylesheet and script it links, uncompressed, before images. Targets: median < 5 ms, p99 < 20 ms, < 60 KB."
  echo "Signed out, the image and album pages are the kept ones (rendered once, served again until what they show changes);"
  echo "signed in, they are rendered for the reader on every visit: the cost of a render, which a page's first reader pays."
  echo
  echo "| page | req/s | median | p99 | weight | |"
  echo "|---|---|---|---|---|---|"
  for entry in "${PAGES[@]}"; do
    IFS='|' read -r label path _ <<<"$entry"
    p50=$(col "$label" 4 | median); p99=$(col "$label" 5 | median); kb=$(awk -v b="${WEIGHT[$label]}" 'BEGIN { printf "%.1f", b / 1024 }')
    ok=PASS
    for v in "$(verdict "$p50" lt 5)" "$(verdict "$p99" lt 20)" "$(verdict "$kb" lt 60)"; do [ "$v" = PASS ] || ok='**FAIL**'; done
    [ "$(errors_of "$label")" -eq 0 ] || ok='**non-2xx/socket errors**'
    echo "| $label (\`$path\`) | $(fmt0 "$(col "$label" 3 | median)") | $(fmt2 "$p50") ms | $(fmt2 "$p99") ms | $kb KB | $ok |"
  done
} >"$RESULTS/$RESULT_NAME.md"
cp "$SAMPLES" "$RESULTS/$RESULT_NAME-samples.tsv"
echo
cat "$RESULTS/$RESULT_NAME.md"
log "done in $(( $(date +%s) - T0 )) s; written to bench/results/$RESULT_NAME.md"
