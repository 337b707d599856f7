#!/usr/bin/env bash
# Fuzz `due` with libFuzzer for SECONDS seconds (default 600), split between three targets:
#   ledger  parse, includes, resolve, balances, checks, diagnostics, fmt, and everything the
#           commands build from a ledger (aging, clients, agenda, letters, templates, export);
#   import  the CSV importer, whose output must read back as a ledger;
#   lsp     the language server, sent a ledger, an edit, requests at positions in and out of
#           the text, and a raw message body; every request must get one JSON answer.
#   Scripts/fuzz.sh [SECONDS] [ledger|import|lsp|all] [extra libFuzzer flags...]
# Seeds come from samples/ and Tests/Corpus/ (and Fuzz/import-seeds/ for import); findings
# (crash-*, timeout-*, oom-*) land in .build/fuzz/artifacts/.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_TO_RUN="${1:-600}"
shift || true
WHICH="${1:-all}"
shift || true
OUT=.build/fuzz
mkdir -p "$OUT/corpus" "$OUT/import-corpus" "$OUT/artifacts"
SOURCES=$(find Sources/DueKit -name '*.swift' | sort)

build() {  # build NAME SOURCE: rebuild only when a source is newer than the binary
  local bin="$OUT/fuzz-$1"
  if [ ! -x "$bin" ] || [ -n "$(find Sources/DueKit Fuzz -name '*.swift' -newer "$bin" | head -1)" ]; then
    echo "building $bin ..."
    rm -f "$bin.new"
    swiftc -sanitize=fuzzer,address -parse-as-library -O -module-name DueFuzz \
      "$2" $SOURCES -o "$bin.new" 2>&1 | grep -v "Cannot export local symbol" || true
    [ -x "$bin.new" ] || { echo "fuzz target $1 did not build" >&2; exit 1; }
    mv "$bin.new" "$bin"
  fi
}

export ASAN_OPTIONS="${ASAN_OPTIONS:-symbolize=0:detect_leaks=0}"
# A few thousand entries fit in the largest input (about 60 bytes an entry).
COMMON=(-max_len=262144 -timeout=20 -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$OUT/artifacts/")

run_ledger() {
  build ledger Fuzz/FuzzLedger.swift
  cp -n samples/*.due "$OUT/corpus/" 2>/dev/null || true
  for f in Tests/Corpus/*.due; do [ -e "$f" ] && cp -n "$f" "$OUT/corpus/corpus-$(basename "$f")"; done
  "$OUT/fuzz-ledger" "$OUT/corpus" -dict=Fuzz/ledger.dict -max_total_time="$1" "${COMMON[@]}" "${@:2}"
}

run_import() {
  build import Fuzz/FuzzImport.swift
  cp -n Fuzz/import-seeds/*.csv "$OUT/import-corpus/"
  "$OUT/fuzz-import" "$OUT/import-corpus" -dict=Fuzz/import.dict -max_total_time="$1" "${COMMON[@]}" "${@:2}"
}

run_lsp() {
  build lsp Fuzz/FuzzLanguageServer.swift
  mkdir -p "$OUT/lsp-corpus"
  cp -n samples/*.due "$OUT/lsp-corpus/" 2>/dev/null || true
  "$OUT/fuzz-lsp" "$OUT/lsp-corpus" -dict=Fuzz/ledger.dict -max_total_time="$1" "${COMMON[@]}" "${@:2}"
}

case "$WHICH" in
  ledger) run_ledger "$SECONDS_TO_RUN" "$@" ;;
  import) run_import "$SECONDS_TO_RUN" "$@" ;;
  lsp) run_lsp "$SECONDS_TO_RUN" "$@" ;;
  all)
    # Half to the ledger target, which reaches the most code; the rest split between the
    # importer and the language server.
    run_ledger $((SECONDS_TO_RUN / 2)) "$@"
    run_import $((SECONDS_TO_RUN / 4)) "$@"
    run_lsp $((SECONDS_TO_RUN - SECONDS_TO_RUN / 2 - SECONDS_TO_RUN / 4)) "$@"
    ;;
  *) echo "usage: Scripts/fuzz.sh [SECONDS] [ledger|import|lsp|all] [libFuzzer flags...]" >&2; exit 2 ;;
esac
