#!/usr/bin/env bash
# How long a Picshelf process takes to start and to answer its first API calls, published as shipped (JIT only) and
# with ReadyToRun (code compiled ahead of time, -p:PublishReadyToRun=true): the start-up half of issue 19's JIT choice.
# Each round starts each build on CPU 0 over an existing data folder (migrated, one client, one image) and measures
# the time from exec to the first answer of /healthz, then the first GET /3/image/{id} and the next 20, then the
# resident memory. Run from the repository root:   bench/startup.sh        (ROUNDS=7, about 2 minutes)
set -euo pipefail

ROUNDS=${ROUNDS:-7}
PORT=${PORT:-18980}
RESULT_NAME=${RESULT_NAME:-startup}

# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh" run-startup

R2R=$WORK/publish-r2r
if [ "$SKIP_BUILD" != 1 ] || [ ! -f "$R2R/Picshelf.dll" ]; then
  log "building the ReadyToRun variant (bench/work/publish-r2r)"
  dotnet publish "$REPO/src/Picshelf/Picshelf.csproj" -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true \
    -o "$R2R" --artifacts-path "$WORK/artifacts-r2r" -nologo -v q >"$WORK/build-r2r.log" 2>&1 \
    || { tail -30 "$WORK/build-r2r.log" >&2; die "ReadyToRun publish failed"; }
fi

fresh_run
DATA=$RUN/data
CID=$(create_client "$DATA")
[ -n "$CID" ] || die "clients create failed"
start_server seed "$PORT" "$DATA"
ID=$(upload "$PORT" "$CID" "$IMAGES/serve.jpg")
kill -TERM "$PID_seed"; wait "$PID_seed" 2>/dev/null || true

ms_since() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }
api_ms() { curl -s -o /dev/null -w '%{time_total}' -H "Authorization: Client-ID $CID" "http://127.0.0.1:$PORT/3/image/$ID" | awk '{ printf "%.1f", $1 * 1000 }'; }

one_start() { # ROUND VARIANT DLL
  local round=$1 variant=$2 dll=$3 t0 pid ready first next20 rss
  port_free "$PORT" || die "port $PORT is in use (set PORT)"
  t0=$(date +%s%N)
  # shellcheck disable=SC2086  # SERVER_ENV is a list of VAR=value words
  env $SERVER_ENV DOTNET_CLI_TELEMETRY_OPTOUT=1 taskset -c 0 dotnet "$dll" --urls "http://127.0.0.1:$PORT" --data "$DATA" >"$RUN/$variant.$round.log" 2>&1 &
  pid=$!
  PIDS+=("$pid")
  until curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$PORT/healthz"; do
    kill -0 "$pid" 2>/dev/null || die "$variant exited before answering (see $RUN/$variant.$round.log)"
    [ "$(ms_since "$t0")" -lt 60000 ] || die "$variant did not answer within 60 s"
    sleep 0.01
  done
  ready=$(ms_since "$t0")
  first=$(api_ms)
  t0=$(date +%s%N)
  for _ in $(seq 20); do api_ms >/dev/null; done
  next20=$(ms_since "$t0")
  rss=$(awk '/^VmRSS:/ { printf "%.0f", $2 / 1024 }' "/proc/$pid/status")
  kill -TERM "$pid"; wait "$pid" 2>/dev/null || true
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$round" "$variant" "$ready" "$first" "$next20" "$rss" >>"$SAMPLES"
  log "  r$round $variant: answering after ${ready} ms, first API read ${first} ms, next 20 in ${next20} ms, ${rss} MB resident"
}

for r in $(seq "$ROUNDS"); do
  one_start "$r" jit "$PUBLISH/Picshelf.dll"
  one_start "$r" r2r "$R2R/Picshelf.dll"
done

med() { awk -F'\t' -v v="$1" -v c="$2" '$2 == v { print $c }' "$SAMPLES" | median; }
{
  echo "# Picshelf start-up: JIT only versus ReadyToRun"
  echo
  echo "$(date -u '+%Y-%m-%d %H:%M UTC'), built from commit $COMMIT"
  echo
  echo "Machine: $(machine)"
  echo
  echo "Each of $ROUNDS rounds starts each build on CPU 0 over the same data folder (SQLite, migrated, one client, one image);"
  echo "medians over the rounds. Size of the published folder: JIT $(du -sm "$PUBLISH" | cut -f1) MB, ReadyToRun $(du -sm "$R2R" | cut -f1) MB."
  echo
  echo "| build | exec to first /healthz answer (ms) | first GET /3/image/{id} (ms) | next 20 reads (ms) | resident after (MB) |"
  echo "|---|---|---|---|---|"
  for v in jit r2r; do
    echo "| $v | $(med "$v" 3) | $(med "$v" 4) | $(med "$v" 5) | $(med "$v" 6) |"
  done
  echo
  echo "* Samples: bench/work/run-startup/samples.tsv (round, build, ready ms, first read ms, next 20 ms, RSS MB)."
} >"$RESULTS/$RESULT_NAME.md"
cat "$RESULTS/$RESULT_NAME.md"
log "done in $(( $(date +%s) - T0 )) s; written to bench/results/$RESULT_NAME.md"
