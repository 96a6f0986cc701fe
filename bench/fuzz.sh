#!/usr/bin/env bash
# The property tests run for minutes instead of the suite's few thousand cases: each property runs SECONDS_PER_PROPERTY
# seconds, once per provider in PROVIDERS. The upload properties (tests/Picshelf.Tests/Images/UploadPropertyTests.cs)
# run on each provider; the byte parsers' own (tests/Picshelf.Tests/Media/*PropertyTests.cs) call no server, so they run
# with the embedded provider only.
#   PROVIDERS=embedded (the default): SQLite and files.
#   PROVIDERS=scaleout: PostgreSQL, S3 (s3rver) and Redis, which the test process starts itself, as
#                       PICSHELF_TEST_BACKEND=scaleout does in ./test.sh (needs what ./test.sh installs, and root).
#   PROVIDERS="embedded scaleout": one after the other.
# Run from the repository root:   bench/fuzz.sh                        (8 properties x 40 s, about 5 minutes)
#                                 SECONDS_PER_PROPERTY=300 PROVIDERS=scaleout bench/fuzz.sh
# Replay a failure with the seed CsCheck printed:   CsCheck_Seed=<seed> PROVIDERS=<the provider> bench/fuzz.sh
# Prints each property's case count and time; a failure prints the failing (shrunk) case and its seed.
set -euo pipefail

SECONDS_PER_PROPERTY=${SECONDS_PER_PROPERTY:-40}
PROVIDERS=${PROVIDERS:-embedded}
cd "$(dirname "${BASH_SOURCE[0]}")/.."
LOGS=${TMPDIR:-/tmp}

UPLOADS="FullyQualifiedName~Picshelf.Tests.Images.UploadPropertyTests"
PARSERS="FullyQualifiedName~Picshelf.Tests.Media.BmpDecoderPropertyTests|FullyQualifiedName~Picshelf.Tests.Media.MetadataStripperPropertyTests"
for provider in $PROVIDERS; do
  case $provider in
    embedded | scaleout) ;;
    *) echo "PROVIDERS may name embedded and scaleout, not $provider" >&2; exit 2 ;;
  esac
done

# The scale-out servers' data goes below a folder of this run's own; a cluster a killed test process left running is
# stopped before the folder goes (pg_ctl runs it outside the test's process tree).
work=""
cleanup() {
  [ -n "$work" ] || return 0
  for cluster in "$work"/picshelf-pg-*/data; do
    [ -f "$cluster/postmaster.pid" ] || continue
    runuser -u postgres -- "$(compgen -G '/usr/lib/postgresql/*/bin/pg_ctl' | sort | tail -1)" -D "$cluster" -m immediate stop >/dev/null 2>&1 || true
  done
  rm -rf "$work"
  work=""
}
trap cleanup EXIT

echo "seed: ${CsCheck_Seed:-none given (CsCheck draws one per case and prints the failing one)}"
dotnet build tests/Picshelf.Tests -c Release 2>&1 | grep -E " error |Elapsed" || true
status=0
for provider in $PROVIDERS; do
  log="$LOGS/picshelf-fuzz-$provider.log"
  started=$(date +%s)
  if [ "$provider" = embedded ]; then
    # One class after the other, so the upload properties have the CPUs to themselves, as when the table in
    # bench/README.md was measured.
    for filter in "$UPLOADS" "$PARSERS"; do
      PICSHELF_FUZZ_SECONDS=$SECONDS_PER_PROPERTY dotnet test tests/Picshelf.Tests -c Release --no-build \
          --filter "$filter" --logger "console;verbosity=detailed" 2>&1 || status=1
    done >"$log"
  else
    work=$(mktemp -d /tmp/picshelf-fuzz.XXXXXX)
    # The postgres user must reach the clusters the tests create there (initdb runs as it).
    chmod 755 "$work"
    TMPDIR=$work PICSHELF_TEST_BACKEND=scaleout PICSHELF_FUZZ_SECONDS=$SECONDS_PER_PROPERTY dotnet test tests/Picshelf.Tests -c Release \
        --no-build --filter "$UPLOADS" --logger "console;verbosity=detailed" >"$log" 2>&1 || status=1
    cleanup
  fi
  echo "== $provider"
  # The properties' own lines (cases and seconds), the outcome of each test, and any failure with its seed.
  grep -E "^ [A-Za-z0-9_]+: |^\s*(Passed|Failed) Picshelf|Set seed|^ *(Total tests|Passed|Failed):" "$log" || true
  echo "wall time: $(( $(date +%s) - started )) s; full log: $log"
done
exit "$status"
