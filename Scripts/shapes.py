#!/usr/bin/env python3
"""Writes ledgers of shapes the benchmark profiles do not have, to look for work that grows
faster than the ledger or with what its text says.

usage:
  Scripts/shapes.py writeoffs CLIENTS OUT        # 30 invoices written off per client, then two
                                                 # open ones and a reminder: a letter to each
  Scripts/shapes.py dense CLIENTS PER_CLIENT OUT # every kind of entry, dense per client
                                                 # (20000 10: wide; 20 10000: deep)
  Scripts/shapes.py long-letters CLIENTS PER OUT # clients with PER open invoices each, every one
                                                 # named by each of four letters (a statement
                                                 # to a client who buys by the thousand)
  Scripts/shapes.py long-ids IN OUT [numbers]    # IN with client ids made longer than 15 bytes
                                                 # (`quinn12` -> `quinn12-consulting`), and with
                                                 # `numbers`, INV- numbers too (INVOICE-2026-)
  Scripts/shapes.py long-numbers IN OUT          # IN with only its INV- numbers made longer
                                                 # than 15 bytes (INVOICE-2026-0012345)

Then time commands on two sizes of one shape: the second should take about twice the first.
"""
import datetime, random, re, sys

def writeoffs(clients, out):
    ents, n = [], 0
    head = "settings\n  currency GBP\n\nsender Studio Ltd\n  email a@b.example\n\n"
    head += "".join(f"client c{c} Client {c} Ltd\n  contact Sam Client\n  email ap@c{c}.example\n  terms net 30\n\n" for c in range(clients))
    for c in range(clients):
        for k in range(30):
            n += 1
            ents.append((f"2025-03-{1 + k % 28:02d}", f"2025-03-{1 + k % 28:02d} invoice c{c} W-{n}\n  item  work  1 x 100.00\n\n"))
            ents.append((f"2025-09-{1 + k % 28:02d}", f"2025-09-{1 + k % 28:02d} writeoff c{c} W-{n}\n  reason  small balance\n\n"))
        for k in range(2):
            n += 1
            ents.append(("2026-06-01", f"2026-06-01 invoice c{c} A-{n}\n  item  design  3 x 400.00\n\n"))
        ents.append(("2026-08-15", f"2026-08-15 letter c{c} reminder\n  invoices  A-{n - 1} A-{n}\n\n"))
    ents.sort(key=lambda e: e[0])
    open(out, "w").write(head + "".join(e[1] for e in ents))

