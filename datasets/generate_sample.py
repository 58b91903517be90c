#!/usr/bin/env python3
"""Writes Tollgate's labelled sample data set: deterministic, Python 3 standard library only.

    python3 datasets/generate_sample.py

rewrites subscribers.csv, blacklist.csv, complaints.csv, disputes.csv and charges.csv next to this
script and prints the number of charges per label. The same seed always gives byte-identical files.
datasets/README.md documents every file, every column, every label and the near misses.

How labels are chosen: a charge carries the name of a bad pattern when, at the moment it is
checked (point-in-time, including the charge itself), the signal the pattern's starter rule reads
is already over the line. The opening moves of an attack that are indistinguishable from normal
traffic at that instant (the first 5 attempts of a burst, the first 3 numbers on a farmed device,
the first 10 numbers on a farmed IP, the first 2 numbers of a SIM batch, the first 2 merchants on a
hijacked number, the spend up to a cap, the charges of a number before its first deduction) are
labelled ``legit`` and counted as "lead-in" rows in the summary.
"""

import csv
import os
import random
from collections import Counter, defaultdict
from datetime import date, datetime, timedelta, timezone

SEED = 20260301
CN = timezone(timedelta(hours=8))  # China Standard Time, no daylight saving
HERE = os.path.dirname(os.path.abspath(__file__))
MARCH = datetime(2026, 3, 1, tzinfo=CN)
APRIL = datetime(2026, 4, 1, tzinfo=CN)

DAY_CAP_FEN = 10_000  # VEL-MSISDN-DAY-CAP: spend today over 100 CNY is blocked
MONTH_CAP_FEN = 30_000  # VEL-MSISDN-MONTH-CAP: spend this month over 300 CNY is blocked
OTP_FAST_MS = 2_000  # FRAUD-OTP-FAST: a code submitted in under 2 s is blocked
OTP_3S_MS = 3_000  # FRAUD-OTP-3S: a code submitted in 2-3 s scores 40 points (a FLAG alone)
NIGHT_END_HOUR = 6  # FRAUD-NIGHT-FAST-OTP: a subscription from 00:00 to 05:59 China time ...
NIGHT_OTP_MS = 6_000  # ... with a code under 6 s scores 40 points
BLOCK_DIGITS = 9  # VEL-SIM-BATCH-24H: a block of 100 consecutive numbers (the same first 9 digits) ...
BATCH_NUMBERS = 3  # ... with 3 or more numbers charged in 24 hours is blocked
WEEK_BATCH_NUMBERS = 4  # VEL-SIM-BATCH-7D: 4 or more numbers of one block charged in 7 days are blocked
WEEK = timedelta(days=7)

# Number segments (号段) as allocated to the three carriers; 1349 (satellite) is avoided.
SEGMENTS = {
    "CMCC": ["134", "135", "136", "137", "138", "139", "150", "151", "152", "157", "158", "159",
             "182", "183", "184", "187", "188"],
    "CUCC": ["130", "131", "132", "155", "156", "185", "186"],
    "CTCC": ["133", "153", "180", "181", "189"],
}
CARRIER_SHARE = (["CMCC", "CUCC", "CTCC"], [60, 22, 18])
CARRIERS = ["CMCC", "CUCC", "CTCC"]

# Relative traffic per hour of the day, China time: quiet at night, peaks in the evening.
HOUR_WEIGHTS = [1.2, 0.5, 0.25, 0.15, 0.15, 0.3, 0.8, 1.5, 2.5, 3.0, 3.4, 3.5,
                4.0, 3.6, 3.2, 3.2, 3.3, 3.6, 4.0, 4.6, 5.2, 5.6, 4.6, 2.6]
DAY_HOURS = [0.0] * 9 + HOUR_WEIGHTS[9:23] + [0.0]  # 09:00-22:59 only

PER_USE_PRICES = ([100, 200, 300, 500, 600, 800, 1000, 1200, 1500, 2000, 2500, 3000],
                  [6, 8, 6, 14, 6, 8, 12, 4, 6, 8, 3, 5])
SUBSCRIPTION_PRICES = ([500, 600, 800, 1000, 1200, 1500, 2000, 2500, 3000],
                       [10, 6, 6, 14, 4, 8, 8, 3, 4])

COMPLAINT_KINDS = ["UNAUTHORIZED", "DUPLICATE_CHARGE", "REFUND_REQUEST", "QUALITY", "OTHER"]


def iso(ts):
    """2026-03-07T16:08:02+08:00"""
    return ts.astimezone(CN).replace(microsecond=0).isoformat()


def cn(y, mo, d, h=0, mi=0, s=0):
    return datetime(y, mo, d, h, mi, s, tzinfo=CN)


class Sample:
    def __init__(self, seed):
        self.rng = random.Random(seed)
        self.charges = []
        self.profiles = []
        self.blacklist = []
        self.complaints = []
        self.disputes = []  # deductions (核减) and refunds, see disputes()
        self.taken_msisdns = set()
        self.taken_blocks = set()  # first 9 digits of every number handed out: one number per block of 100
        self.taken_devices = set()
        self.taken_ips = set()
        self.lead_in = Counter()  # pattern -> legit-labelled opening rows of an attack
        self.near_miss = Counter()  # kind of near miss -> legit rows
        self.products = []
        self.by_merchant = defaultdict(list)
        self.merchant_weight = {}
        self._build_catalogue()

    # ---------------------------------------------------------------- catalogue

    def _build_catalogue(self):
        rng = self.rng
        for i in range(30):
            merchant = f"M{1001 + i}"
            self.merchant_weight[merchant] = 1.0 / (i + 1) ** 0.8
            for j in range(rng.randint(2, 5)):
                billing = rng.choices(["PER_USE", "MONTHLY_CALENDAR", "MONTHLY_ROLLING"], [62, 22, 16])[0]
                prices = PER_USE_PRICES if billing == "PER_USE" else SUBSCRIPTION_PRICES
                self._add_product(merchant, j + 1, billing, rng.choices(*prices)[0])
        # Make sure every merchant sells something per use and that some big tickets exist.
        for merchant in list(self.by_merchant):
            if not any(p["billing_type"] == "PER_USE" for p in self.by_merchant[merchant]):
                self._add_product(merchant, len(self.by_merchant[merchant]) + 1, "PER_USE", 500)
        for merchant, price in (("M1004", 5000), ("M1011", 5000), ("M1017", 10000)):
            self._add_product(merchant, len(self.by_merchant[merchant]) + 1, "PER_USE", price, weight=0.0)
        for merchant, billing in (("M1002", "MONTHLY_CALENDAR"), ("M1003", "MONTHLY_ROLLING"),
                                  ("M1006", "MONTHLY_CALENDAR"), ("M1009", "MONTHLY_ROLLING")):
            self._add_product(merchant, len(self.by_merchant[merchant]) + 1, billing, 1000)

    def _add_product(self, merchant, n, billing, amount, weight=1.0):
        product = {"product_id": f"P{merchant[1:]}-{n:02d}", "merchant_id": merchant,
                   "billing_type": billing, "amount_fen": amount, "weight": weight}
        self.products.append(product)
        self.by_merchant[merchant].append(product)

    def product(self, billing=None, lo=1, hi=3000, merchant=None, exclude_merchants=(), exclude_products=()):
        """A random product matching the constraints, weighted by merchant popularity."""
        candidates = [p for p in self.products
                      if p["weight"] > 0
                      and (billing is None or p["billing_type"] == billing
                           or (billing == "SUBSCRIPTION" and p["billing_type"] != "PER_USE"))
                      and lo <= p["amount_fen"] <= hi
                      and (merchant is None or p["merchant_id"] == merchant)
                      and p["merchant_id"] not in exclude_merchants
                      and p["product_id"] not in exclude_products]
        if not candidates:
            raise ValueError(f"no product for billing={billing} {lo}-{hi} merchant={merchant}")
        weights = [self.merchant_weight[p["merchant_id"]] for p in candidates]
        return self.rng.choices(candidates, weights)[0]

    def big_ticket(self, amount):
        return [p for p in self.products if p["amount_fen"] == amount and p["weight"] == 0.0][0]

    # ---------------------------------------------------------------- identities

    def msisdn(self, carrier=None, prefix=None):
        """A fresh number, alone in its block of 100 (first 9 digits): ordinary numbers are spread across
        blocks, so VEL-SIM-BATCH-24H never sees two of them together. Only msisdn_run() fills a block."""
        rng = self.rng
        while True:
            if prefix is None:
                c = carrier or rng.choices(*CARRIER_SHARE)[0]
                head = rng.choice(SEGMENTS[c])
            else:
                head = prefix
            number = head + "".join(rng.choice("0123456789") for _ in range(11 - len(head)))
            if number.startswith("1349") or number in self.taken_msisdns or number[:BLOCK_DIGITS] in self.taken_blocks:
                continue
            self.taken_msisdns.add(number)
            self.taken_blocks.add(number[:BLOCK_DIGITS])
            return number

    def msisdn_run(self, count, carrier=None):
        """count consecutive numbers of one fresh block of 100 (a batch of SIM cards sold together)."""
        first = self.msisdn(carrier)  # reserves the block
        block = first[:BLOCK_DIGITS]
        start = self.rng.randint(0, 100 - count)
        numbers = [f"{block}{n:02d}" for n in range(start, start + count)]
        assert not any(m in self.taken_msisdns for m in numbers if m != first)
        self.taken_msisdns.discard(first)
        self.taken_msisdns.update(numbers)
        return numbers

    def device(self):
        while True:
            d = "dev-" + "".join(self.rng.choice("0123456789abcdef") for _ in range(12))
            if d not in self.taken_devices:
                self.taken_devices.add(d)
                return d

    def ip(self, kind="mobile"):
        """A fresh IPv4 address: carrier mobile ranges / CGNAT 10.x, home broadband, or cloud hosting."""
        rng = self.rng
        firsts = {"mobile": [10, 10, 10, 111, 112, 117, 120, 183, 223, 39],
                  "home": [114, 115, 116, 119, 124, 180, 218, 222, 60, 58],
                  "cloud": [47, 101, 106, 121, 139, 8]}[kind]
        while True:
            a = rng.choice(firsts)
            value = f"{a}.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}"
            if value not in self.taken_ips:
                self.taken_ips.add(value)
                return value

    # ---------------------------------------------------------------- time

    def ts(self, day_lo=1, day_hi=31, hours=HOUR_WEIGHTS):
        day = self.rng.randint(day_lo, day_hi)
        hour = self.rng.choices(range(24), hours)[0]
        return cn(2026, 3, day, hour, self.rng.randint(0, 59), self.rng.randint(0, 59))

    def spaced(self, n, day_lo=1, day_hi=31, gap_minutes=45, hours=HOUR_WEIGHTS, avoid=()):
        """n random March instants at least gap_minutes apart from each other and from `avoid`."""
        out = []
        while len(out) < n:
            t = self.ts(day_lo, day_hi, hours)
            if all(abs((t - o).total_seconds()) >= gap_minutes * 60 for o in out + list(avoid)):
                out.append(t)
        return sorted(out)

    def renewal_time(self, billing, day_lo=1, day_hi=28):
        """When a subscription bought in February renews in March: a MONTHLY_CALENDAR one in the
        first hours of 1 March, a MONTHLY_ROLLING one on the day of the month it was bought."""
        if billing == "MONTHLY_CALENDAR":
            return cn(2026, 3, 1, self.rng.randint(0, 6), self.rng.randint(0, 59), self.rng.randint(0, 59))
        return self.ts(day_lo, day_hi)

    def feb_update(self):
        """A profile sync time in February 2026, before every charge of the data set."""
        return cn(2026, 2, self.rng.randint(1, 27), self.rng.randint(0, 23), self.rng.randint(0, 59),
                  self.rng.randint(0, 59))

    def old_activation(self):
        return date(2012, 1, 1) + timedelta(days=self.rng.randint(0, (date(2025, 12, 15) - date(2012, 1, 1)).days))

    # ---------------------------------------------------------------- records

    def otp(self, ts, billing):
        """A person reading and typing a code: 4-40 s; a night subscription (00:00-05:59) is never under 6 s."""
        value = min(40_000, 4_000 + int(self.rng.lognormvariate(8.9, 0.7)))
        if billing != "PER_USE" and 1 <= ts.hour < 5:  # this draw stays where it was, so the random
            value = max(value, 5_000 + self.rng.randint(0, 3_000))  # stream of every row is unchanged
        if billing != "PER_USE" and ts.hour < NIGHT_END_HOUR and value < NIGHT_OTP_MS:
            value += 2_000  # 6.0-8.0 s: clear of FRAUD-NIGHT-FAST-OTP
        return value

    def pay_mode(self):
        return self.rng.choices(["SMS_OTP", "WAP", "SMS_DIRECT"], [70, 18, 12])[0]

    def charge(self, ts, msisdn, product, label, *, kind="INITIAL", pay_mode=None, otp="auto",
               device=None, ip=None, carrier="", amount=None, note=""):
        if kind == "RENEWAL" and product["billing_type"] == "PER_USE":
            raise ValueError("a PER_USE product cannot renew")
        pay_mode = pay_mode or self.pay_mode()
        if otp == "auto":
            otp = None if (pay_mode == "SMS_DIRECT" or kind == "RENEWAL") else self.otp(ts, product["billing_type"])
        row = {"ts": ts, "msisdn": msisdn, "msisdn_text": msisdn, "carrier": carrier,
               "merchant_id": product["merchant_id"], "product_id": product["product_id"],
               "amount_fen": amount if amount is not None else product["amount_fen"],
               "billing_type": product["billing_type"], "charge_kind": kind, "pay_mode": pay_mode,
               "device_id": device, "ip": ip, "otp_latency_ms": otp, "label": label, "note": note}
        self.charges.append(row)
        return row

    def profile(self, msisdn, carrier, *, plan=None, balance=None, arrears=0, status="ACTIVE",
                activated=None, ported=None, updated=None):
        rng = self.rng
        plan = plan or ("POSTPAID" if rng.random() < 0.55 else "PREPAID")
        if balance is None:
            balance = 0 if plan == "POSTPAID" else rng.choice([3000, 5000, 8000, 10000, 15000, 20000, 30000])
        row = {"msisdn": msisdn, "carrier": carrier, "activated_on": activated or self.old_activation(),
               "plan": plan, "balance_fen": balance, "arrears_days": arrears, "status": status,
               "ported_on": ported, "updated_at": updated or self.feb_update()}
        self.profiles.append(row)
        return row

    def list_entry(self, kind, value, source, reason, added, expires=None):
        self.blacklist.append({"kind": kind, "value": value, "source": source, "reason": reason,
                               "added_at": added, "expires_at": expires})

    def complaint(self, ts, msisdn, merchant, product=None, kind=None, source=None):
        rng = self.rng
        self.complaints.append({"ts": ts, "msisdn": msisdn, "merchant_id": merchant, "product_id": product,
                                "kind": kind or rng.choices(COMPLAINT_KINDS, [30, 10, 35, 15, 10])[0],
                                "source": source or rng.choices(["CARRIER", "REGULATOR", "INTERNAL"], [70, 15, 15])[0]})

    def clean_subscriber(self, carrier=None, plan="POSTPAID", **kw):
        """A fresh number with an ACTIVE, long-standing profile and its own device."""
        carrier = carrier or self.rng.choices(*CARRIER_SHARE)[0]
        m = self.msisdn(carrier)
        self.profile(m, carrier, plan=plan, **kw)
        return m, self.device()

    def context(self, device, home_ip=None):
        """device_id and ip of an ordinary charge: mostly present."""
        d = device if (device and self.rng.random() < 0.95) else None
        r = self.rng.random()
        ip = (home_ip or self.ip("home")) if r < 0.5 else (self.ip("mobile") if r < 0.92 else None)
        return d, ip


