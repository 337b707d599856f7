#!/usr/bin/env bash
# Times `due` on generated ledgers of three shapes at 100k and 1M invoices, in a release build.
#
#   Scripts/bench.sh                        # uniform, realistic and varied, 100k and 1M invoices
#   Scripts/bench.sh 100000                 # one size
#   PROFILES=realistic RUNS=5 Scripts/bench.sh 100000 1000000
#   PEERS=1 Scripts/bench.sh 100000         # also ledger and hledger on the same data
#
# Ledgers are generated once into bench-out/ (deterministic: same profile and size, same bytes)
# and reused. For each it prints `due bench` (what `due check` runs, in one process), then whole
# commands under /usr/bin/time: wall and CPU seconds, peak memory, and peak memory against the
# file's size. Then, per profile, how `due check` grows from the smallest size to the largest,
# and how an adversarial ledger (notes whose texts differ only in the middle) compares with the
# realistic one of the same size. With PEERS=1, ledger and hledger read the same data exported
# with `due export hledger` (`balance`), and their time is shown as a multiple of `due check`'s.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(100000 1000000)
read -r -a profiles <<<"${PROFILES:-uniform realistic varied}"
runs=${RUNS:-3}
asof=2026-11-20
swift build -c release --product due >/dev/null
due=.build/release/due
mkdir -p bench-out
have_time=0
[ -x /usr/bin/time ] && have_time=1
echo "machine: $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg)"

ledger_file() { # profile size
  local f=bench-out/$1-$2.due
  [ -f "$f" ] || "$due" bench --generate "$2" --profile "$1" -o "$f" >/dev/null
  echo "$f"
}

# Prints "wall cpu peak-KB" of one command (its output discarded).
# What the command before wrote is flushed to disk first: a report's hundreds of MB written back
# while the next command runs take a core from it (an export timed just after a report took up
# to 1.4 times as long).
measure() {
  sync
  /usr/bin/time -f '%e %U %S %M' "$@" >/dev/null 2>/tmp/due-bench-time || true
  tail -n 1 /tmp/due-bench-time | awk '{ printf "%.2f %.2f %d\n", $1, $2 + $3, $4 }'
}

row() { # label file wall cpu kb
  local bytes
  bytes=$(stat -c %s "$2")
  awk -v l="$1" -v b="$bytes" -v w="$3" -v c="$4" -v k="$5" 'BEGIN {
    printf "  %-22s %6.2f s wall %6.2f s CPU %7.0f MiB peak = %.2f x the file\n", l, w, c, k / 1024, k * 1024 / b }'
}

declare -A check_wall check_cpu
runs_made=()
trap 'rm -rf "${runs_made[@]}"' EXIT
for p in "${profiles[@]}"; do
  for n in "${sizes[@]}"; do
    f=$(ledger_file "$p" "$n")
    echo
    "$due" bench --runs "$runs" "$f"
    [ $have_time = 1 ] || continue
    read -r w c k < <(measure "$due" check --as-of $asof "$f")
    check_wall[$p-$n]=$w
    check_cpu[$p-$n]=$c
    row "due check" "$f" "$w" "$c" "$k"
    # The report writes beside a link to the ledger in a folder of its own, removed only at the
    # end: thousands of files deleted just before a run make creating files slow on some
    # filesystems (ext4 without a journal skips inodes freed in the last seconds, one by one,
    # for every file it creates), which would be timed as the next report's. The second run
    # finds every output up to date, as a re-run on the same day does.
    run=$(mktemp -d bench-out/report.XXXXXX)
    runs_made+=("$run")
    ln "$f" "$run/" 2>/dev/null || cp "$f" "$run/"
    read -r w c k < <(measure "$due" report --as-of $asof "$run/${f##*/}")
    row "due report" "$f" "$w" "$c" "$k"
    read -r w c k < <(measure "$due" report --as-of $asof "$run/${f##*/}")
    row "due report (again)" "$f" "$w" "$c" "$k"
    read -r w c k < <(measure "$due" fmt --check "$f")
    row "due fmt --check" "$f" "$w" "$c" "$k"
    read -r w c k < <(measure "$due" export hledger -o "${f%.due}.journal" --force "$f")
    row "due export hledger" "$f" "$w" "$c" "$k"
    # A spreadsheet of the same invoices (number, client, date, total), for `due import csv`.
    csv=${f%.due}.csv
    if [ ! -f "$csv" ]; then
      awk 'BEGIN { print "Invoice,Client,Date,Amount" }
        function flush() { if (num != "") printf "%s,%s,%s,%.2f\n", num, client, day, sum * (1 + tax / 100); num = "" }
        /^[0-9]/ { flush() }
        $2 == "invoice" { num = $4; client = $3; day = $1; sum = 0; tax = 0 }
        $1 == "item" && num != "" { sum += $(NF - 2) * $NF }
        $1 == "tax" && num != "" { t = $NF; sub(/%/, "", t); tax = t }
        END { flush() }' "$f" >"$csv"
    fi
    read -r w c k < <(measure "$due" import csv --date-format y-m-d --currency GBP -o "${f%.due}.imported.due" --force "$csv")
    row "due import csv" "$csv" "$w" "$c" "$k"
    rm -f "${f%.due}.imported.due"
    if [ "${PEERS:-0}" = 1 ]; then
      for peer in ledger hledger; do
        command -v $peer >/dev/null || { echo "  $peer: not installed, skipped"; continue; }
        read -r w c k < <(measure timeout "${PEER_TIMEOUT:-900}" $peer -f "${f%.due}.journal" balance)
        awk -v p="$peer" -v w="$w" -v d="${check_wall[$p-$n]}" -v k="$k" 'BEGIN {
          printf "  %-22s %6.2f s wall = %.0f x due check, %.0f MiB peak\n", p " balance", w, w / d, k / 1024 }'
      done
    fi
  done
done

if [ $have_time = 1 ] && [ ${#sizes[@]} -gt 1 ]; then
  small=${sizes[0]}
  large=${sizes[${#sizes[@]} - 1]}
  echo
  for p in "${profiles[@]}"; do
    awk -v p="$p" -v s="$small" -v l="$large" -v ws="${check_wall[$p-$small]}" -v wl="${check_wall[$p-$large]}" \
      -v cs="${check_cpu[$p-$small]}" -v cl="${check_cpu[$p-$large]}" 'BEGIN {
      printf "growth %s %d -> %d (%.0fx the invoices): due check %.1fx wall, %.1fx CPU\n", p, s, l, l / s, wl / ws, cl / cs }'
  done
fi

# Texts built to collide must cost no more than ordinary ones: the adversarial ledger is the
# realistic one with a note on every invoice, so compare time per megabyte.
if [ $have_time = 1 ]; then
  n=${sizes[0]}
  plain=$(ledger_file realistic "$n")
  hostile=$(ledger_file adversarial "$n")
  read -r wp cp _ < <(measure "$due" check --as-of $asof "$plain")
  read -r wa ca _ < <(measure "$due" check --as-of $asof "$hostile")
  awk -v n="$n" -v bp="$(stat -c %s "$plain")" -v ba="$(stat -c %s "$hostile")" -v cp="$cp" -v ca="$ca" 'BEGIN {
    sp = cp / (bp / 1048576); sa = ca / (ba / 1048576)
    printf "adversarial %d: due check %.2f s CPU for %.0f MiB (%.3f s/MiB); realistic %.2f s CPU for %.0f MiB (%.3f s/MiB): %.2fx per MiB\n",
      n, ca, ba / 1048576, sa, cp, bp / 1048576, sp, sa / sp }'
fi
