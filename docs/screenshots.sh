#!/usr/bin/env bash
# Takes the README's screenshots of the web site (docs/screenshots/*.png) by running the browser tests that prove the
# pages work, with PICSHELF_SCREENSHOTS naming the folder (tests/Picshelf.Tests/Infrastructure/ChromiumSite.cs).
# Needs what ./test.sh installs for them (Debian's chromium). Run from anywhere:   docs/screenshots.sh
set -euo pipefail
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OUT=$REPO/docs/screenshots
mkdir -p "$OUT"
dotnet build "$REPO/tests/Picshelf.Tests" -c Release -nologo -v q
PICSHELF_SCREENSHOTS=$OUT dotnet test "$REPO/tests/Picshelf.Tests" -c Release --no-build --filter "FullyQualifiedName~BrowserTests|FullyQualifiedName~BrowserFlowTests"
ls -l "$OUT"