# ==================================================================== ordinary traffic

def ordinary_traffic(s, subscribers=1000):
    rng = s.rng
    ordinary = []
    for _ in range(subscribers):
        carrier = rng.choices(*CARRIER_SHARE)[0]
        m = s.msisdn(carrier)
        device = s.device() if rng.random() < 0.92 else None
        home_ip = s.ip("home")
        n = rng.choices([1, 2, 3, 4, 5, 6, 7, 8], [30, 28, 18, 10, 6, 4, 3, 1])[0]
        rows = []
        subscribed = set()
        renewal = None
        if rng.random() < 0.16:  # a subscription bought before March renews once, correctly
            product = s.product("SUBSCRIPTION")
            subscribed.add(product["product_id"])
            mode = rng.choice(["SMS_OTP", "SMS_OTP", "WAP"])
            renewal = s.charge(s.renewal_time(product["billing_type"]), m, product, "legit", kind="RENEWAL",
                               pay_mode=mode)
            rows.append(renewal)
        for t in s.spaced(n, gap_minutes=45, avoid=[renewal["ts"]] if renewal else []):
            if rng.random() < 0.004:
                product = s.big_ticket(rng.choice([5000, 5000, 10000]))
            else:
                product = s.product()
            if product["billing_type"] != "PER_USE":
                if product["product_id"] in subscribed:
                    product = s.product("PER_USE", merchant=product["merchant_id"])
                subscribed.add(product["product_id"])
            d, ip = s.context(device, home_ip)
            mode = s.pay_mode()
            if mode == "SMS_DIRECT" and d is None and ip is None:
                ip = home_ip
            rows.append(s.charge(t, m, product, "legit", pay_mode=mode, device=d, ip=ip))
            if rng.random() < 0.12:  # an in-app session: one or two more purchases minutes later
                follow = t
                for _ in range(rng.randint(1, 2)):
                    follow = follow + timedelta(seconds=rng.randint(60, 240))
                    extra = s.product("PER_USE", merchant=product["merchant_id"])
                    rows.append(s.charge(follow, m, extra, "legit", pay_mode=rows[-1]["pay_mode"],
                                         device=rows[-1]["device_id"], ip=rows[-1]["ip"]))
        # Stay under the spend caps: drop the latest charges of a day or month that would cross one.
        day, month, keep = Counter(), 0, []
        for row in sorted(rows, key=lambda r: r["ts"]):
            key = row["ts"].date()
            if day[key] + row["amount_fen"] > DAY_CAP_FEN or month + row["amount_fen"] > MONTH_CAP_FEN:
                s.charges.remove(row)
                continue
            day[key] += row["amount_fen"]
            month += row["amount_fen"]
            keep.append(row)
        if rng.random() < 0.95:
            biggest = max(r["amount_fen"] for r in keep)
            plan = "POSTPAID" if rng.random() < 0.55 else "PREPAID"
            balance = 0 if plan == "POSTPAID" else max(biggest, rng.choice([2000, 3000, 5000, 8000, 12000, 20000]))
            s.profile(m, carrier, plan=plan, balance=balance)
        ordinary.append((m, carrier, keep))
    # Background complaints of ordinary users: filed after their last charge, or long ago
    # against a merchant they no longer buy from. Neither changes a verdict.
    for m, carrier, rows in rng.sample(ordinary, 40):
        last = max(r["ts"] for r in rows)
        after = last + timedelta(days=rng.randint(1, 6), hours=rng.randint(0, 12))
        if after < APRIL:
            s.complaint(after, m, rows[-1]["merchant_id"], rows[-1]["product_id"])
    for m, carrier, rows in rng.sample(ordinary, 25):
        merchants = {r["merchant_id"] for r in rows}
        other = rng.choice([x for x in sorted(s.by_merchant) if x not in merchants])
        s.complaint(cn(2025, rng.randint(1, 10), rng.randint(1, 28), rng.randint(9, 21), rng.randint(0, 59)),
                    m, other, None, rng.choice(["QUALITY", "REFUND_REQUEST", "OTHER"]))
    # Ported numbers (携号转网): carrier differs from the segment's; charges.csv names it sometimes.
    profiled = {p["msisdn"]: p for p in s.profiles}
    ported = [o for o in ordinary if o[0] in profiled][:600]
    for m, carrier, rows in rng.sample(ported, 10):
        p = profiled[m]
        p["carrier"] = rng.choice([c for c in CARRIERS if c != carrier])
        p["ported_on"] = date(2021, 1, 1) + timedelta(days=rng.randint(0, 1780))
        for r in rows:
            if rng.random() < 0.6:
                r["carrier"] = p["carrier"]
    # A few numbers written the way gateways send them: +86 with spaces, 86 with dashes, 0086.
    plain = [o for o in ordinary if len(o[2]) >= 2]
    for i, (m, carrier, rows) in enumerate(rng.sample(plain, 9)):
        row = rows[1]
        row["msisdn_text"] = [f"+86 {m[:3]} {m[3:7]} {m[7:]}", f"86-{m[:3]}-{m[3:7]}-{m[7:]}", f"0086{m}"][i % 3]
    return ordinary


# ==================================================================== bad patterns

def blacklisted(s):
    rng = s.rng
    reasons = {
        "CARRIER": "Carrier notice: number used for bulk SP subscriptions",
        "REGULATOR": "MIIT notice: number linked to complaint-for-refund fraud",
        "INTERNAL": "Risk team: chargebacks confirmed on this number",
        "COMPLIANCE": "Compliance review: repeated unauthorised-charge claims",
    }
    sources = list(reasons)
    # Listed numbers.
    for i in range(8):
        m, dev = s.clean_subscriber()
        src = sources[i % 4]
        s.list_entry("MSISDN", m, src, reasons[src], s.feb_update() - timedelta(days=rng.randint(0, 150)),
                     cn(2026, 12, 31, 23, 59, 59) if i % 3 == 0 else None)
        for t in s.spaced(rng.randint(2, 4)):
            s.charge(t, m, s.product(), "blacklisted", device=dev, ip=s.ip("mobile"))
    # Listed segments: a virtual-operator segment (7 digits) and a shorter prefix (6 digits).
    s.list_entry("MSISDN_PREFIX", "1700123", "REGULATOR",
                 "MIIT notice: virtual-operator segment sold in bulk to SIM farms", cn(2026, 2, 10, 9, 30))
    s.list_entry("MSISDN_PREFIX", "170512", "INTERNAL",
                 "Risk team: virtual-operator prefix with 40% deduction rate", cn(2026, 1, 18, 15, 0))
    for prefix, count in (("1700123", 8), ("170512", 3)):
        for _ in range(count):
            m = s.msisdn(prefix=prefix)
            if rng.random() < 0.4:  # some have a profile; 1700/1705 are hosted by CTCC/CMCC
                s.profile(m, "CTCC" if prefix == "1700123" else "CMCC", plan="PREPAID", balance=5000,
                          activated=date(2025, rng.randint(6, 12), rng.randint(1, 28)))
            dev = s.device()
            for t in s.spaced(2):
                s.charge(t, m, s.product("PER_USE", hi=2000), "blacklisted", device=dev, ip=s.ip("mobile"))
    # Listed devices: emulator fingerprints, each used by two numbers.
    for i in range(3):
        dev = s.device()
        s.list_entry("DEVICE", dev, "INTERNAL", "Risk team: emulator fingerprint seen in a toll-fraud farm",
                     s.feb_update())
        for _ in range(2):
            m, _ = s.clean_subscriber()
            for t in s.spaced(3):
                s.charge(t, m, s.product(), "blacklisted", device=dev, ip=s.ip("mobile"))
    # Listed IPs: proxy exit nodes, each used by five numbers on different days.
    for i in range(3):
        ip = s.ip("cloud")
        src = ["COMPLIANCE", "CARRIER", "INTERNAL"][i]
        s.list_entry("IP", ip, src, "Known proxy exit node used to mask SIM-farm traffic", s.feb_update())
        for t in s.spaced(5, gap_minutes=180):
            m, dev = s.clean_subscriber()
            s.charge(t, m, s.product(), "blacklisted", device=dev, ip=ip)
    # Point in time 1: an entry that expired before March -> its number's March charges are legit.
    m, dev = s.clean_subscriber()
    s.list_entry("MSISDN", m, "CARRIER", "Carrier notice: number reported stolen (since recovered)",
                 cn(2025, 6, 3, 11, 0), cn(2026, 2, 15, 0, 0))
    for t in s.spaced(3):
        s.charge(t, m, s.product(), "legit", device=dev, ip=s.ip("home"))
        s.near_miss["blacklist entry expired before the charge"] += 1
    # Point in time 2: a device entry that expires on 10 March -> charges before it are blacklisted.
    m, _ = s.clean_subscriber()
    dev = s.device()
    s.list_entry("DEVICE", dev, "COMPLIANCE", "Compliance hold while a refund dispute is open",
                 cn(2026, 2, 20, 16, 0), cn(2026, 3, 10, 0, 0))
    for t in s.spaced(2, 2, 8) + s.spaced(2, 12, 28):
        before = t < cn(2026, 3, 10)
        s.charge(t, m, s.product(), "blacklisted" if before else "legit", device=dev, ip=s.ip("mobile"))
        if not before:
            s.near_miss["device blacklist entry expired before the charge"] += 1
    # Point in time 3: an entry added on 20 March -> earlier charges of the number are legit.
    m, dev = s.clean_subscriber()
    added = cn(2026, 3, 20, 10, 0)
    s.list_entry("MSISDN", m, "REGULATOR", reasons["REGULATOR"], added)
    for t in s.spaced(3, 3, 18) + s.spaced(2, 22, 30):
        s.charge(t, m, s.product(), "blacklisted" if t > added else "legit", device=dev, ip=s.ip("mobile"))
        if t < added:
            s.near_miss["blacklist entry added after the charge"] += 1


