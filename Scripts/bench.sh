#!/usr/bin/env bash
# Times `due` on generated ledgers of 10k, 100k and 1M invoices in a release build.
#
#   Scripts/bench.sh                 # all three sizes, 3 runs each (median per stage)
#   Scripts/bench.sh 100000          # one size
#   RUNS=5 Scripts/bench.sh 10000 100000
#
# Ledgers are generated once into bench-out/ (deterministic: same size, same bytes) and reused.
# Besides `due bench` (stage by stage, in one process) it times whole commands with
# /usr/bin/time when that is installed, for wall time and peak memory as a user sees them.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(10000 100000 1000000)
runs=${RUNS:-3}
swift build -c release --product due >/dev/null
due=.build/release/due
mkdir -p bench-out
echo "machine: $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg)"
for n in "${sizes[@]}"; do
  f=bench-out/ledger-$n.due
  [ -f "$f" ] || "$due" bench --generate "$n" -o "$f"
  "$due" bench --runs "$runs" "$f"
  if [ -x /usr/bin/time ]; then
    for cmd in "check --as-of 2026-11-20" "aging --as-of 2026-11-20" "fmt --check"; do
      /usr/bin/time -f "  due $cmd: %e s wall, %M KB peak" "$due" $cmd "$f" >/dev/null 2>/tmp/due-bench-time || true
      tail -n 1 /tmp/due-bench-time
    done
  fi
done
