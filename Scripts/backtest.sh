#!/bin/sh
# Backtests `due forecast` on the IBM receivables sample: imports the CSV into a scratch ledger,
# then forecasts the next 4 weeks from each month-end of 2013 and compares with what came in.
# Usage: Scripts/backtest.sh [CSV] [YEAR]   (default ../shared/data/ibm-accounts-receivable.csv, 2013)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
# The data lives beside the checkout (../shared), or beside the folder of worktrees.
csv=${1:-$root/../shared/data/ibm-accounts-receivable.csv}
[ -f "$csv" ] || [ $# -gt 0 ] || csv=$root/../../shared/data/ibm-accounts-receivable.csv
year=${2:-2013}
[ -f "$csv" ] || { echo "backtest: no CSV at $csv" >&2; exit 2; }
cd "$root"
swift build -q
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
.build/debug/due import csv "$csv" --currency USD -o "$work/ibm.due" 2>/dev/null
.build/debug/due forecast "$work/ibm.due" --backtest "$year" --format markdown
