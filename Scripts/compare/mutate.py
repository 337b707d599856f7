#!/usr/bin/env python3
"""Changes a ledger written by `due bench --generate N --profile realistic`: adds and drops
optional details (interest, compensation, due, terms, purpose, tax, written currencies, items),
shuffles details and entries, adds trailing comments, runs of blank lines, CRLF, tabs, a BOM.
SAFE=1 keeps most results free of errors (so fmt, export and report run); FMTONLY=1 changes
only the layout (fmt must rewrite it and prove the meaning unchanged).
usage: Scripts/compare/mutate.py SEED IN OUT [RATE]"""
import random, sys, re
seed = int(sys.argv[1]); src = open(sys.argv[2], 'rb').read().decode(); out = sys.argv[3]
rate = float(sys.argv[4]) if len(sys.argv) > 4 else 0.3
r = random.Random(seed)
import os
SAFE = os.environ.get('SAFE') == '1'
blocks = src.split('\n\n')
terms = ['net 30', '2/10 net 30', 'net 3650', 'net 0', 'eom', 'net 30 eom', 'receipt', 'due on receipt', '1.5/10 net 45', 'NET 14', '2/3650 net 3650', '2/0 net 0', '3/15 net 60 eom']
def mutate_invoice(lines):
    head, det = lines[0], lines[1:]
    cur = None
    ops = r.sample(range(14), r.randrange(1, 5))
    if os.environ.get('FMTONLY') == '1': ops = r.sample([7, 8, 12], r.randrange(1, 3))
    def has(k): return any(re.match(r'\s+' + k + r'\b', d) for d in det)
    for op in ops:
        if op == 0: det = [d for d in det if not re.match(r'\s+(for|ref|terms)\b', d)] or det
        if op == 1 and not has('interest'): det.append('  interest  %s%%' % r.choice(['8', '11.75', '0', '4.5']))
        if op == 2 and not has('compensation'): det.append('  compensation  ' + r.choice(['40.00', 'statutory', '70.00', '100', '12.345']))
        if op == 3 and not has('due'):
            m = re.match(r'(\d{4})-(\d\d)-(\d\d)', head)
            det.append('  due  %s-%02d-%s' % (m.group(1), min(12, int(m.group(2)) + r.choice([0, 1, 2])), m.group(3)))
        if op == 4:
            det = [d for d in det if not re.match(r'\s+terms\b', d)]; det.append('  terms  ' + r.choice(terms))
        if op == 5: det = [d for d in det if not re.match(r'\s+terms\b', d)]
        if op == 6 and not has('for'): det.append('  for  ' + r.choice(['Work', 'Работа', 'a  b\tc', 'x ; not a comment?', 'Café ☕']))
        if op == 7: r.shuffle(det)
        if op == 8 and det:
            k = r.randrange(len(det)); det[k] = det[k] + r.choice(['   ; c', ' ;c', '\t; tab comment'])
        if op == 9 and SAFE: pass
        elif op == 9:
            for k, d in enumerate(det):
                if re.match(r'\s+total\b', d) and not d.rstrip().endswith(('GBP', 'EUR', 'USD')):
                    det[k] = d.rstrip() + ' ' + r.choice(['GBP', 'EUR', 'USD'])
        if op == 10: det = [d for d in det if not re.match(r'\s+tax\b', d)] + ['  tax  ' + r.choice(['VAT 20%', 'VAT 0%', 'GST 7.25%', '5%', 'VAT 19.999%'])]
        if op == 11 and not SAFE: det.append('  currency  ' + r.choice(['GBP', 'EUR', 'USD', 'JPY']))
        if op == 12: det = [re.sub(r'^(\s+\S+)\s+', lambda m: m.group(1) + ' ' * r.randrange(1, 6), d) for d in det]
        if op == 13 and has('total'): det = [d for d in det if not re.match(r'\s+item\b', d)]
    return [head] + det
def mutate_payment(lines, credit):
    head, det = lines[0], lines[1:]
    op = r.randrange(6)
    if os.environ.get('FMTONLY') == '1': op = 3
    if op == 0: det = [d for d in det if not re.match(r'\s+(number|reason|method|ref)\b', d)]
    if op == 1 and credit: det.insert(0, '  reason  ' + r.choice(['Goodwill', 'Fault ; c', 'Ünïcode']))
    if op == 2 and credit: det.insert(0, '  number  CN-%d' % r.randrange(10**6))
    if op == 3: r.shuffle(det)
    if op == 4 and not SAFE: head = head.replace(' payment ', ' credit ') if not credit else head.replace(' credit ', ' payment ')
    if op == 5: det.append('  ref  R%d' % r.randrange(1000))
    return [head] + det
res = []
for b in blocks:
    lines = b.split('\n')
    if r.random() < rate and lines and re.match(r'\d{4}-\d\d-\d\d invoice ', lines[0]):
        lines = mutate_invoice(lines)
    elif r.random() < rate and lines and re.match(r'\d{4}-\d\d-\d\d (payment|credit) ', lines[0]):
        lines = mutate_payment(lines, ' credit ' in lines[0])
    res.append('\n'.join(lines))
head = [b for b in res if not re.match(r'\d{4}-', b.lstrip('\n'))]
body = [b for b in res if re.match(r'\d{4}-', b.lstrip('\n'))]
if r.random() < 0.5: r.shuffle(body)
seps = ['\n\n'] * 6 + ['\n\n\n', '\n\n\n\n', '\n\n; between\n\n', '\n; above\n']
parts = []
for i, b in enumerate(head + body):
    parts.append((r.choice(seps) if i else '') + b)
text = ''.join(parts)
if r.random() < 0.2: text = text.replace('\n', '\r\n')
if r.random() < 0.1: text = text.replace('  ', '\t')
if r.random() < 0.1: text = '\ufeff' + text
if r.random() < 0.2: text = text.rstrip('\n')
if r.random() < 0.2: text = text.replace('\n\n', '\n\n\n\n\n')
open(out, 'wb').write(text.encode())
