#!/usr/bin/env bash
# Two Picshelf processes side by side on one read path: A as built, B with other settings (B_ENV) and/or another build
# (B_PUBLISH), in interleaved rounds (A immediately before B). For a change of a few percent this is the measure to
# trust: a ratio to nginx moves with nginx's own rate, which varies by 15 % between runs on the project's machine.
# Run from the repository root, e.g.:
#   B_ENV="Server__InlineSocketCompletions=false" bench/ab.sh                 # the API read, 5 rounds of 8 s
#   KIND=thumb B_PUBLISH=bench/work/publish-r2r ROUNDS=4 bench/ab.sh          # the m thumbnail, another build
# Report: bench/results/ab.md (B over A per round, and the median).
set -euo pipefail

KIND=${KIND:-api}                     # api: GET /3/image/{id}; thumb: the cached m thumbnail; original: the 248 KB JPEG
ROUNDS=${ROUNDS:-5}
DURATION=${DURATION:-8}
WARMUP=${WARMUP:-3}
B_ENV=${B_ENV:-}                      # VAR=value words for B only
B_PUBLISH=${B_PUBLISH:-}              # another published build for B (default: the same bench/work/publish)
PORT_BASE=${PORT_BASE:-18920}         # A on PORT_BASE+1, B on PORT_BASE+2
RESULT_NAME=${RESULT_NAME:-ab}

# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh" run-ab
[ -z "$B_PUBLISH" ] || [ -f "$B_PUBLISH/Picshelf.dll" ] || die "B_PUBLISH=$B_PUBLISH holds no Picshelf.dll"

fresh_run

declare -A PORT=([a]=$((PORT_BASE + 1)) [b]=$((PORT_BASE + 2))) URL AUTH
for side in a b; do
  port=${PORT[$side]}
  cid=$(create_client "$RUN/data-$side"); [ -n "$cid" ] || die "clients create failed"
  if [ "$side" = a ]; then
    start_server a "$port" "$RUN/data-a"
  else
    # shellcheck disable=SC2086  # B_ENV is a list of VAR=value words
    PUBLISH=${B_PUBLISH:-$PUBLISH} start_server b "$port" "$RUN/data-b" $B_ENV
  fi
  id=$(upload "$port" "$cid" "$IMAGES/serve.jpg")
  case $KIND in
    api) URL[$side]="http://127.0.0.1:$port/3/image/$id" ;;
    thumb) URL[$side]="http://127.0.0.1:$port/${id}m.jpg" ;;
    original) URL[$side]="http://127.0.0.1:$port/$id.jpg" ;;
    *) die "KIND is api, thumb or original" ;;
  esac
  AUTH[$side]="Authorization: Client-ID $cid"
done

log "warm-up: ${BURSTS:-6} bursts of 2 s per server (warm_in_bursts in bench/lib.sh)"
for side in a b; do warm_in_bursts "${URL[$side]}" -H "${AUTH[$side]}"; done
one_round() { # ROUND DURATION
  run_wrk "$1" a "${URL[a]}" -t2 -c64 "-d${2}s" -H "${AUTH[a]}"
  run_wrk "$1" b "${URL[b]}" -t2 -c64 "-d${2}s" -H "${AUTH[b]}"
}
run_rounds

R=$(ratios b a | median)
{
  echo "# Picshelf A/B: $KIND"
  echo
  echo "$(date -u '+%Y-%m-%d %H:%M UTC'), A built from commit $COMMIT; B: ${B_PUBLISH:-the same build}${B_ENV:+ with $B_ENV}"
  echo
  echo "Machine: $(machine)"
  echo
  echo "Both on CPU 0, \`taskset -c 1 wrk -t2 -c64 -d${DURATION}s\`, $ROUNDS interleaved rounds (A just before B) after a ${WARMUP}s warm-up round."
  echo
  echo "| | req/s (median) |"
  echo "|---|---|"
  echo "| A | $(fmt0 "$(col a 3 | median)") |"
  echo "| B | $(fmt0 "$(col b 3 | median)") |"
  echo
  echo "B over A: $(fmt2 "$R")x; per round: $(round_ratios b a)"
  echo
  echo "Non-2xx answers or socket errors: A $(errors_of a), B $(errors_of b)."
} >"$RESULTS/$RESULT_NAME.md"
cat "$RESULTS/$RESULT_NAME.md"
log "done in $(( $(date +%s) - T0 )) s; written to bench/results/$RESULT_NAME.md"