def velocity_burst(s):
    """One number retrying again and again: attempts 6-10 in 10 minutes flag, 11+ block."""
    rng = s.rng
    for _ in range(8):
        m, dev = s.clean_subscriber()
        product = s.product("PER_USE", hi=500)
        mode = rng.choice(["SMS_OTP", "SMS_DIRECT"])
        ip = s.ip("mobile")
        t = s.ts(hours=DAY_HOURS)
        for k in range(1, rng.randint(12, 16) + 1):
            otp = None if mode == "SMS_DIRECT" else rng.randint(4_000, 9_000)
            s.charge(t, m, product, "velocity_burst" if k > 5 else "legit", pay_mode=mode, otp=otp,
                     device=dev, ip=ip)
            if k <= 5:
                s.lead_in["velocity_burst"] += 1
            t += timedelta(seconds=rng.randint(15, 35))
        for t2 in s.spaced(rng.randint(0, 2), avoid=[t]):  # ordinary use on other days
            s.charge(t2, m, s.product(), "legit", device=dev, ip=s.ip("mobile"))
    # Near miss: exactly 5 attempts inside 10 minutes (a user fighting with a slow OTP).
    for _ in range(3):
        m, dev = s.clean_subscriber()
        product = s.product("PER_USE", hi=1000)
        t = s.ts(hours=DAY_HOURS)
        for _ in range(5):
            s.charge(t, m, product, "legit", pay_mode="SMS_OTP", device=dev, ip=s.ip("mobile"))
            s.near_miss["exactly 5 attempts in 10 minutes"] += 1
            t += timedelta(seconds=rng.randint(60, 130))


def _spend_sequence(s, m, dev, plan, note):
    """Charges a (day, amount) plan in order; what a cap would block is labelled spend_cap."""
    day_spend, month_spend = Counter(), 0
    for when, amount in plan:
        product = s.product("PER_USE", lo=amount, hi=amount)
        over = day_spend[when.date()] + amount > DAY_CAP_FEN or month_spend + amount > MONTH_CAP_FEN
        s.charge(when, m, product, "spend_cap" if over else "legit", pay_mode="SMS_OTP", device=dev,
                 ip=s.ip("mobile"), note=note)
        if not over:
            day_spend[when.date()] += amount
            month_spend += amount
            s.lead_in["spend_cap"] += 1
    return day_spend, month_spend


def spend_cap(s):
    rng = s.rng
    # Over 100 CNY in one China day: reach 80-100 CNY, then keep buying.
    for i in range(10):
        m, dev = s.clean_subscriber()
        day = rng.randint(1, 30)
        t = cn(2026, 3, day, rng.randint(9, 12), rng.randint(0, 59), rng.randint(0, 59))
        plan, total = [], 0
        target = 10_000 if i % 2 == 0 else rng.choice([8_500, 9_000, 9_500])
        while total < target:
            amount = min(rng.choice([1000, 1500, 2000, 2500, 3000]), target - total)
            amount = amount if amount in (500, 1000, 1500, 2000, 2500, 3000) else 500
            plan.append((t, amount))
            total += amount
            t += timedelta(seconds=rng.randint(15 * 60, 40 * 60))
        for _ in range(rng.randint(2, 4)):
            plan.append((t, rng.choice([2000, 2500, 3000])))
            t += timedelta(seconds=rng.randint(15 * 60, 40 * 60))
        _spend_sequence(s, m, dev, plan, "day cap")
    # Over 300 CNY in the month without crossing 100 CNY on any day.
    for _ in range(8):
        m, dev = s.clean_subscriber()
        days = sorted(rng.sample(range(1, 31), 6))
        plan = []
        for d in days:
            t = cn(2026, 3, d, rng.randint(9, 14), rng.randint(0, 59), rng.randint(0, 59))
            for amount in rng.choice([[3000, 3000, 3000], [2500, 2500, 2500, 2500], [3000, 3000, 2000, 2000],
                                      [3000, 2500, 2000]]):
                plan.append((t, amount))
                t += timedelta(seconds=rng.randint(20 * 60, 60 * 60))
        _spend_sequence(s, m, dev, plan, "month cap")
    # Near miss: exactly 100 CNY in a day (and nothing more that month).
    for _ in range(4):
        m, dev = s.clean_subscriber()
        t = cn(2026, 3, rng.randint(1, 30), rng.randint(10, 14), rng.randint(0, 59), rng.randint(0, 59))
        for amount in rng.choice([[3000, 3000, 2000, 2000], [2500, 2500, 2500, 2500], [3000, 3000, 3000, 1000]]):
            s.charge(t, m, s.product("PER_USE", lo=amount, hi=amount), "legit", pay_mode="SMS_OTP", device=dev,
                     ip=s.ip("home"))
            s.near_miss["daily spend exactly 100 CNY"] += 1
            t += timedelta(seconds=rng.randint(20 * 60, 70 * 60))