def dense(clients, per, out, seed=1):
    rnd = random.Random(seed)
    start = datetime.date(2024, 1, 1)
    span = (datetime.date(2026, 11, 15) - start).days
    d = lambda x: (start + datetime.timedelta(days=x)).isoformat()
    head = ["settings\n  currency GBP\n\nsender Studio Ltd\n  email a@b.example\n  address 1 Road\n\n"]
    ents = []
    phrasings = ["called accounts payable about {n}, promised payment within {k} days", "they said {n} is in the next payment run",
                 "emailed a copy of {n} again; payment within {k} days", "left a voicemail about {n}"]
    for c in range(clients):
        cid = f"client-{c}" if c % 3 else f"c{c}"
        head.append(f"client {cid} Client {c} Ltd\n  contact Sam {c}\n  email ap@{cid}.example\n  terms net {rnd.choice([14, 30, 45])}\n"
                    + ("  interest 8%\n" if c % 5 == 0 else "") + "\n")
        for k in range(per):
            t = int(span * k / per) + rnd.randrange(0, 3)
            num, amt = f"{cid}-{k}", rnd.choice([120, 450, 800, 1200, 2500])
            ents.append((t, f"{d(t)} invoice {cid} {num}\n  item  Work {k % 7}  {rnd.randint(1, 4)} x {amt}.00\n" + ("  tax  VAT 20%\n" if k % 3 == 0 else "") + "\n"))
            r = rnd.random()
            # Paid, paid in part, credited or written off, or (from 0.77) left unpaid.
            fates = [(0.6, (5, 90), "{d} payment {cid} {amt}.00\n  method bank transfer\n  apply {num} {amt}.00\n\n"),
                     (0.7, (5, 120), "{d} payment {cid} {half}.00\n  apply {num} {half}.00\n\n"),
                     (0.74, (5, 120), "{d} credit {cid} 50.00\n  number CN-{c}-{k}\n  reason goodwill\n  apply {num} 50.00\n\n"),
                     (0.77, (100, 300), "{d} writeoff {cid} {num}\n  reason small balance\n\n")]
            for limit, (lo, hi), form in fates:
                if r < limit:
                    pt = t + rnd.randrange(lo, hi)
                    if pt < span: ents.append((pt, form.format(d=d(pt), cid=cid, amt=amt, half=amt // 2, num=num, c=c, k=k)))
                    break
            unpaid = r >= 0.77
            if rnd.random() < 0.15:
                nt = t + rnd.randrange(20, 80)
                if nt < span:
                    s = f"{d(nt)} note {cid} {rnd.choice(['call', 'email', 'meeting'])}\n  said  {rnd.choice(phrasings).format(n=num, k=rnd.randint(3, 30))}\n"
                    q = rnd.random()
                    if q < 0.3: s += f"  promise  {d(nt + rnd.randrange(3, 30))}\n"
                    elif q < 0.45 and unpaid:
                        s += f"  dispute  {num} hours do not match\n"
                        if q < 0.4 and nt + 40 < span: ents.append((nt + 40, f"{d(nt + 40)} note {cid} email\n  resolved  {num} agreed\n\n"))
                    ents.append((nt, s + "\n"))
            if unpaid and rnd.random() < 0.3:
                lt = t + rnd.randrange(50, 100)
                if lt < span: ents.append((lt, f"{d(lt)} letter {cid} {rnd.choice(['reminder', 'follow-up', 'final'])}\n  invoices  {num}\n  channel  email\n\n"))
            if unpaid and rnd.random() < 0.05:
                pt = t + rnd.randrange(60, 120)
                if pt + 90 < span: ents.append((pt, f"{d(pt)} plan {cid} 300.00\n  for  {num}\n  {d(pt + 30)}  100.00\n  {d(pt + 60)}  100.00\n  {d(pt + 90)}  100.00\n\n"))
    ents.sort(key=lambda e: e[0])
    with open(out, "w") as f:
        f.write("".join(head))
        f.write("".join(e[1] for e in ents))

def long_letters(clients, per, out):
    head = "settings\n  currency GBP\n\nsender Studio Ltd\n  email a@b.example\n\n"
    body = []
    for c in range(clients):
        head += f"client c{c} Client {c} Ltd\n  email ap@c{c}.example\n  terms net 30\n\n"
        numbers = [f"L{c}-{k:06d}" for k in range(per)]
        body += [f"2026-01-05 invoice c{c} {n}\n  item  parts  1 x 10.00\n\n" for n in numbers]
        for day, stage in (("02-10", "reminder"), ("02-24", "follow-up"), ("03-10", "final"), ("03-24", "statement")):
            body.append(f"2026-{day} letter c{c} {stage}\n  invoices  " + " ".join(numbers) + "\n\n")
    open(out, "w").write(head + "".join(body))

def long_ids(src, out, numbers, ids=True):
    # A client id is a run of small letters then digits, as the benchmark profiles write them.
    with open(src, encoding="utf-8") as f, open(out, "w", encoding="utf-8") as o:
        for line in f:
            if numbers: line = line.replace("INV-", "INVOICE-2026-")
            if ids: line = re.sub(r"(?<=[ @])([a-zà-ÿłøżšçő]+\d+)(?=[ .\n])", lambda m: m.group(1) + "-consulting", line)
            o.write(line)

if __name__ == "__main__":
    if len(sys.argv) < 4: sys.exit(__doc__)
    what = sys.argv[1]
    if what == "writeoffs": writeoffs(int(sys.argv[2]), sys.argv[3])
    elif what == "dense": dense(int(sys.argv[2]), int(sys.argv[3]), sys.argv[4])
    elif what == "long-letters": long_letters(int(sys.argv[2]), int(sys.argv[3]), sys.argv[4])
    elif what == "long-ids": long_ids(sys.argv[2], sys.argv[3], len(sys.argv) > 4 and sys.argv[4] == "numbers")
    elif what == "long-numbers": long_ids(sys.argv[2], sys.argv[3], True, ids=False)
    else: sys.exit(__doc__)
