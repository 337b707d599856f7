#!/usr/bin/env python3
"""Runs two builds of `due` on one ledger folder and reports every difference.

usage: OLD=path/to/due NEW=path/to/due Scripts/compare/run.py FOLDER FILE [quick]

Each command runs on a fresh copy of FOLDER (so `fmt`, `report` and `export -o` write into
it), at the same path for both builds; exit status, stdout, stderr and every file in the copy
afterwards must match byte for byte. A difference is printed as a DIFF line and its outputs are
kept under $OUT (default /tmp/due-compare/diffs). `quick` runs only check, fmt and export.
Make folders with gen.py (adversarial ledgers) and mutate.py (changes to a generated one).
"""
import os, shutil, subprocess, sys, hashlib
OLD = os.environ['OLD']
NEW = os.environ['NEW']
OUT = os.environ.get('OUT', '/tmp/due-compare')
case, main = sys.argv[1], sys.argv[2]
quick = len(sys.argv) > 3 and sys.argv[3] == 'quick'
RUN = os.path.join(OUT, 'run-%d' % os.getpid())
CMDS = [
  (['check', main], False),
  (['check', '--json', main], False),
  (['check', '--json', '--as-of', '2026-11-20', main], False),
  (['fmt', '--stdout', main], False),
  (['fmt', '--check', main], False),
  (['export', 'hledger', main], False),
  (['export', 'beancount', main], False),
  (['fmt', main], True),
  (['export', 'hledger', '-o', 'out.journal', main], True),
  (['export', 'beancount', '-o', 'out.beancount', main], True),
  (['report', main, '--as-of', '2026-11-20'], True),
  (['report', main, '--as-of', '2020-01-01'], True),
  (['aging', '--as-of', '2026-11-20', main], False),
  (['agenda', '--as-of', '2026-11-20', main], False),
  (['clients', '--as-of', '2026-11-20', main], False),
  (['forecast', '--as-of', '2026-11-20', main], False),
]
if quick: CMDS = [c for c in CMDS if c[0][0] in ('check', 'fmt', 'export')]
def snap(d):
    out = {}
    for root, _, files in os.walk(d):
        for f in files:
            p = os.path.join(root, f); out[os.path.relpath(p, d)] = open(p, 'rb').read()
    return out
def run(binary, args, fresh):
    if fresh or not os.path.exists(RUN):
        shutil.rmtree(RUN, ignore_errors=True); shutil.copytree(case, RUN)
    r = subprocess.run([binary] + args, cwd=RUN, capture_output=True, timeout=600)
    return r.returncode, r.stdout, r.stderr, (snap(RUN) if fresh else None)
ndiff = 0
for args, writes in CMDS:
    a = run(OLD, args, True); b = run(NEW, args, True)
    if a != b:
        ndiff += 1
        what = []
        if a[0] != b[0]: what.append('rc %s/%s' % (a[0], b[0]))
        if a[1] != b[1]: what.append('stdout')
        if a[2] != b[2]: what.append('stderr')
        if a[3] != b[3]:
            ks = sorted(set(a[3]) | set(b[3]))
            what.append('files ' + ','.join(k for k in ks if a[3].get(k) != b[3].get(k))[:300])
        print('DIFF', case, ' '.join(args), '|', '; '.join(what), flush=True)
        tag = hashlib.md5((case + ' '.join(args)).encode()).hexdigest()[:8]
        d = os.path.join(OUT, 'diffs', tag); os.makedirs(d, exist_ok=True)
        for n, x in (('old', a), ('new', b)):
            open(f'{d}/{n}.out', 'wb').write(x[1]); open(f'{d}/{n}.err', 'wb').write(x[2])
        open(f'{d}/cmd', 'w').write(case + ' :: ' + ' '.join(args) + '\n')
print('case', case, 'diffs', ndiff, flush=True)
shutil.rmtree(RUN, ignore_errors=True)
