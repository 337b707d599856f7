#!/usr/bin/env bash
# Times every command on ledgers of shapes the benchmark profiles do not have, each at two sizes
# (Scripts/shapes.py), and prints how much longer the larger takes: about 2x is linear; a shape
# that takes much more has work growing faster than the ledger (or with the length of one
# entry: the long letters name thousands of invoices each). Release build; ledgers go to
# bench-out/shapes/ and are kept. Each quick command's time is the least of three runs; the
# report and `sent --all` run once, on disk, so their ratio says less.
#
#   Scripts/shapes.sh            # write-offs, wide (many clients), deep (few, busy clients) and long letters
#   SCALE=2 Scripts/shapes.sh    # each ledger twice as large
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product due >/dev/null
due=$PWD/.build/release/due
scale=${SCALE:-1}
out=bench-out/shapes
mkdir -p "$out"
asof=2026-11-20

make() { # name args...: the ledger, written once
  local f=$out/$1.due
  shift
  [ -f "$f" ] || python3 Scripts/shapes.py "$@" "$f"
  echo "$f"
}

seconds() { # command...: wall seconds (output discarded)
  /usr/bin/time -f '%e' -o "$out/time" "$@" >/dev/null 2>&1 || true
  tail -n 1 "$out/time"
}

best() { # command...: the least wall seconds of three runs (the machine's noise is added, never taken)
  local a b c
  a=$(seconds "$@"); b=$(seconds "$@"); c=$(seconds "$@")
  printf '%s\n%s\n%s\n' "$a" "$b" "$c" | sort -n | head -n 1
}

# The report's folders stay until the end: creating thousands of files just after thousands
# were deleted is slow on some filesystems (see Scripts/bench.sh), and would be timed here.
rm -f "$out/runs"
trap 'if [ -f "$out/runs" ]; then xargs rm -rf <"$out/runs"; fi; rm -f "$out/runs" "$out/x.journal" "$out/time"' EXIT

# Each command on one ledger; the report, then `sent --all`, in a folder of their own.
timings() { # file
  local f=$1 run
  for c in "check" "aging --as-of $asof" "clients --as-of $asof" "agenda --as-of $asof" "forecast --as-of $asof" "fmt --check" "export hledger --force -o $out/x.journal"; do
    # shellcheck disable=SC2086
    echo "${c%% *} $(best "$due" $c "$f")"
  done
  run=$(mktemp -d "$out/run.XXXXXX")
  echo "$run" >>"$out/runs"
  cp "$f" "$run/"
  echo "report $(seconds "$due" report --as-of $asof "$run/${f##*/}")"
  echo "sent $(seconds "$due" sent "$run/${f##*/}" --all)"
}

compare() { # label small large
  echo "$1: $(stat -c %s "$2") and $(stat -c %s "$3") bytes"
  local small large
  # One after the other: side by side they would share the cores.
  small=$(timings "$2")
  large=$(timings "$3")
  paste <(echo "$small") <(echo "$large") | awk '{
    r = ($2 > 0.02 ? $4 / $2 : 0)
    printf "  %-9s %7.2f s  %7.2f s  %5.1fx%s\n", $1, $2, $4, r, (r > 2.6 ? "  <- grows faster than the ledger" : "") }'
}

compare "write-offs (letters x write-offs)" "$(make writeoffs-$((2500 * scale)) writeoffs $((2500 * scale)))" "$(make writeoffs-$((5000 * scale)) writeoffs $((5000 * scale)))"
compare "wide (many clients, 10 invoices each)" "$(make wide-$((10000 * scale)) dense $((10000 * scale)) 10)" "$(make wide-$((20000 * scale)) dense $((20000 * scale)) 10)"
compare "deep (20 clients, thousands of invoices each)" "$(make deep-$((5000 * scale)) dense 20 $((5000 * scale)))" "$(make deep-$((10000 * scale)) dense 20 $((10000 * scale)))"
compare "long letters (2 clients, each letter names thousands of invoices)" "$(make letters-$((4000 * scale)) long-letters 2 $((4000 * scale)))" "$(make letters-$((8000 * scale)) long-letters 2 $((8000 * scale)))"
