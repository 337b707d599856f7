#!/usr/bin/env python3
"""Times two builds of `due` on the same command, run after run in turn, and prints medians.

  Scripts/alternate.py RUNS OLD NEW -- ARGS...          # e.g. -- check --as-of 2026-11-20 big.due
  Scripts/alternate.py RUNS OLD NEW --report LEDGER      # `due report` in a new folder each run

Alternating in the same minutes keeps the machine's drift (other load, the page cache, a
warming disk) out of the comparison. With --report every run writes into a folder of its own
beside ROOT (default /tmp), holding a copy of LEDGER, and the folders are deleted only at the
end: on some filesystems (ext4 without a journal) creating thousands of files where thousands
were just deleted is many times slower, which would be timed as the next run's. Each run is
measured with /usr/bin/time: wall seconds, CPU seconds (user + system), peak resident memory.
"""
import os, shutil, statistics, subprocess, sys, tempfile

def measure(cmd):
    t = subprocess.run(['/usr/bin/time', '-f', '%e %U %S %M'] + cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    w, u, s, m = t.stderr.strip().splitlines()[-1].split()
    return float(w), float(u) + float(s), int(m) / 1024

def main():
    if len(sys.argv) < 5:
        sys.exit(__doc__)
    runs, builds = int(sys.argv[1]), sys.argv[2:4]
    rest = sys.argv[4:]
    report = rest[0] == '--report'
    folders = []
    results = {b: [] for b in builds}
    try:
        for i in range(runs):
            for b in builds:
                if report:
                    folder = tempfile.mkdtemp(prefix='due-alternate-', dir=os.environ.get('ROOT', '/tmp'))
                    folders.append(folder)
                    ledger = os.path.join(folder, os.path.basename(rest[1]))
                    shutil.copy(rest[1], ledger)
                    subprocess.run(['sync'])
                    cmd = [b, 'report', '--as-of', os.environ.get('AS_OF', '2026-11-20'), ledger]
                else:
                    cmd = [b] + rest[rest.index('--') + 1:]
                results[b].append(measure(cmd))
    finally:
        for f in folders:
            shutil.rmtree(f, ignore_errors=True)
    for b in builds:
        r = results[b]
        print('%-40s wall %.2f s  CPU %.2f s  peak %.0f MiB  (walls %s)' % (
            b, statistics.median(x[0] for x in r), statistics.median(x[1] for x in r),
            statistics.median(x[2] for x in r), ' '.join('%.2f' % x[0] for x in r)))

main()
