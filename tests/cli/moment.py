#!/usr/bin/env python3
"""The situation at every moment, checked against a fold written here.

For every day from 30 days before the earliest event date to 30 days after
the latest, sitmap's exported state (--export csv) must equal a plain
reading of data/events.csv and data/places.csv by the documented rule, and
its dump's title must show that day. The days are run in one process
(--date FROM..TO), and a sample of them one process each, which must print
the same rows and frames: a process per day would take minutes here.

The rule (data/README): an effect takes place on its @date, else on its
event's anchor (the first day of a day or a range, the last day of a
month); reported effects fold by day, then file order; planned events change
nothing; "attacked" marks exactly its day. A planned change is pending while
its event's last day has not passed and the place lacks its status; after
that, unconfirmed unless a report gave the place that status by the day.
Before the scenario's initial-date (data/scenario.conf) a place has no
status but what effects gave it, and no plan is pending or unconfirmed.

Usage: moment.py [SITMAP] (run from the repository root). Prints one line
per check, PASS or FAIL, and exits 1 on any failure.
"""
import calendar
import csv
import datetime
import io
import os
import random
import subprocess
import sys

SITMAP = sys.argv[1] if len(sys.argv) > 1 else "./sitmap"
MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()
HEADER = ("id,name,lat,lon,status,since,event,label,kind,attacked,planned,"
          "planned_date,planned_event,planned_state,events,fatalities,date")
failures = 0


def check(name, ok, why=""):
    global failures
    if ok:
        print("PASS " + name)
    else:
        failures += 1
        print("FAIL " + name + (": " + why if why else ""))


def day(s):
    return datetime.date.fromisoformat(s)


def run(*args):
    env = dict(os.environ, LC_ALL="C.UTF-8", NO_COLOR="1")
    return subprocess.run([SITMAP, *args], check=True, capture_output=True,
                          env=env).stdout.decode()


class Event:
    def __init__(self, row, pos):
        self.id = row["id"]
        self.pos = pos
        self.planned = row["kind"] == "planned"
        self.place = row["place"]
        prec = row["precision"]
        if prec == "month":
            y, m = map(int, row["date"].split("-"))
            self.lo = datetime.date(y, m, 1)
            self.hi = datetime.date(y, m, calendar.monthrange(y, m)[1])
            anchor = self.hi
        else:
            self.lo = day(row["date"])
            self.hi = day(row["end_date"]) if prec == "range" else self.lo
            anchor = self.lo
        self.prec = prec
        self.effects = []	# (place, status or None, attacked, day)
        for item in row.get("effects", "").split(";"):
            item = item.strip()
            if not item:
                continue
            place, what = item.split("=", 1)
            when = anchor
            if "@" in what:
                what, at = what.split("@")
                when = day(at)
            attacked = what == "attacked" or what.startswith("attacked>")
            status = None if what == "attacked" else what.removeprefix("attacked>")
            self.effects.append((place, status, attacked, when))
        self.first = min([anchor] + [e[3] for e in self.effects])

    def iso_span(self):
        if self.prec == "month":
            return self.lo.isoformat()[:7]
        if self.prec == "range":
            return self.lo.isoformat() + "/" + self.hi.isoformat()
        return self.lo.isoformat()


def initial_date():
    with open("data/scenario.conf", encoding="utf-8") as f:
        for line in f:
            key, _, val = line.partition("=")
            if key.strip() == "initial-date":
                return datetime.date.fromisoformat(val.strip())
    return datetime.date.min


def load():
    with open("data/places.csv", newline="", encoding="utf-8") as f:
        places = list(csv.DictReader(f))
    with open("data/events.csv", newline="", encoding="utf-8") as f:
        events = [Event(r, i) for i, r in enumerate(csv.DictReader(f))]
    return places, events


