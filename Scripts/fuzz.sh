#!/usr/bin/env bash
# Fuzz the ledger pipeline (parse, includes, resolve, balances, checks, diagnostics) with
# libFuzzer for SECONDS seconds (default 600), seeded from samples/ and Tests/Corpus/.
#   Scripts/fuzz.sh [SECONDS] [extra libFuzzer flags...]
# Findings (crash-*, timeout-*, oom-*) land in .build/fuzz/artifacts/.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_TO_RUN="${1:-600}"
shift || true
OUT=.build/fuzz
mkdir -p "$OUT/corpus" "$OUT/artifacts"
BIN="$OUT/fuzz-ledger"
SOURCES=$(find Sources/DueKit -name '*.swift' | sort)
# Rebuild only when a source is newer than the binary.
if [ ! -x "$BIN" ] || [ -n "$(find Sources/DueKit Fuzz -name '*.swift' -newer "$BIN" | head -1)" ]; then
  echo "building $BIN ..."
  rm -f "$BIN.new"
  swiftc -sanitize=fuzzer,address -parse-as-library -O -module-name DueFuzz \
    Fuzz/FuzzLedger.swift $SOURCES -o "$BIN.new" 2>&1 | grep -v "Cannot export local symbol" || true
  [ -x "$BIN.new" ] || { echo "fuzz target did not build" >&2; exit 1; }
  mv "$BIN.new" "$BIN"
fi
# Seeds: the sample ledgers and the bad-input corpus (the corpus dir keeps what the fuzzer learns).
cp -n samples/*.due "$OUT/corpus/" 2>/dev/null || true
if [ -d Tests/Corpus ]; then
  for f in Tests/Corpus/*.due; do [ -e "$f" ] && cp -n "$f" "$OUT/corpus/corpus-$(basename "$f")"; done
fi
export ASAN_OPTIONS="${ASAN_OPTIONS:-symbolize=0:detect_leaks=0}"
exec "$BIN" "$OUT/corpus" \
  -dict=Fuzz/ledger.dict -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
  -max_total_time="$SECONDS_TO_RUN" -print_final_stats=1 \
  -artifact_prefix="$OUT/artifacts/" "$@"
