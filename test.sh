#!/usr/bin/env bash
# Runs the whole test suite on a fresh Debian machine with the .NET SDK: installs what is
# missing, builds in Release, runs every test, and ends with one line "N passed, N failed, N skipped".
set -euo pipefail
cd "$(dirname "$0")"
export DEBIAN_FRONTEND=noninteractive DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
T0=$SECONDS
log() { echo "[test +$((SECONDS - T0))s] $*"; }

WORK=$(mktemp -d /tmp/picshelf-test.XXXXXX)
# The tests' temporary folders (and the servers' data in them) go below $WORK/tmp, so this run cleans up only its own.
# The postgres user must reach the clusters the tests create there.
chmod 755 "$WORK"
mkdir -m 755 "$WORK/tmp"
# The tests stop the servers they start; a test process that was killed or hung cannot, so whatever is left of them
# goes here: PostgreSQL clusters (pg_ctl runs them outside the test's process tree), redis-server, s3rver.
cleanup() {
  for cluster in "$WORK"/tmp/picshelf-pg-*/data; do
    [ -f "$cluster/postmaster.pid" ] || continue
    runuser -u postgres -- "$(compgen -G '/usr/lib/postgresql/*/bin/pg_ctl' | sort | tail -1)" -D "$cluster" -m immediate stop >/dev/null 2>&1 || true
  done
  pkill -f -- "--dir $WORK/tmp/picshelf-redis-" 2>/dev/null || true
  pkill -f -- "s3rver.js -d $WORK/tmp/picshelf-s3-" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

# libvips comes inside the NetVips.Native NuGet package. Real servers and the browser the tests start
# themselves (PostgreSQL, redis-server, Chromium driven by Playwright, and Node.js for the S3 server s3rver)
# come from Debian; the machine may still be running its own apt, hence the lock timeout.
if ! command -v dotnet >/dev/null; then
  echo "The .NET SDK is required: https://learn.microsoft.com/dotnet/core/install/linux-debian" >&2
  exit 1
fi
MISSING=()
command -v redis-server >/dev/null || MISSING+=(redis-server)
command -v chromium >/dev/null || MISSING+=(chromium)
command -v ffmpeg >/dev/null || MISSING+=(ffmpeg)
# HEIC and JPEG XL uploads are decoded by libheif's and libjxl's tools (heif-enc and cjxl make the tests' files).
command -v heif-convert >/dev/null || MISSING+=(libheif-examples)
command -v djxl >/dev/null || MISSING+=(libjxl-tools)
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || MISSING+=(postgresql)
command -v node >/dev/null || MISSING+=(nodejs)
command -v npm >/dev/null || MISSING+=(npm)
# The README's quick-start commands are run as written (tests/Picshelf.Tests/ReadmeQuickStartTests.cs).
command -v curl >/dev/null || MISSING+=(curl)
if [ "${#MISSING[@]}" -gt 0 ]; then
  log "apt-get install ${MISSING[*]}"
  SUDO=$([ "$(id -u)" -eq 0 ] || echo sudo)
  { $SUDO apt-get -o DPkg::Lock::Timeout=600 -q update &&
    $SUDO apt-get -o DPkg::Lock::Timeout=600 -y -q install --no-install-recommends "${MISSING[@]}"; } >"$WORK/apt.log" 2>&1 \
    || { tail -30 "$WORK/apt.log" >&2; exit 1; }
fi

log "npm ci (s3rver, the S3 server of the scale-out tests, and axe-core, the browser tests' accessibility rules, at their locked versions)"
(cd .ci/s3 && npm ci --no-audit --no-fund --loglevel=error)
(cd .ci/axe && npm ci --no-audit --no-fund --loglevel=error)
log "dotnet restore"
dotnet restore Picshelf.slnx
log "dotnet build"
dotnet build Picshelf.slnx -c Release --no-restore

# The suite runs twice: on the embedded defaults (SQLite, files), then every data and storage test again on
# PostgreSQL + S3 + Redis, which the test process starts itself. Classes that bring their own servers run once.
rc=0
log "dotnet test (SQLite + filesystem)"
TMPDIR=$WORK/tmp dotnet test Picshelf.slnx -c Release --no-build 2>&1 | tee "$WORK/test-embedded.log" || rc=1
log "dotnet test (PostgreSQL + S3 + Redis)"
TMPDIR=$WORK/tmp PICSHELF_TEST_BACKEND=scaleout dotnet test Picshelf.slnx -c Release --no-build --filter "Backend!=Own" 2>&1 \
  | tee "$WORK/test-scaleout.log" || rc=1

# VSTest prints one "Passed!  - Failed: 0, Passed: N, Skipped: 0, Total: N" line per test assembly and run.
read -r passed failed skipped < <(awk '/(Passed|Failed)! +- +Failed: /{gsub(",","");
    for(i=1;i<=NF;i++){ if($i=="Failed:")f+=$(i+1); if($i=="Passed:")p+=$(i+1); if($i=="Skipped:")s+=$(i+1) } }
    END{ print p+0, f+0, s+0 }' "$WORK"/test-*.log)
log "done (dotnet test: $([ "$rc" -eq 0 ] && echo ok || echo failed))"
if [ "$rc" -eq 0 ] && [ "$passed" -eq 0 ]; then
  echo "no tests ran" >&2
  rc=1
fi
echo "$passed passed, $failed failed, $skipped skipped"
exit "$rc"
