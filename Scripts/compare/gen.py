#!/usr/bin/env python3
"""Writes an adversarial ledger: every optional detail of an invoice, terms at their limits,
amounts near the largest `due` takes, duplicate numbers, unknown and non-ASCII clients, then
shuffled entries, CRLF, tabs, a BOM or no final line feed. Most come out with errors, which is
the point (check and fmt must report them alike); MILD=1 makes fewer.
usage: Scripts/compare/gen.py SEED OUT [INVOICES]"""
import random, sys
seed = int(sys.argv[1]); out = sys.argv[2]; n = int(sys.argv[3]) if len(sys.argv) > 3 else 40
r = random.Random(seed)
import os
MILD = os.environ.get('MILD') == '1'
ids = ['acme', 'beta', 'zoé', 'zoe\u0301', 'кий', 'x-y_z', 'Big.Co', 'a'*40, 'ghost']
terms = ['net 30', '2/10 net 30', 'net 3650', 'net 3651', 'net 0', 'eom', 'net 30 eom', 'receipt', 'due on receipt', '1.5/10 net 45', 'NET 14', '2/3650 net 3650', '2/0 net 0', 'net 99999']
curs = ['GBP', 'EUR', 'JPY', 'KWD', 'USD', 'XXX', 'gbp']
if os.environ.get('MILD') == '1':
    curs = ['GBP']
    terms = [t for t in terms if t not in ('net 3651', 'net 99999')]
    ids = ['acme', 'beta', 'zoé', 'кий', 'x-y_z', 'Big.Co']
def amt(big=False):
    k = r.random()
    if MILD: return '%d.%02d' % (r.randrange(0, 100000), r.randrange(100))
    if big or k < 0.05: return r.choice(['9223372036854775807', '92233720368547758.07', '9999999999999999.99', '10000000000000000.00', '999999999999999999', '0.001', '1.005', '0.0000000001', '-5.00', '1,000,000.00', '1e5'])
    return '%d.%02d' % (r.randrange(0, 100000), r.randrange(100))
L = []
L.append('settings\n  currency  %s\n' % r.choice(['GBP', 'EUR', 'JPY']))
cl = []
for i, c in enumerate(ids[:-1]):
    if r.random() < 0.15 and not MILD: continue
    cl.append(c)
    e = ['client %s %s Ltd' % (c, c.capitalize())]
    if r.random() < 0.5: e.append('  terms  ' + r.choice(terms))
    if r.random() < 0.4: e.append('  currency  ' + r.choice(curs))
    if r.random() < 0.3: e.append('  interest  %s%%' % r.choice(['8', '11.75', '0', '4.123456']))
    if r.random() < 0.3: e.append('  compensation  ' + r.choice(['40.00', 'statutory', '70'] + ([] if MILD else ['1000000000000000.00'])))
    if r.random() < 0.6: e.append('  email  ap@%d.example' % i)
    if r.random() < 0.3: e.append('  contact  Jo Bloggs')
    L.append('\n'.join(e) + '\n')
nums = []
def day():
    return '20%02d-%02d-%02d' % (r.choice([20, 24, 25, 26, 27, 26, 26]), r.randrange(1, 13), r.randrange(1, 29))
for k in range(n):
    kind = r.random()
    c = r.choice(ids) if r.random() < 0.9 else r.choice(cl or ids)
    if kind < 0.55:
        num = 'INV-%d' % k if r.random() > 0.05 or not nums else r.choice(nums)
        if r.random() < 0.05: num = 'N°%d' % k
        nums.append(num)
        e = ['%s invoice %s %s' % (day(), c, num)]
        det = []
        if r.random() < 0.3: det.append('  ref  PO %d' % k)
        if r.random() < 0.3: det.append('  for  Work on %d ; trailing' % k if r.random() < 0.3 else '  for  Work on thing %d' % k)
        ni = r.choice([0, 1, 1, 2, 3])
        for j in range(ni):
            q = r.choice(['1', '3', '2.5', '0.333'] if MILD else ['1', '3', '2.5', '0', '1000000', '0.333'])
            det.append('  item  Thing %d   %s x %s%s' % (j, q, amt(r.random() < 0.03), r.choice(['', '', ' ' + r.choice(curs)])))
        if r.random() < 0.4: det.append('  tax  ' + r.choice(['VAT 20%', 'VAT 0%', 'GST 7.25%', 'VAT 19.999%', 'VAT 100%'] if MILD else ['VAT 20%', '20%', 'VAT 0%', 'GST 7.25%', 'VAT 19.999%', 'VAT -5%', 'VAT 100%']))
        if r.random() < 0.4: det.append('  total  %s%s' % (amt(), r.choice(['', '', ' ' + r.choice(curs)])))
        if r.random() < 0.25: det.append('  terms  ' + r.choice(terms))
        if r.random() < 0.15: det.append('  due  ' + day())
        if r.random() < 0.15: det.append('  interest  %s%%' % r.choice(['8', '11.75', '0', '250']))
        if r.random() < 0.15: det.append('  compensation  ' + r.choice(['40.00', 'statutory', '70', '100.00'] + ([] if MILD else ['99999999999999999.99'])))
        if r.random() < 0.15: det.append('  currency  ' + r.choice(curs))
        if r.random() < 0.3: r.shuffle(det)
        if r.random() < 0.1: det = [d + '   ; note %d' % i for i, d in enumerate(det)]
        e += det
    elif kind < 0.8:
        credit = r.random() < 0.3
        e = ['%s %s %s %s%s' % (day(), 'credit' if credit else 'payment', c, amt(), r.choice(['', '', ' ' + r.choice(curs)]))]
        if credit:
            if r.random() < 0.6: e.append('  number  CN-%d' % k)
            if r.random() < 0.6: e.append('  reason  Goodwill %d' % k)
        else:
            if r.random() < 0.5: e.append('  method  bank transfer')
            if r.random() < 0.5: e.append('  ref  REF %d' % k)
        for _ in range(r.choice([0, 1, 1, 2])):
            if nums: e.append('  apply  %s%s' % (r.choice(nums), r.choice(['', ' ' + amt()])))
    elif kind < 0.85 and nums:
        e = ['%s writeoff %s %s %s' % (day(), c, r.choice(nums), amt())]
        if r.random() < 0.5: e.append('  reason  gone')
    elif kind < 0.92:
        e = ['%s note %s call' % (day(), c), '  said  They will pay %d' % k]
    else:
        e = ['%s letter %s %s' % (day(), c, r.choice(['reminder', 'follow-up', 'final', 'demand'])), '  channel  email']
        if nums: e.append('  invoices  ' + r.choice(nums))
    L.append('\n'.join(e) + '\n')
if MILD:
    pass
body = L[1 + len(cl):]
if r.random() < 0.6: r.shuffle(body)
L = L[:1 + len(cl)] + body
sep = r.choice(['\n', '\n', '\n\n', '\n\n\n'])
text = sep.join(L)
if r.random() < 0.15: text = text.replace('\n', '\r\n')
if r.random() < 0.1: text = text.replace('  ', '\t')
if r.random() < 0.1: text = '\ufeff' + text
if r.random() < 0.2: text = text.rstrip('\n')
open(out, 'wb').write(text.encode())
