#!/usr/bin/env bash
# The upload property tests (tests/Picshelf.Tests/Images/UploadPropertyTests.cs) run for minutes instead of the
# suite's few thousand cases: each property runs SECONDS_PER_PROPERTY seconds on the embedded backend.
# Run from the repository root:   bench/fuzz.sh                        (4 properties x 40 s, about 3 minutes)
#                                 SECONDS_PER_PROPERTY=300 bench/fuzz.sh
# Replay a failure with the seed CsCheck printed:   CsCheck_Seed=<seed> bench/fuzz.sh
# Prints each property's case count and time; a failure prints the failing (shrunk) case and its seed.
set -euo pipefail

SECONDS_PER_PROPERTY=${SECONDS_PER_PROPERTY:-40}
cd "$(dirname "${BASH_SOURCE[0]}")/.."

echo "seed: ${CsCheck_Seed:-none given (CsCheck draws one per case and prints the failing one)}"
dotnet build tests/Picshelf.Tests -c Release 2>&1 | grep -E " error |Elapsed" || true
started=$(date +%s)
status=0
PICSHELF_FUZZ_SECONDS=$SECONDS_PER_PROPERTY dotnet test tests/Picshelf.Tests -c Release --no-build \
    --filter "FullyQualifiedName~Picshelf.Tests.Images.UploadPropertyTests" --logger "console;verbosity=detailed" >"${TMPDIR:-/tmp}/picshelf-fuzz.log" 2>&1 || status=$?
# The properties' own lines (cases and seconds), the outcome of each test, and any failure with its seed.
grep -E "^ [A-Za-z0-9_]+: |^\s*(Passed|Failed) Picshelf|Set seed|^ *(Total tests|Passed|Failed):" "${TMPDIR:-/tmp}/picshelf-fuzz.log" || true
echo "wall time: $(( $(date +%s) - started )) s; full log: ${TMPDIR:-/tmp}/picshelf-fuzz.log"
exit "$status"