def fold(places, events, d):
    """The rows sitmap should export for day d, by the rule, the slow way."""
    known = d >= initial_date()
    status = {p["id"]: (p.get("initial") if known else None) or "none" for p in places}
    since = {p["id"]: "" for p in places}
    origin = {p["id"]: "" for p in places}
    attacked = {p["id"]: 0 for p in places}
    changes = []
    for ev in events:
        if ev.planned:
            continue
        for k, (place, st, att, when) in enumerate(ev.effects):
            if when <= d:
                changes.append((when, ev.pos, k, place, st, att, ev.id))
    for when, _, _, place, st, att, eid in sorted(changes):
        if att and when == d:
            attacked[place] = 1
        if st is not None and st != status[place]:
            status[place], since[place], origin[place] = st, when.isoformat(), eid
    # planned changes, in timeline order: by first day, then file order
    plans = {}
    for ev in sorted(events, key=lambda e: (e.first, e.pos)):
        if ev.planned:
            for place, st, _, _ in ev.effects:
                if st is not None:
                    plans.setdefault(place, []).append((ev, st))
    rows = []
    for p in places:
        pid = p["id"]
        plan = ("", "", "", "")
        late = None
        for ev, st in plans.get(pid, []) if known else []:
            if ev.hi >= d:
                if st != status[pid]:
                    plan = (st, ev.iso_span(), ev.id, "pending")
                    break
            else:
                confirmed = any(pl == pid and s == st and w <= d
                                for e in events if not e.planned
                                for pl, s, _, w in e.effects)
                if not confirmed:
                    late = (st, ev.iso_span(), ev.id, "unconfirmed")
        else:
            if late:
                plan = late
        count = sum(1 for ev in events if ev.place == pid and ev.first <= d)
        rows.append([pid, p["name"], p["lat"], p["lon"], status[pid], since[pid],
                     origin[pid], p.get("label") or p["name"], p["kind"],
                     str(attacked[pid]), *plan, str(count), "", d.isoformat()])
    return rows


def same_row(got, want):
    if len(got) != len(want):
        return False
    for k, (g, w) in enumerate(zip(got, want)):
        if k in (2, 3):		# lat, lon: the same number
            if abs(float(g) - float(w)) > 1e-9:
                return False
        elif g != w:
            return False
    return True


def title_day(d):
    return "%d %s %d" % (d.day, MONTHS[d.month - 1], d.year)


def main():
    places, events = load()
    first = min(ev.lo for ev in events) - datetime.timedelta(days=30)
    last = max(ev.hi for ev in events) + datetime.timedelta(days=30)
    span = "%s..%s" % (first.isoformat(), last.isoformat())
    ndays = (last - first).days + 1

    out = run("--export", "csv", "--date", span)
    lines = out.split("\n")
    check("export header", lines[0] == HEADER, lines[0])
    rows = list(csv.reader(io.StringIO(out)))[1:]
    check("export: a row per place per day", len(rows) == ndays * len(places),
          "%d rows for %d days" % (len(rows), ndays))
    bad = []
    n = len(places)
    for k in range(ndays):
        d = first + datetime.timedelta(days=k)
        want = fold(places, events, d)
        got = rows[k * n:(k + 1) * n]
        for g, w in zip(got, want):
            if not same_row(g, w):
                bad.append("%s: got %s, want %s" % (d, ",".join(g), ",".join(w)))
    check("export equals the reference fold on each of %d days (%s)" % (ndays, span),
          not bad, "; ".join(bad[:3]) + (" (%d rows differ)" % len(bad) if bad else ""))

    dump = run("--dump", "--charset", "ascii", "--size", "100x3", "--date", span)
    frames = dump.split("\n")
    bad = []
    for k in range(ndays):
        d = first + datetime.timedelta(days=k)
        if " | %s | " % title_day(d) not in frames[3 * k]:
            bad.append("%s: %s" % (d, frames[3 * k].strip()))
    check("dump title shows the day on each of %d days" % ndays, not bad, "; ".join(bad[:3]))

    # the range is the single days, one process each: a sample
    rnd = random.Random(12)
    sample = {first, last, day("2023-09-17"), day("2023-09-18"), day("2023-12-11"),
              day("2023-12-15"), day("2023-12-28"), day("2024-07-31")}
    sample |= {first + datetime.timedelta(days=rnd.randrange(ndays)) for _ in range(8)}
    for d in sorted(sample):
        k = (d - first).days
        one = run("--export", "csv", "--date", d.isoformat()).split("\n")
        check("export --date %s is that day of the range" % d,
              one[0] == HEADER and one[1:-1] == lines[1 + k * n:1 + (k + 1) * n])
        frame = run("--dump", "--charset", "ascii", "--size", "100x3", "--date",
                    d.isoformat()).split("\n")
        check("dump --date %s is that frame of the range" % d,
              frame[:3] == frames[3 * k:3 * k + 3], "%r" % frame[:1])
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