def device_farm(s):
    """One handset cycling SIM cards: from the 4th distinct number in 24 hours every charge blocks."""
    rng = s.rng
    for _ in range(5):
        dev = s.device()
        numbers = []
        for _ in range(rng.randint(11, 15)):
            m = s.msisdn()
            if rng.random() < 0.4:
                s.profile(m, _segment_carrier(m), plan="PREPAID", balance=rng.choice([2000, 3000, 5000]))
            numbers.append(m)
        t = s.ts(1, 30, hours=DAY_HOURS)
        seen = []
        order = numbers + rng.sample(numbers, len(numbers) // 3)  # some numbers come back for a 2nd charge
        for m in order:
            if m not in seen:
                seen.append(m)
            product = s.product("PER_USE", lo=500, hi=2000)
            s.charge(t, m, product, "device_farm" if len(seen) > 3 else "legit", pay_mode="SMS_OTP",
                     otp=rng.randint(5_000, 15_000), device=dev, ip=s.ip("mobile"))
            if len(seen) <= 3:
                s.lead_in["device_farm"] += 1
            t += timedelta(seconds=rng.randint(4 * 60, 15 * 60))
    # Near miss: a family handset used for exactly 3 numbers within 24 hours.
    for _ in range(2):
        dev = s.device()
        home = s.ip("home")
        t = cn(2026, 3, rng.randint(2, 28), rng.randint(18, 20), rng.randint(0, 59), rng.randint(0, 59))
        for _ in range(3):
            m, _ = s.clean_subscriber()
            for _ in range(rng.randint(1, 2)):
                s.charge(t, m, s.product("PER_USE"), "legit", pay_mode="SMS_OTP", device=dev, ip=home)
                s.near_miss["device with exactly 3 numbers in 24 hours"] += 1
                t += timedelta(seconds=rng.randint(12 * 60, 40 * 60))


def ip_farm(s):
    """One IP charging many numbers: from the 11th distinct number within an hour every charge flags."""
    rng = s.rng
    for _ in range(4):
        ip = s.ip("cloud")
        t = s.ts(1, 30, hours=DAY_HOURS)
        count = rng.randint(24, 28)
        step = 3000 // count  # all inside 50 minutes
        for k in range(1, count + 1):
            m = s.msisdn()
            if rng.random() < 0.3:
                s.profile(m, _segment_carrier(m), plan="POSTPAID")
            s.charge(t, m, s.product("PER_USE", hi=1000), "ip_farm" if k > 10 else "legit",
                     pay_mode=rng.choice(["SMS_OTP", "WAP"]), otp=rng.randint(4_500, 12_000),
                     device=s.device() if rng.random() < 0.7 else None, ip=ip)
            if k <= 10:
                s.lead_in["ip_farm"] += 1
            t += timedelta(seconds=rng.randint(step - 20, step + 20))
    # Near miss: a campus Wi-Fi address with exactly 10 numbers in 50 minutes.
    ip = s.ip("home")
    t = cn(2026, 3, 18, 12, 5, 41)
    for _ in range(10):
        m, dev = s.clean_subscriber()
        s.charge(t, m, s.product("PER_USE", hi=1000), "legit", pay_mode="SMS_OTP", device=dev, ip=ip)
        s.near_miss["IP with exactly 10 numbers in an hour"] += 1
        t += timedelta(seconds=rng.randint(3 * 60, 5 * 60))


def churn(s):
    """Subscribers who will not pay: leaving, suspended, in arrears, prepaid without balance."""
    rng = s.rng

    def charges_for(m, dev, n, label, billing="PER_USE", lo=100, hi=3000, days=(1, 31)):
        for t in s.spaced(n, *days):
            s.charge(t, m, s.product(billing, lo=lo, hi=hi), label, device=dev, ip=s.ip("mobile"))

    for status in ("CLOSING", "CLOSED", "SUSPENDED", "HALF_SUSPENDED"):
        for _ in range(3):
            m, dev = s.clean_subscriber(status=status, arrears=rng.choice([0, 0, 3, 15, 40]))
            charges_for(m, dev, rng.randint(2, 3), "churn")
    for arrears in (30, 36, 45, 62, 90, 7, 9, 12, 20, 29):
        m, dev = s.clean_subscriber(arrears=arrears)
        charges_for(m, dev, 2, "churn")
    for _ in range(5):  # prepaid balance below the charge
        m, dev = s.clean_subscriber(plan="PREPAID", balance=rng.choice([0, 50, 120, 300, 600, 900]))
        charges_for(m, dev, 2, "churn", lo=1000, hi=3000)
    for arrears in (1, 2, 3, 4, 5, 5):  # a renewal for a subscriber in (short) arrears
        m, dev = s.clean_subscriber(arrears=arrears)
        product = s.product("SUBSCRIPTION")
        when = s.renewal_time(product["billing_type"], 2, 28)
        s.charge(when, m, product, "churn", kind="RENEWAL", pay_mode="SMS_OTP")
    # A profile that changes mid-month: charges before the new version are legit, after it churn.
    for status, arrears in (("SUSPENDED", 0), ("CLOSING", 0), ("ACTIVE", 35), ("HALF_SUSPENDED", 12),
                            ("ACTIVE", 14)):
        carrier = rng.choices(*CARRIER_SHARE)[0]
        m = s.msisdn(carrier)
        dev = s.device()
        first = s.profile(m, carrier, plan="POSTPAID")
        changed = cn(2026, 3, rng.randint(12, 18), rng.randint(2, 5), rng.randint(0, 59), rng.randint(0, 59))
        s.profile(m, carrier, plan="POSTPAID", status=status, arrears=arrears, activated=first["activated_on"],
                  updated=changed)
        for t in s.spaced(2, 1, 10) + s.spaced(2, 20, 31):
            s.charge(t, m, s.product("PER_USE"), "churn" if t > changed else "legit", device=dev, ip=s.ip("mobile"))
    # Near misses: arrears of 6 days on non-renewal charges; prepaid balance exactly the charge.
    for _ in range(3):
        m, dev = s.clean_subscriber(arrears=6)
        for t in s.spaced(2):
            s.charge(t, m, s.product("PER_USE"), "legit", device=dev, ip=s.ip("mobile"))
            s.near_miss["arrears of 6 days (no renewal)"] += 1
    for _ in range(3):  # ported in 10-25 days ago: CHURN-PORTED-30D scores 30, under every threshold
        carrier = s.rng.choices(*CARRIER_SHARE)[0]
        m = s.msisdn(carrier)
        now_carrier = rng.choice([c for c in CARRIERS if c != carrier])
        t = s.ts(8, 31, DAY_HOURS)
        ported = t.date() - timedelta(days=rng.randint(10, 25))
        synced = ported + timedelta(days=1)
        s.profile(m, now_carrier, plan="POSTPAID", ported=ported,
                  updated=cn(synced.year, synced.month, synced.day, 6, rng.randint(0, 59)))
        s.charge(t, m, s.product("PER_USE"), "legit", pay_mode="SMS_OTP", device=s.device(), ip=s.ip("mobile"),
                 carrier=now_carrier)
        s.near_miss["number ported in 10-25 days before the charge"] += 1
    for _ in range(2):
        product = s.product("PER_USE", lo=1000)
        m, dev = s.clean_subscriber(plan="PREPAID", balance=product["amount_fen"])
        s.charge(s.ts(), m, product, "legit", device=dev, ip=s.ip("mobile"))
        s.near_miss["prepaid balance exactly the charge"] += 1


def new_sim(s):
    """A SIM activated less than 7 days before a charge of 10 CNY or more."""
    rng = s.rng
    for i in range(24):
        carrier = rng.choices(*CARRIER_SHARE)[0]
        m = s.msisdn(carrier)
        day = rng.randint(1, 25)
        activated = date(2026, 3, day)
        s.profile(m, carrier, plan="PREPAID", balance=rng.choice([5000, 8000, 10000]), activated=activated,
                  updated=cn(2026, 3, day, 9, rng.randint(0, 59)))
        dev = s.device()
        for t in s.spaced(rng.randint(2, 3), day, min(day + 5, 31), hours=[0] * 12 + HOUR_WEIGHTS[12:]):
            mode = rng.choice(["SMS_OTP", "SMS_OTP", "WAP", "SMS_DIRECT"])
            s.charge(t, m, s.product("PER_USE", lo=1000, hi=3000), "new_sim", pay_mode=mode, device=dev,
                     ip=s.ip("mobile"))
    # Near misses: exactly 7 days old with a big charge; 2-4 days old with a small one.
    for days_old, lo, hi, what in ((7, 1000, 3000, "SIM exactly 7 days old, charge >= 10 CNY"),
                                   (7, 1000, 3000, "SIM exactly 7 days old, charge >= 10 CNY"),
                                   (2, 100, 900, "SIM under 7 days old, charge < 10 CNY"),
                                   (4, 100, 900, "SIM under 7 days old, charge < 10 CNY")):
        carrier = rng.choices(*CARRIER_SHARE)[0]
        m = s.msisdn(carrier)
        day = rng.randint(1, 20)
        s.profile(m, carrier, plan="PREPAID", balance=10000, activated=date(2026, 3, day),
                  updated=cn(2026, 3, day, 10, 0))
        t = cn(2026, 3, day + days_old, rng.randint(13, 20), rng.randint(0, 59), rng.randint(0, 59))
        s.charge(t, m, s.product("PER_USE", lo=lo, hi=hi), "legit", pay_mode="SMS_OTP", device=s.device(),
                 ip=s.ip("mobile"))
        s.near_miss[what] += 1


def complainer(s):
    """Numbers with complaint history as of the charge (complaints filed later do not count)."""
    rng = s.rng
    merchants = sorted(s.by_merchant)

    # Two or more complaints in the 90 days before the charge.
    for _ in range(7):
        m, dev = s.clean_subscriber()
        bad = rng.sample(merchants, 2)
        for merchant in bad:
            s.complaint(cn(2026, rng.choice([1, 2]), rng.randint(1, 25), rng.randint(9, 22), rng.randint(0, 59)),
                        m, merchant, rng.choice(s.by_merchant[merchant])["product_id"])
        for t in s.spaced(rng.randint(2, 3), 2, 28):
            s.charge(t, m, s.product(exclude_merchants=bad), "complainer", device=dev, ip=s.ip("mobile"))
    # Exactly one complaint in the 30 days before the charge (against another merchant).
    for _ in range(8):
        m, dev = s.clean_subscriber()
        when = cn(2026, 2, 20, 10) + timedelta(hours=rng.randint(0, 16 * 24))
        bad = rng.choice(merchants)
        s.complaint(when, m, bad, None)
        lo = (when + timedelta(days=1)).day if when.month == 3 else 1
        for t in s.spaced(rng.randint(2, 3), lo, lo + 10):
            assert timedelta(0) < t - when < timedelta(days=29)
            s.charge(t, m, s.product(exclude_merchants=[bad]), "complainer", device=dev, ip=s.ip("mobile"))
    # A complaint 100-330 days ago against the merchant that charges again now.
    for _ in range(6):
        m, dev = s.clean_subscriber()
        merchant = rng.choice(merchants)
        s.complaint(cn(2026, 3, 1, 12) - timedelta(days=rng.randint(100, 330)), m, merchant,
                    rng.choice(s.by_merchant[merchant])["product_id"], "UNAUTHORIZED")
        for t in s.spaced(rng.randint(1, 2)):
            s.charge(t, m, s.product(merchant=merchant), "complainer", device=dev, ip=s.ip("mobile"))
        s.charge(s.ts(), m, s.product(exclude_merchants=[merchant]), "legit", device=dev, ip=s.ip("mobile"))
        s.near_miss["complaint > 90 days ago against another merchant than the charge's"] += 1
    # Buy, complain for a refund, buy again: the first charge is clean, the later ones are not.
    for _ in range(7):
        m, dev = s.clean_subscriber()
        merchant = rng.choice(merchants[:12])
        first = s.ts(2, 8, DAY_HOURS)
        s.charge(first, m, s.product("PER_USE", merchant=merchant), "legit", device=dev, ip=s.ip("mobile"))
        s.near_miss["charge before the number's first complaint"] += 1
        filed = first + timedelta(days=rng.randint(1, 3), hours=rng.randint(1, 8))
        s.complaint(filed, m, merchant, None, rng.choice(["REFUND_REQUEST", "UNAUTHORIZED"]), "CARRIER")
        later = s.spaced(rng.randint(2, 3), filed.day + 2, filed.day + 16, hours=DAY_HOURS)
        for k, t in enumerate(later):
            product = s.product("PER_USE", merchant=merchant) if k == 0 else s.product("PER_USE")
            s.charge(t, m, product, "complainer", device=dev, ip=s.ip("mobile"))
        s.complaint(later[-1] + timedelta(days=1, hours=3), m, merchant, None, "REFUND_REQUEST", "REGULATOR")
    # Near misses: one complaint 31-33 days before; a complaint > 1 year ago against the same merchant.
    for _ in range(3):
        m, dev = s.clean_subscriber()
        t = s.ts(10, 28, DAY_HOURS)
        bad = rng.choice(merchants)
        s.complaint(t - timedelta(days=rng.randint(31, 33), hours=rng.randint(1, 20)), m, bad, None, "QUALITY")
        s.charge(t, m, s.product(exclude_merchants=[bad]), "legit", device=dev, ip=s.ip("mobile"))
        s.near_miss["single complaint 31-33 days before"] += 1
    for _ in range(2):
        m, dev = s.clean_subscriber()
        merchant = rng.choice(merchants[:10])
        t = s.ts(hours=DAY_HOURS)
        s.complaint(t - timedelta(days=rng.randint(380, 500)), m, merchant, None, "REFUND_REQUEST")
        s.charge(t, m, s.product(merchant=merchant), "legit", device=dev, ip=s.ip("mobile"))
        s.near_miss["complaint against the same merchant > 365 days before"] += 1


def toll_fraud(s):
    """Android toll-fraud malware: machine-fast OTPs, many merchants at once, night subscriptions."""
    rng = s.rng
    merchants = sorted(s.by_merchant)
    # OTP typed in under 2 seconds (read by malware), mostly WAP subscriptions.
    for _ in range(15):
        m, dev = s.clean_subscriber()
        used = []
        for t in s.spaced(rng.randint(1, 3)):
            billing = rng.choice(["SUBSCRIPTION", "SUBSCRIPTION", "PER_USE"])
            product = s.product(billing, exclude_products=used)
            used.append(product["product_id"])
            s.charge(t, m, product, "toll_fraud", pay_mode=rng.choice(["WAP", "WAP", "SMS_OTP"]),
                     otp=rng.randint(60, 1_900), device=dev, ip=s.ip("mobile"))
    # Three or more merchants on one number within 10 minutes (OTPs of 2.1-3.9 s, just human-looking
    # enough). The 2 lead-in charges keep their codes at 3.0-3.9 s: a 2-3 s code scores FRAUD-OTP-3S's
    # 40 points (a FLAG), which would tell them apart from ordinary traffic; from the 3rd merchant on,
    # a 2.1-2.9 s code adds FRAUD-OTP-3S to FRAUD-MERCHANTS-10M's block.
    for _ in range(10):
        m, dev = s.clean_subscriber()
        t = s.ts(hours=DAY_HOURS)
        ip = s.ip("mobile")
        for k, merchant in enumerate(rng.sample(merchants, rng.randint(4, 5)), start=1):
            product = s.product("PER_USE", merchant=merchant)
            otp = rng.randint(2_100, 3_900)
            if k < 3 and otp < OTP_3S_MS:
                otp += 900  # the same draw, moved to 3.0-3.9 s
            s.charge(t, m, product, "toll_fraud" if k >= 3 else "legit", pay_mode="WAP", otp=otp, device=dev, ip=ip)
            if k < 3:
                s.lead_in["toll_fraud"] += 1
            t += timedelta(seconds=rng.randint(50, 110))
    # A subscription between 01:00 and 05:00 China time with an OTP of 2.1-4.9 s (FRAUD-NIGHT-FAST-OTP
    # covers 00:00-05:59 and codes under 6 s; night_edges() adds its new edges; a 2.1-2.9 s code also
    # scores FRAUD-OTP-3S).
    for _ in range(20):
        m, dev = s.clean_subscriber()
        t = cn(2026, 3, rng.randint(1, 31), rng.randint(1, 4), rng.randint(0, 59), rng.randint(0, 59))
        s.charge(t, m, s.product("SUBSCRIPTION"), "toll_fraud", pay_mode=rng.choice(["WAP", "SMS_OTP"]),
                 otp=rng.randint(2_100, 4_900), device=dev, ip=s.ip("mobile"))
    # Near misses.
    for _ in range(3):  # FRAUD-OTP-3S is < 3000 (and FRAUD-OTP-FAST < 2000)
        m, dev = s.clean_subscriber()
        s.charge(s.ts(hours=DAY_HOURS), m, s.product("PER_USE"), "legit", pay_mode=rng.choice(["SMS_OTP", "WAP"]),
                 otp=OTP_3S_MS, device=dev, ip=s.ip("mobile"))
        s.near_miss["OTP of exactly 3,000 ms"] += 1
    for _ in range(3):  # FRAUD-NIGHT-FAST-OTP is < 6000: the same draw as ever, 1 s later
        m, dev = s.clean_subscriber()
        t = cn(2026, 3, rng.randint(1, 31), rng.randint(1, 4), rng.randint(0, 59), rng.randint(0, 59))
        s.charge(t, m, s.product("SUBSCRIPTION"), "legit", pay_mode="WAP", otp=rng.randint(5_000, 6_500) + 1_000,
                 device=dev, ip=s.ip("mobile"))
        s.near_miss["night subscription with a 6.0-7.5 s OTP"] += 1
    for _ in range(3):  # the night rule is for subscriptions only; 3.0-4.5 s stays clear of FRAUD-OTP-3S
        m, dev = s.clean_subscriber()
        t = cn(2026, 3, rng.randint(1, 31), rng.randint(1, 4), rng.randint(0, 59), rng.randint(0, 59))
        s.charge(t, m, s.product("PER_USE"), "legit", pay_mode="SMS_OTP", otp=rng.randint(2_500, 4_000) + 500,
                 device=dev, ip=s.ip("mobile"))
        s.near_miss["night per-use charge with a 3.0-4.5 s OTP"] += 1
    for _ in range(3):
        m, dev = s.clean_subscriber()
        t = s.ts(hours=DAY_HOURS)
        ip = s.ip("mobile")
        for merchant in rng.sample(merchants, 2):
            s.charge(t, m, s.product("PER_USE", merchant=merchant), "legit", pay_mode="SMS_OTP",
                     otp=rng.randint(5_000, 20_000), device=dev, ip=ip)
            s.near_miss["2 merchants on one number in 10 minutes"] += 1
            t += timedelta(seconds=rng.randint(2 * 60, 6 * 60))


def duplicate_renewal(s):
    """A RENEWAL while the period the last charge paid for has not ended bills the subscriber twice."""
    rng = s.rng

    def subscriber():
        m, dev = s.clean_subscriber()
        return m, dev, rng.choice(["SMS_OTP", "SMS_OTP", "WAP"])

    def dups(m, product, mode, after, period_end, count):
        # Well inside the period: before April, and within 29 days of the paid charge for rolling
        # periods, so the label holds whether an engine counts a rolling period as 30 days or a month.
        span = min(period_end, APRIL) - after - timedelta(hours=6)
        for t in sorted(after + timedelta(hours=3) + span * rng.random() for _ in range(count)):
            s.charge(t.replace(microsecond=0), m, product, "duplicate_renewal", kind="RENEWAL", pay_mode=mode)

    for variant in ["calendar-initial"] * 12 + ["calendar-renewal"] * 10 + ["rolling-initial"] * 12 + \
                   ["rolling-renewal"] * 8:
        m, dev, mode = subscriber()
        billing = "MONTHLY_CALENDAR" if variant.startswith("calendar") else "MONTHLY_ROLLING"
        product = s.product(billing)
        count = rng.choice([1, 1, 1, 2])
        if variant == "calendar-initial":
            t = s.ts(2, 12, DAY_HOURS)
            s.charge(t, m, product, "legit", pay_mode=mode, device=dev, ip=s.ip("mobile"))
            dups(m, product, mode, t + timedelta(days=2), APRIL, count)
        elif variant == "calendar-renewal":
            t = s.renewal_time(billing)
            s.charge(t, m, product, "legit", kind="RENEWAL", pay_mode=mode)
            dups(m, product, mode, t + timedelta(days=4), APRIL, count)
        elif variant == "rolling-initial":
            t = s.ts(1, 12, DAY_HOURS)
            s.charge(t, m, product, "legit", pay_mode=mode, device=dev, ip=s.ip("mobile"))
            dups(m, product, mode, t + timedelta(days=2), t + timedelta(days=29), count)
        else:  # a rolling renewal for a February purchase, then renewed again
            t = s.ts(1, 8)
            s.charge(t, m, product, "legit", kind="RENEWAL", pay_mode=mode)
            dups(m, product, mode, t + timedelta(days=3), t + timedelta(days=29), count)
        if rng.random() < 0.25:  # near miss: another product of the same kind renewing in the same month
            other = s.product(billing, exclude_products=[product["product_id"]])
            when = s.renewal_time(billing)
            s.charge(when, m, other, "legit", kind="RENEWAL", pay_mode=mode)
            s.near_miss["renewal of another product in the same period"] += 1


# ---------------------------------------------------------------- appended patterns
# These run after every other pattern, so the random stream of the rows above is unchanged: every
# earlier row keeps its values and label (only request ids move, as new rows slot in by time).

def no_context(s):
    """SMS_DIRECT (短代) charges relayed with neither a device id nor an IP: no one can trace them."""
    rng = s.rng
    merchants = sorted(s.by_merchant)
    relays = rng.sample(merchants[8:20], 2)  # two SPs whose server-side integration drops the context
    for i in range(14):
        if i < 10:
            m, _ = s.clean_subscriber()
        else:  # unknown to the engine, like ~5% of ordinary numbers
            m = s.msisdn()
        merchant = relays[i % 2]
        for t in s.spaced(rng.randint(2, 3), gap_minutes=60, hours=DAY_HOURS):
            s.charge(t, m, s.product("PER_USE", merchant=merchant), "no_context", pay_mode="SMS_DIRECT",
                     device=None, ip=None)
    # Near misses: SMS_DIRECT with only one of device and IP; a confirmed charge with neither.
    for what in ["SMS_DIRECT with a device id but no IP"] * 3 + ["SMS_DIRECT with an IP but no device id"] * 3:
        m, dev = s.clean_subscriber()
        has_device = "device id but" in what
        s.charge(s.ts(hours=DAY_HOURS), m, s.product("PER_USE"), "legit", pay_mode="SMS_DIRECT",
                 device=dev if has_device else None, ip=None if has_device else s.ip("mobile"))
        s.near_miss[what] += 1
    for _ in range(3):
        m, _ = s.clean_subscriber()
        s.charge(s.ts(hours=DAY_HOURS), m, s.product("PER_USE"), "legit", pay_mode=rng.choice(["SMS_OTP", "WAP"]),
                 device=None, ip=None)
        s.near_miss["SMS_OTP/WAP initial charge with neither device id nor IP"] += 1


def ported_night(s):
    """A number ported in within 30 days (30 points) subscribed at night with a 2-5 s code (40 points)
    on SMS_DIRECT: 70 points, DECIDE-CHALLENGE. The code is the SP's own landing-page code, which the
    gateway forwards; the carrier billing itself is 短代 with no confirmation by the user."""
    rng = s.rng

    def ported_number(t, lo, hi):
        carrier = rng.choices(*CARRIER_SHARE)[0]
        m = s.msisdn(carrier)
        now_carrier = rng.choice([c for c in CARRIERS if c != carrier])
        ported = t.date() - timedelta(days=rng.randint(lo, hi))
        synced = ported + timedelta(days=1)
        s.profile(m, now_carrier, plan="POSTPAID", ported=ported,
                  updated=cn(synced.year, synced.month, synced.day, 6, rng.randint(0, 59), rng.randint(0, 59)))
        return m, now_carrier

    for _ in range(12):
        t = cn(2026, 3, rng.randint(1, 31), rng.randint(1, 4), rng.randint(0, 59), rng.randint(0, 59))
        m, now_carrier = ported_number(t, 3, 20)
        s.charge(t, m, s.product("SUBSCRIPTION"), "toll_fraud", pay_mode="SMS_DIRECT",
                 otp=rng.randint(2_100, 4_900), device=s.device(), ip=s.ip("mobile"), carrier=now_carrier)
    # Near miss: another ported-in number's night SMS_DIRECT subscription with a 6.0-7.5 s code: 30 points.
    for _ in range(3):
        t = cn(2026, 3, rng.randint(1, 31), rng.randint(1, 4), rng.randint(0, 59), rng.randint(0, 59))
        m, now_carrier = ported_number(t, 3, 20)
        s.charge(t, m, s.product("SUBSCRIPTION"), "legit", pay_mode="SMS_DIRECT",
                 otp=rng.randint(5_000, 6_500) + 1_000, device=s.device(), ip=s.ip("mobile"), carrier=now_carrier)
        s.near_miss["ported-in number, night SMS_DIRECT subscription with a 6.0-7.5 s code"] += 1


DAY = timedelta(days=1)


def disputes(s):
    """Money that came back after a charge: deductions (核减, the carrier withheld settlement) and refunds.
    A dispute counts for checks at or after its ts, for 90 days: CMP-DEDUCTION-90D (+40 points, one
    deduction is enough) and CMP-REFUNDS-90D (+30 points, 2 or more refunds). With the other points rules,
    CHURN-PORTED-30D (+30), FRAUD-NIGHT-FAST-OTP (+40) and FRAUD-OTP-3S (+40): 40-99 points FLAG (60-99 on SMS_DIRECT
    CHALLENGE), 100 or more BLOCK. A disputed charge is usually one of February's (not in the file, so its
    request id is written `R<yymm>-<6 digits>`) or an earlier March charge of the same number."""
    rng = s.rng

    def dispute(kind, ts, m, ref=None, amount=None):
        """ref: a charge row of this file, an out-of-file request id, or None (the carrier gave none)."""
        if isinstance(ref, dict):
            amount = ref["amount_fen"]
        elif amount is None:
            amount = s.product()["amount_fen"]
        if ref == "outside":
            charged = ts - timedelta(days=rng.randint(2, 12))  # the charge it concerns, days earlier
            ref = f"R{charged:%y%m}-{rng.randint(1, 999_999):06d}"
        s.disputes.append({"kind": kind, "ts": ts.replace(microsecond=0), "msisdn": m, "amount_fen": amount,
                           "ref": ref})

    def daytime(day):
        return cn(day.year, day.month, day.day, rng.randint(9, 21), rng.randint(0, 59), rng.randint(0, 59))

    def between(lo, hi):
        """A daytime instant on a random day from lo to hi (dates, inclusive)."""
        return daytime(lo + timedelta(days=rng.randint(0, (hi - lo).days)))

    def buy(t, m, dev, label, mode=None, product=None):
        return s.charge(t, m, product or s.product("PER_USE"), label, pay_mode=mode or rng.choice(["SMS_OTP", "WAP"]),
                        device=dev, ip=s.ip("mobile"))

    def ported_number(lo, hi, first):
        carrier = rng.choices(*CARRIER_SHARE)[0]
        m = s.msisdn(carrier)
        now_carrier = rng.choice([c for c in CARRIERS if c != carrier])
        ported = first.date() - timedelta(days=rng.randint(lo, hi))
        synced = ported + DAY
        s.profile(m, now_carrier, plan="POSTPAID", ported=ported,
                  updated=cn(synced.year, synced.month, synced.day, 6, rng.randint(0, 59), rng.randint(0, 59)))
        return m, now_carrier, ported

    feb1, feb27, mar1 = date(2026, 2, 1), date(2026, 2, 27), date(2026, 3, 1)
    # 1. One deduction in February, then ordinary-looking charges in March: 40 points, DECIDE-FLAG.
    for i in range(4):
        m, dev = s.clean_subscriber()
        dispute("DEDUCTION", between(feb1, feb27), m, None if i == 3 else "outside")
        for t in s.spaced(rng.randint(2, 3), hours=DAY_HOURS):
            buy(t, m, dev, "disputed", mode=s.pay_mode())
    # 2. A March charge, its deduction 4-10 days later, then more charges: only the later ones are disputed.
    for _ in range(3):
        m, dev = s.clean_subscriber()
        first = buy(s.ts(2, 8, DAY_HOURS), m, dev, "legit")
        s.lead_in["disputed"] += 1
        deducted = between((first["ts"] + 4 * DAY).date(), (first["ts"] + 10 * DAY).date())
        dispute("DEDUCTION", deducted, m, first)
        for t in s.spaced(rng.randint(1, 2), deducted.day + 1, 31, hours=DAY_HOURS):
            buy(t, m, dev, "disputed")
    # 3. Two or three refunds and a deduction in 90 days: 30 + 40 = 70 points, FLAG (CHALLENGE on SMS_DIRECT).
    for mode in ("SMS_OTP", "WAP", "SMS_DIRECT"):
        m, dev = s.clean_subscriber()
        for _ in range(rng.randint(2, 3)):
            dispute("REFUND", between(date(2026, 1, 15), feb27), m, "outside")
        dispute("DEDUCTION", between(feb1, feb27), m, "outside")
        for t in s.spaced(rng.randint(1, 2), hours=DAY_HOURS):
            buy(t, m, dev, "disputed", mode=mode)
    # 4. DECIDE-BLOCK, 110 points: a deduction, then the number ports out to another carrier (30) and is
    #    subscribed at night with a 2.1-4.9 s code (40; 150 when the code also took under 3 s): toll fraud on
    #    a number that already cost a deduction.
    for mode in ("SMS_DIRECT", "SMS_DIRECT", "WAP", "SMS_OTP"):
        t = cn(2026, 3, rng.randint(1, 31), rng.randint(1, 4), rng.randint(0, 59), rng.randint(0, 59))
        m, now_carrier, ported = ported_number(3, 20, t)
        dispute("DEDUCTION", between(ported - 40 * DAY, ported - 2 * DAY), m, "outside")
        s.charge(t, m, s.product("SUBSCRIPTION"), "toll_fraud", pay_mode=mode, otp=rng.randint(2_100, 4_900),
                 device=s.device(), ip=s.ip("mobile"), carrier=now_carrier)
    # 5. DECIDE-BLOCK at exactly 100 points: 2 refunds (30) + a deduction (40), then a port (30); daytime.
    for _ in range(3):
        first = s.ts(6, 24, DAY_HOURS)
        m, now_carrier, ported = ported_number(3, 12, first)
        for _ in range(2):
            dispute("REFUND", between(ported - 60 * DAY, ported - 2 * DAY), m, "outside")
        dispute("DEDUCTION", between(ported - 30 * DAY, ported - 2 * DAY), m, "outside")
        dev = s.device()
        for t in [first] + s.spaced(rng.randint(0, 1), first.day + 1, first.day + 6, hours=DAY_HOURS):
            s.charge(t, m, s.product("PER_USE"), "disputed", pay_mode=rng.choice(["SMS_OTP", "WAP"]),
                     device=dev, ip=s.ip("mobile"), carrier=now_carrier)
    # Near misses (legit, ALLOW).
    for _ in range(3):  # the only deduction is 91-120 days before the charge
        m, dev = s.clean_subscriber()
        t = s.ts(hours=DAY_HOURS)
        dispute("DEDUCTION", t - timedelta(days=rng.randint(91, 120), hours=rng.randint(0, 12)), m, "outside")
        buy(t, m, dev, "legit")
        s.near_miss["deduction 91-120 days before the charge"] += 1
    for _ in range(3):  # the charge is deducted later: the deduction is dated after it
        m, dev = s.clean_subscriber()
        row = buy(s.ts(1, 24, DAY_HOURS), m, dev, "legit")
        dispute("DEDUCTION", between((row["ts"] + 3 * DAY).date(), (row["ts"] + 7 * DAY).date()), m, row)
        s.near_miss["deduction dated after the charge (of that charge)"] += 1
    for _ in range(3):  # exactly one refund in the 90 days before
        m, dev = s.clean_subscriber()
        t = s.ts(10, 31, DAY_HOURS)
        dispute("REFUND", between(feb1, (t - 3 * DAY).date()), m, "outside")
        buy(t, m, dev, "legit")
        s.near_miss["exactly 1 refund in 90 days"] += 1
    for _ in range(2):  # two refunds, but the older one is 91-120 days before the charge
        m, dev = s.clean_subscriber()
        t = s.ts(hours=DAY_HOURS)
        dispute("REFUND", t - timedelta(days=rng.randint(91, 120), hours=rng.randint(0, 12)), m, "outside")
        dispute("REFUND", t - timedelta(days=rng.randint(5, 60), hours=rng.randint(0, 12)), m, "outside")
        buy(t, m, dev, "legit")
        s.near_miss["2 refunds, the older 91-120 days before the charge"] += 1
    for _ in range(2):  # one refund before the charge, the second is of the charge itself, days later
        m, dev = s.clean_subscriber()
        row = buy(s.ts(5, 24, DAY_HOURS), m, dev, "legit")
        dispute("REFUND", row["ts"] - timedelta(days=rng.randint(5, 60), hours=rng.randint(0, 12)), m, "outside")
        dispute("REFUND", between((row["ts"] + 1 * DAY).date(), (row["ts"] + 6 * DAY).date()), m, row)
        s.near_miss["1 refund before the charge, 1 after it"] += 1
    for _ in range(3):  # 2 refunds in 90 days and nothing else: CMP-REFUNDS-90D's 30 points, under DECIDE-FLAG
        m, dev = s.clean_subscriber()
        t = s.ts(8, 31, DAY_HOURS)
        for _ in range(2):
            dispute("REFUND", t - timedelta(days=rng.randint(3, 80), hours=rng.randint(0, 12)), m, "outside")
        buy(t, m, dev, "legit")
        s.near_miss["2 refunds in 90 days, nothing else (30 points)"] += 1
    _check_dispute_labels(s)


def complaint_control(s):
    """A service provider over its carrier's complaint line (投诉管控): CMP-MERCHANT-RATE flags its new
    subscriptions (INITIAL of MONTHLY_CALENDAR / MONTHLY_ROLLING) once the merchant has 1,000 or more
    approved charges on the 30 China days ending today and its complaints in the last 30 days exceed 30
    per 10,000 of them. M3001 sells per use to many ordinary numbers (a campaign to 22 March, a trickle
    after it), some of its buyers complain days after their last charge and never charge again, and
    its new subscriptions once it is over the line are labelled ``complaint_control``: the users are
    legitimate, the merchant is the risk. Its per-use charges and renewals stay legit and ALLOW."""
    rng = s.rng
    merchant = "M3001"
    per_use = [{"product_id": f"P3001-{n:02d}", "merchant_id": merchant, "billing_type": "PER_USE",
                "amount_fen": amount, "weight": 0.0} for n, amount in ((1, 500), (2, 1000), (3, 200), (4, 1500))]
    calendar = {"product_id": "P3001-05", "merchant_id": merchant, "billing_type": "MONTHLY_CALENDAR",
                "amount_fen": 1500, "weight": 0.0}
    rolling = {"product_id": "P3001-06", "merchant_id": merchant, "billing_type": "MONTHLY_ROLLING",
               "amount_fen": 1000, "weight": 0.0}
    # New rows never share a second (or the 5 around it) with another row, so finish() nudges none of
    # the earlier rows: they keep their timestamps.
    busy = {int(r["ts"].timestamp()) for r in s.charges}

    def free(day_lo, day_hi):
        """A daytime instant on those March days, 5 s clear of every other row."""
        while True:
            t = s.ts(day_lo, day_hi, DAY_HOURS)
            k = int(t.timestamp())
            if not any(k + d in busy for d in range(-5, 6)):
                busy.add(k)
                return t

    def buyer(amount):
        carrier = rng.choices(*CARRIER_SHARE)[0]
        m = s.msisdn(carrier)
        plan = "POSTPAID" if rng.random() < 0.55 else "PREPAID"
        balance = 0 if plan == "POSTPAID" else max(amount, rng.choice([2000, 3000, 5000, 8000, 12000, 20000]))
        s.profile(m, carrier, plan=plan, balance=balance)
        return m, s.device() if rng.random() < 0.92 else None, s.ip("home")

    def ordinary(t, m, product, label, device, home_ip):
        d, ip = s.context(device, home_ip)
        mode = s.pay_mode()
        if mode == "SMS_DIRECT" and d is None and ip is None:
            ip = home_ip
        return s.charge(t, m, product, label, pay_mode=mode, device=d, ip=ip)

    # 1. Per-use buyers: one charge each, one in ten comes back 2-8 days later.
    days = list(range(1, 32))
    weights = [52 if d <= 22 else 12 for d in days]
    buyers = []
    for _ in range(990):
        product = rng.choices(per_use, [30, 20, 35, 15])[0]
        m, dev, home = buyer(max(p["amount_fen"] for p in per_use))
        day = rng.choices(days, weights)[0]
        rows = [ordinary(free(day, day), m, product, "legit", dev, home)]
        if rng.random() < 0.1 and day + 2 <= 31:
            again = rng.randint(day + 2, min(day + 8, 31))
            rows.append(ordinary(free(again, again), m, rng.choice(per_use), "legit", dev, home))
        buyers.append((m, rows))
    # 2. Complaints against M3001: buyers who complain 1-5 days after their last charge and charge
    #    nothing afterwards (5 by 10 March), and 2 numbers whose charges were in February.
    complainers = set()
    for lo, hi, count in ((1, 5, 4), (6, 12, 3), (13, 20, 3), (21, 26, 2)):
        pool = [(m, rows) for m, rows in buyers
                if m not in complainers and lo <= max(r["ts"] for r in rows).day <= hi]
        for m, rows in rng.sample(pool, count):
            last = max(rows, key=lambda r: r["ts"])
            filed = last["ts"] + timedelta(days=rng.randint(1, 5), hours=rng.randint(1, 10))
            s.complaint(filed, m, merchant, last["product_id"] if rng.random() < 0.5 else None,
                        rng.choice(["UNAUTHORIZED", "UNAUTHORIZED", "REFUND_REQUEST", "QUALITY"]))
            complainers.add(m)
    for day in (8, 17):
        s.complaint(cn(2026, 3, day, rng.randint(9, 20), rng.randint(0, 59), rng.randint(0, 59)), s.msisdn(),
                    merchant, None, "UNAUTHORIZED", "REGULATOR")
    # 3. Near miss: new subscriptions of M3001 while complaints exist but fewer than 1,000 charges were
    #    approved in the window (a rate of a few hundred charges means nothing yet).
    for day, product in ((12, calendar), (14, rolling), (16, calendar)):
        m, dev, home = buyer(product["amount_fen"])
        ordinary(free(day, day), m, product, "legit", dev, home)
        s.near_miss["M3001 subscription before it has 1,000 approved charges (complaints exist)"] += 1
    # 4. Over the line (the 1,000th approved charge is on 23 March): its new subscriptions are flagged.
    for day in (24, 24, 25, 25, 26, 27, 27, 28, 29, 29, 30, 31):
        product = rng.choice([calendar, calendar, rolling])
        m, dev, home = buyer(product["amount_fen"])
        ordinary(free(day, day), m, product, "complaint_control", dev, home)
    # Near misses at the same time: renewals of M3001 subscriptions bought in February (a rolling one
    # renews on the day of the month it was bought), and new subscriptions of other merchants.
    for day in (24, 26, 28, 30):
        m, dev, home = buyer(rolling["amount_fen"])
        s.charge(free(day, day), m, rolling, "legit", kind="RENEWAL", pay_mode=rng.choice(["SMS_OTP", "WAP"]))
        s.near_miss["renewal of M3001 while it is over its complaint line"] += 1
    for day in (25, 27, 29):
        product = s.product("SUBSCRIPTION")
        m, dev, home = buyer(product["amount_fen"])
        ordinary(free(day, day), m, product, "legit", dev, home)
        s.near_miss["subscription of another merchant while M3001 is over its line"] += 1
    s.near_miss["M3001 per-use charge while it is over its complaint line"] += \
        sum(1 for r in _merchant_rate(s, merchant) if r[0]["billing_type"] == "PER_USE" and r[1])
    _check_merchant_rate_labels(s)


# ---------------------------------------------------------------- rule changes of March 2026
# VEL-SIM-BATCH-24H (new), FRAUD-OTP-3S (new), FRAUD-NIGHT-FAST-OTP widened to 00:00-05:59 and codes under
# 6 s, FRAUD-DIRECT-NO-CONTEXT for INITIAL charges only. Appended after every other pattern, like the ones
# above, so no earlier row changes its random draws; every new row keeps 5 s clear of all earlier rows.

def _clear(busy, t):
    """t, or the first second after it that is 5 s clear of every instant in busy; reserves it."""
    k = int(t.timestamp())
    while any(k + d in busy for d in range(-5, 6)):
        k += 1
    busy.add(k)
    return t + timedelta(seconds=k - int(t.timestamp()))


def sim_batch(s):
    """A SIM pool (猫池): a batch of consecutive numbers (one block of 100, the same first 9 digits), each
    card in a modem or handset of its own on a changing mobile IP, worked through in a few hours; some
    numbers charge twice. VEL-SIM-BATCH-24H blocks from the 3rd distinct number of the block charged in
    24 hours (blocked attempts count). The charges of the first 2 numbers before the 3rd appears are
    lead-in (``legit``) unless the farm's script submitted the code in 2-3 s (FRAUD-OTP-3S, 40 points: a
    FLAG), which is ``sim_batch`` as well. No device, IP, number-velocity or subscriber rule fires."""
    rng = s.rng
    busy = {int(r["ts"].timestamp()) for r in s.charges}
    for mode in ("SMS_OTP", "WAP", "SMS_OTP", "SMS_DIRECT", "WAP"):
        numbers = s.msisdn_run(rng.randint(8, 12))
        carrier = _segment_carrier(numbers[0])
        devices = {}
        for m in numbers:
            if rng.random() < 0.4:  # bought months ago: no new-SIM signal
                s.profile(m, carrier, plan="PREPAID", balance=rng.choice([2000, 3000, 5000]),
                          activated=date(2025, rng.randint(8, 12), rng.randint(1, 28)))
            devices[m] = s.device() if rng.random() < 0.85 else None
        t = s.ts(2, 29, DAY_HOURS)
        seen = set()
        for m in numbers + rng.sample(numbers, len(numbers) // 3):
            seen.add(m)
            t = _clear(busy, t)
            otp = None if mode == "SMS_DIRECT" else rng.randint(2_100, 6_000)
            bad = len(seen) >= BATCH_NUMBERS or (otp is not None and otp < OTP_3S_MS)
            s.charge(t, m, s.product("PER_USE", hi=1000), "sim_batch" if bad else "legit", pay_mode=mode, otp=otp,
                     device=devices[m], ip=s.ip("mobile"))
            if not bad:
                s.lead_in["sim_batch"] += 1
            t += timedelta(seconds=rng.randint(3 * 60, 12 * 60))
    # Near misses: 2 consecutive numbers (a couple's SIMs bought together) charging the same evening.
    for _ in range(3):
        home = s.ip("home")
        t = cn(2026, 3, rng.randint(2, 29), rng.randint(18, 21), rng.randint(0, 59), rng.randint(0, 59))
        for m in s.msisdn_run(2):
            s.profile(m, _segment_carrier(m), plan="POSTPAID")
            dev = s.device()
            for _ in range(rng.randint(1, 2)):
                t = _clear(busy, t)
                s.charge(t, m, s.product("PER_USE"), "legit", pay_mode=rng.choice(["SMS_OTP", "WAP"]), device=dev,
                         ip=home)
                s.near_miss["2 numbers of one block of 100 within 24 hours"] += 1
                t += timedelta(seconds=rng.randint(10 * 60, 50 * 60))
    # Near misses: 3 numbers of one block (a small company's lines), the 3rd charged 20-90 minutes more
    # than 24 hours after the 1st: at most 2 of them in any 24 hours.
    for _ in range(2):
        first = cn(2026, 3, rng.randint(2, 27), rng.randint(19, 21), rng.randint(0, 59), rng.randint(0, 59))
        times = [first, first + timedelta(hours=rng.randint(14, 18), minutes=rng.randint(0, 59)),
                 first + DAY + timedelta(minutes=rng.randint(20, 90))]
        for m, t in zip(s.msisdn_run(3), times):
            s.profile(m, _segment_carrier(m), plan="POSTPAID")
            s.charge(_clear(busy, t), m, s.product("PER_USE"), "legit", pay_mode=rng.choice(["SMS_OTP", "WAP"]),
                     device=s.device(), ip=s.ip("mobile"))
            s.near_miss["3 numbers of one block of 100, the 3rd over 24 hours after the 1st"] += 1


def night_edges(s):
    """FRAUD-NIGHT-FAST-OTP's new edges, FRAUD-OTP-3S's upper end and FRAUD-DIRECT-NO-CONTEXT's INITIAL."""
    rng = s.rng
    busy = {int(r["ts"].timestamp()) for r in s.charges}

    def night(hour, otp, label, what, mode=None):
        m, dev = s.clean_subscriber()
        t = _clear(busy, cn(2026, 3, rng.randint(1, 31), hour, rng.randint(0, 59), rng.randint(0, 59)))
        s.charge(t, m, s.product("SUBSCRIPTION"), label, pay_mode=mode or rng.choice(["WAP", "SMS_OTP"]), otp=otp,
                 device=dev, ip=s.ip("mobile"))
        if label == "legit":
            s.near_miss[what] += 1

    # Toll fraud at the widened edges (40 points, FLAG): 00:xx and 05:xx with a 3.0-5.9 s code, and
    # 01:00-04:59 with a 5.0-5.9 s code (the old rule had 01:00-04:59 and under 5 s).
    for hour in (0, 0, 5, 5):
        night(hour, rng.randint(OTP_3S_MS, NIGHT_OTP_MS - 1), "toll_fraud", None)
    for _ in range(2):
        night(rng.randint(1, 4), rng.randint(5_000, NIGHT_OTP_MS - 1), "toll_fraud", None)
    # Near misses: a subscription at 06:00-06:59 with a 3.0-5.9 s code; a night one with exactly 6,000 ms.
    for _ in range(3):
        night(NIGHT_END_HOUR, rng.randint(OTP_3S_MS, NIGHT_OTP_MS - 1), "legit",
              "subscription at 06:00-06:59 with a 3.0-5.9 s OTP")
    for _ in range(3):
        night(rng.randint(0, 5), NIGHT_OTP_MS, "legit", "night subscription with an OTP of exactly 6,000 ms")
    # Near misses: a subscription bought by SMS_DIRECT in February renews in March (no device, IP or code,
    # as every renewal): FRAUD-DIRECT-NO-CONTEXT is for INITIAL charges only.
    for _ in range(3):
        m, _ = s.clean_subscriber()
        product = s.product("SUBSCRIPTION")
        t = _clear(busy, s.renewal_time(product["billing_type"]))
        s.charge(t, m, product, "legit", kind="RENEWAL", pay_mode="SMS_DIRECT")
        s.near_miss["SMS_DIRECT renewal with neither device id nor IP"] += 1


def week_patterns(s):
    """Farms that come back within a week, and professional complainers with a year's record.

    A handset back with new SIMs 2 and 4 days after its first run: VEL-DEVICE-MSISDNS-7D blocks from the
    6th distinct number in 7 days while no 24 hours hold more than 3; the first 5 are lead-in (``legit``).
    A SIM batch worked through over 5 days, 2 numbers on the first day, 1 on the third and 2 on the
    fifth: VEL-SIM-BATCH-7D blocks from the 4th number of the block in 7 days; the first 3 are lead-in.
    Veteran complainers: 3 complaints 100-330 days before their March charges (none in 90 days), so
    CMP-MSISDN-365D blocks; 2 with 2 complaints in the year and a third 370-420 days before are flagged
    (CMP-MSISDN-365D-2, 40 points). Near misses: a family handset with 5 numbers over a week; 1 complaint
    in the year and another 370-420 days before the charge."""
    rng = s.rng
    busy = {int(r["ts"].timestamp()) for r in s.charges}

    def run(day, hour):
        return cn(2026, 3, day, hour, rng.randint(0, 29), rng.randint(0, 59))

    for _ in range(3):
        dev = s.device()
        first = rng.randint(2, 20)
        seen = 0
        for offset in (0, 2, 4):
            t = run(first + offset, rng.randint(10, 20))
            for _ in range(3):
                m = s.msisdn()
                seen += 1
                bad = seen > 5
                s.charge(_clear(busy, t), m, s.product("PER_USE", lo=1000, hi=3000), "device_farm" if bad else "legit",
                         pay_mode="SMS_OTP", otp=rng.randint(4_000, 9_000), device=dev, ip=s.ip("mobile"))
                if not bad:
                    s.lead_in["device_farm"] += 1
                t += timedelta(seconds=rng.randint(2 * 60, 6 * 60))
    for _ in range(2):
        dev = s.device()
        home = s.ip("home")
        first = rng.randint(2, 22)
        for offset, count in ((0, 2), (3, 2), (6, 1)):
            t = run(first + offset, rng.randint(18, 21))
            for _ in range(count):
                m, _ = s.clean_subscriber()
                s.charge(_clear(busy, t), m, s.product("PER_USE"), "legit", pay_mode="SMS_OTP", device=dev, ip=home)
                s.near_miss["device with 5 numbers in 7 days"] += 1
                t += timedelta(seconds=rng.randint(10 * 60, 30 * 60))
    for _ in range(3):
        numbers = s.msisdn_run(5)
        first = rng.randint(2, 22)
        seen = 0
        for offset, count in ((0, 2), (2, 1), (4, 2)):
            t = run(first + offset, rng.randint(9, 20))
            for _ in range(count):
                m = numbers[seen]
                seen += 1
                bad = seen >= WEEK_BATCH_NUMBERS
                s.charge(_clear(busy, t), m, s.product("PER_USE", lo=1000, hi=3000), "sim_batch" if bad else "legit",
                         pay_mode="SMS_OTP", otp=rng.randint(4_000, 9_000), device=s.device(), ip=s.ip("mobile"))
                if not bad:
                    s.lead_in["sim_batch"] += 1
                t += timedelta(seconds=rng.randint(3 * 60, 10 * 60))
    merchants = sorted(s.by_merchant)
    for _ in range(3):
        m, dev = s.clean_subscriber()
        bad = rng.sample(merchants, 3)
        charges = s.spaced(rng.randint(1, 2), 3, 28, hours=DAY_HOURS)
        for merchant in bad:
            s.complaint(charges[0] - timedelta(days=rng.randint(100, 330), hours=rng.randint(0, 12)), m, merchant,
                        None, rng.choice(["UNAUTHORIZED", "REFUND_REQUEST"]))
        for t in charges:
            s.charge(_clear(busy, t), m, s.product(exclude_merchants=bad), "complainer", device=dev, ip=s.ip("mobile"))
    for _ in range(2):  # 2 complaints in the year (the third is older): CMP-MSISDN-365D-2, 40 points, a FLAG
        m, dev = s.clean_subscriber()
        bad = rng.sample(merchants, 3)
        t = s.ts(3, 28, DAY_HOURS)
        for merchant, days in zip(bad, (rng.randint(100, 330), rng.randint(100, 330), rng.randint(370, 420))):
            s.complaint(t - timedelta(days=days), m, merchant, None, "QUALITY")
        s.charge(_clear(busy, t), m, s.product(exclude_merchants=bad), "complainer", device=dev, ip=s.ip("mobile"))
    for _ in range(2):
        m, dev = s.clean_subscriber()
        bad = rng.sample(merchants, 2)
        t = s.ts(3, 28, DAY_HOURS)
        for merchant, days in zip(bad, (rng.randint(100, 330), rng.randint(370, 420))):
            s.complaint(t - timedelta(days=days), m, merchant, None, "QUALITY")
        s.charge(_clear(busy, t), m, s.product(exclude_merchants=bad), "legit", device=dev, ip=s.ip("mobile"))
        s.near_miss["1 complaint in 365 days and another 370-420 days before"] += 1


def _otp_points(row):
    """FRAUD-OTP-3S (40) and FRAUD-NIGHT-FAST-OTP (40) on a charge."""
    otp = row["otp_latency_ms"]
    if otp is None:
        return 0
    night = row["billing_type"] != "PER_USE" and row["ts"].hour < NIGHT_END_HOUR and otp < NIGHT_OTP_MS
    return 40 * (OTP_FAST_MS <= otp < OTP_3S_MS) + 40 * night


def _check_code_and_block_labels(s):
    """On the final timestamps: no legit row has a code under 3 s or a fast night subscription code,
    and no legit row is the 3rd number of its block of 100 in 24 hours (with 10 minutes to spare either
    way); a sim_batch row is over one of those lines."""
    margin = timedelta(minutes=10)
    by_block = defaultdict(list)
    for row in s.charges:
        by_block[row["msisdn"][:BLOCK_DIGITS]].append(row)
    for row in s.charges:
        otp = row["otp_latency_ms"]
        t = row["ts"]
        near = {r["msisdn"] for r in by_block[row["msisdn"][:BLOCK_DIGITS]] if timedelta(0) <= t - r["ts"] <= DAY + margin}
        inside = {r["msisdn"] for r in by_block[row["msisdn"][:BLOCK_DIGITS]] if timedelta(0) <= t - r["ts"] < DAY - margin}
        week = {r["msisdn"] for r in by_block[row["msisdn"][:BLOCK_DIGITS]] if timedelta(0) <= t - r["ts"] <= WEEK + margin}
        in_week = {r["msisdn"] for r in by_block[row["msisdn"][:BLOCK_DIGITS]] if timedelta(0) <= t - r["ts"] < WEEK - margin}
        if row["label"] == "legit":
            assert otp is None or otp >= OTP_3S_MS, (iso(t), row["msisdn"], otp)
            assert _otp_points(row) == 0, (iso(t), row["msisdn"], otp)
            assert len(near) < BATCH_NUMBERS, (iso(t), row["msisdn"], sorted(near))
            assert len(week) < WEEK_BATCH_NUMBERS, (iso(t), row["msisdn"], sorted(week))
        elif row["label"] == "sim_batch":
            assert (len(inside) >= BATCH_NUMBERS or len(in_week) >= WEEK_BATCH_NUMBERS
                    or OTP_FAST_MS <= otp < OTP_3S_MS), (iso(t), row["msisdn"])
        else:
            assert len(near) < BATCH_NUMBERS, (row["label"], iso(t), row["msisdn"])
            assert len(week) < WEEK_BATCH_NUMBERS, (row["label"], iso(t), row["msisdn"])


def _merchant_rate(s, merchant):
    """(row, over, under, approved before it, complaints) for each charge of the merchant, in time order.
    over / under: over the line, or not, under every reading (the approved count on the 30 China days
    ending today with or without the charge itself, complaints 0-30 days old with either end open or
    closed), with a margin of 10 charges either side of 1,000. Every charge of the merchant is assumed
    approved: none is labelled to be stopped (_check_merchant_rate_labels)."""
    rows = sorted((r for r in s.charges if r["merchant_id"] == merchant), key=lambda r: r["ts"])
    filed = [c["ts"] for c in s.complaints if c["merchant_id"] == merchant]
    out = []
    for i, row in enumerate(rows):
        t = row["ts"]
        today = t.date()
        before = sum(1 for r in rows[:i] if 0 <= (today - r["ts"].date()).days <= 29)
        lo_c = sum(1 for f in filed if timedelta(0) < t - f < timedelta(days=30))
        hi_c = sum(1 for f in filed if timedelta(0) <= t - f <= timedelta(days=30))
        over = before >= 1010 and lo_c * 10_000 / (before + 1) > 30
        under = before + 1 < 990 or hi_c * 10_000 / before <= 30
        out.append((row, over, under, before, lo_c))
    return out


def _check_merchant_rate_labels(s):
    """CMP-MERCHANT-RATE: only M3001 ever has 1,000 charges in 30 days; each of its new subscriptions is
    complaint_control exactly when it is over the line, with a margin either way; every charge of M3001
    would be approved (none is labelled to stop), and no one who complained about it charges later."""
    volume = Counter(r["merchant_id"] for r in s.charges)
    assert all(n < 1000 for merchant, n in volume.items() if merchant != "M3001"), volume.most_common(3)
    for row, over, under, before, complaints in _merchant_rate(s, "M3001"):
        assert row["label"] in ("legit", "complaint_control"), row
        subscription_initial = row["billing_type"] != "PER_USE" and row["charge_kind"] == "INITIAL"
        if row["label"] == "complaint_control":
            assert subscription_initial and over, (iso(row["ts"]), before, complaints)
        elif subscription_initial:
            assert under and complaints > 0, (iso(row["ts"]), before, complaints)
    assert sum(r["label"] == "complaint_control" for r in s.charges) > 0
    filed = {c["msisdn"]: c["ts"] for c in s.complaints if c["merchant_id"] == "M3001"}
    for row in s.charges:
        assert row["ts"] < filed.get(row["msisdn"], APRIL), row["msisdn"]


def _check_dispute_labels(s):
    """Every charge of a number with disputes: its label must follow from its points at check time."""
    window = timedelta(days=90)
    by_msisdn = defaultdict(list)
    for d in s.disputes:
        by_msisdn[d["msisdn"]].append(d)
    ported = {p["msisdn"]: p["ported_on"] for p in s.profiles if p["ported_on"]}
    for row in s.charges:
        mine = by_msisdn.get(row["msisdn"])
        if not mine:
            continue
        t = row["ts"]
        live = [d for d in mine if timedelta(0) <= t - d["ts"] < window]
        points = 40 * any(d["kind"] == "DEDUCTION" for d in live)
        points += 30 * (sum(d["kind"] == "REFUND" for d in live) >= 2)
        port = ported.get(row["msisdn"])
        points += 30 * (port is not None and 0 <= (t.date() - port).days < 30)
        points += _otp_points(row)
        expected = "legit" if points < 40 else ("toll_fraud" if row["label"] == "toll_fraud" else "disputed")
        assert row["label"] == expected, (row["msisdn"], iso(t), points, row["label"])


def _segment_carrier(msisdn):
    for carrier, heads in SEGMENTS.items():
        if msisdn[:3] in heads:
            return carrier
    raise ValueError("unknown segment")


# ==================================================================== output

def finish(s):
    """Orders charges strictly by time, numbers them and checks profile timing."""
    s.charges.sort(key=lambda r: r["ts"])
    previous = None
    for row in s.charges:  # strictly increasing timestamps: nudge the rare same-second collision
        if previous is not None and row["ts"] <= previous:
            row["ts"] = previous + timedelta(seconds=1)
        previous = row["ts"]
    for i, row in enumerate(s.charges, start=1):
        row["request_id"] = f"R{i:06d}"
    _check_code_and_block_labels(s)
    first_charge = {}
    for row in s.charges:
        first_charge.setdefault(row["msisdn"], row["ts"])
    for p in s.profiles:
        if p["msisdn"] in first_charge:
            earliest = min(q["updated_at"] for q in s.profiles if q["msisdn"] == p["msisdn"])
            assert earliest < first_charge[p["msisdn"]], p["msisdn"]
    s.complaints.sort(key=lambda c: c["ts"])
    for i, c in enumerate(s.complaints, start=1):
        c["complaint_id"] = f"C{i:05d}"
    s.profiles.sort(key=lambda p: (p["msisdn"], p["updated_at"]))
    s.blacklist.sort(key=lambda e: (e["added_at"], e["kind"], e["value"]))
    s.disputes.sort(key=lambda d: (d["ts"], d["msisdn"]))
    for d in s.disputes:  # a charge of this file is named by its request id, known only now
        d["request_id"] = d["ref"]["request_id"] if isinstance(d["ref"], dict) else d["ref"]
        assert isinstance(d["ref"], str) or d["ref"] is None or d["ref"]["ts"] < d["ts"]


def cell(value):
    if value is None:
        return ""
    if isinstance(value, datetime):
        return iso(value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def write(name, columns, rows):
    with open(os.path.join(HERE, name), "w", encoding="utf-8", newline="") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(columns)
        for row in rows:
            out.writerow([cell(row[c]) for c in columns])


def main():
    s = Sample(SEED)
    ordinary_traffic(s)
    blacklisted(s)
    velocity_burst(s)
    spend_cap(s)
    device_farm(s)
    ip_farm(s)
    churn(s)
    new_sim(s)
    complainer(s)
    toll_fraud(s)
    duplicate_renewal(s)
    no_context(s)  # appended last: the rows above keep their random stream
    ported_night(s)
    disputes(s)
    complaint_control(s)
    sim_batch(s)
    night_edges(s)
    week_patterns(s)
    finish(s)

    charges = [dict(r, msisdn=r["msisdn_text"]) for r in s.charges]
    write("charges.csv", ["request_id", "ts", "msisdn", "carrier", "merchant_id", "product_id", "amount_fen",
                          "billing_type", "charge_kind", "pay_mode", "device_id", "ip", "otp_latency_ms", "label"],
          charges)
    write("subscribers.csv", ["msisdn", "carrier", "activated_on", "plan", "balance_fen", "arrears_days", "status",
                              "ported_on", "updated_at"], s.profiles)
    write("blacklist.csv", ["kind", "value", "source", "reason", "added_at", "expires_at"], s.blacklist)
    write("complaints.csv", ["complaint_id", "ts", "msisdn", "merchant_id", "product_id", "kind", "source"],
          s.complaints)
    write("disputes.csv", ["kind", "ts", "msisdn", "amount_fen", "request_id"], s.disputes)

    labels = Counter(r["label"] for r in s.charges)
    print(f"charges.csv      {len(s.charges)} rows, {iso(s.charges[0]['ts'])} .. {iso(s.charges[-1]['ts'])}")
    for label, n in sorted(labels.items(), key=lambda kv: (kv[0] != "legit", kv[0])):
        print(f"  {label:<18} {n:5d}  {100.0 * n / len(s.charges):5.1f}%")
    print(f"  legit rows that open an attack (lead-in): {dict(sorted(s.lead_in.items()))}")
    print(f"  legit near misses: {sum(s.near_miss.values())} rows")
    for what, n in sorted(s.near_miss.items()):
        print(f"    {n:3d}  {what}")
    print(f"subscribers.csv  {len(s.profiles)} rows ({len({p['msisdn'] for p in s.profiles})} numbers)")
    print(f"blacklist.csv    {len(s.blacklist)} rows")
    print(f"complaints.csv   {len(s.complaints)} rows")
    kinds = Counter(d["kind"] for d in s.disputes)
    print(f"disputes.csv     {len(s.disputes)} rows ({kinds['DEDUCTION']} DEDUCTION, {kinds['REFUND']} REFUND, "
          f"{len({d['msisdn'] for d in s.disputes})} numbers)")


if __name__ == "__main__":
    main()
