#!/usr/bin/env python3
"""variant.py: the same synthetic export, as an analyst's tools would hand it over.

    variant.py [OPTIONS] IN.csv >OUT

Reads an export made by gen_acled.sh or gen_ucdp.sh (never real data) and
writes it again, the same events, in another shape:
  --delim D      ';', 'tab' or '|' instead of ','
  --crlf         CRLF line ends
  --bom          a UTF-8 byte order mark first
  --header       the header upper-case and the columns in reverse order
  --style        as pandas or R re-save it: blanks as NA, N/A, NULL or nan
                 in turn, counts with gaps as floats (12.0), dates with a
                 time of day (2023-10-07 00:00:00, 2023-10-07T00:00:00Z)
  --json acled   ACLED's API answer: {"status": 200, ..., "data": [...]},
                 every value a string, on one line
  --json ucdp    UCDP's API answer: {"TotalCount": N, ..., "Result": [...]},
                 numbers as numbers, blanks as null, indented
  --zip NAME     the output as a zip archive holding NAME
"""
import csv
import io
import json
import re
import sys
import zipfile

# count columns that pandas would turn into floats once a value is missing
COUNTS = {"fatalities", "time_precision", "geo_precision", "best", "low", "high",
          "where_prec", "date_prec", "deaths_a", "deaths_b", "deaths_civilians",
          "deaths_unknown"}
DATES = {"event_date", "date_start", "date_end"}
MISSING = ["NA", "N/A", "NULL", "nan"]
NUMBER = re.compile(r"^-?(0|[1-9][0-9]*)(\.[0-9]+)?$")


def restyle(rows):
    k = 0
    for r in rows:
        for c, v in r.items():
            if v == "":
                r[c] = MISSING[k % len(MISSING)]
                k += 1
            elif c.lower() in COUNTS and v.isdigit():
                r[c] = v + ".0"
            elif c.lower() in DATES and re.match(r"^\d{4}-\d\d-\d\d$", v):
                r[c] = v + (" 00:00:00" if k % 2 else "T00:00:00Z")
                k += 1
            elif c.lower() in DATES and v.endswith(" 00:00:00.000"):
                r[c] = v[:10] + "T00:00:00Z"


def main(argv):
    opts = {"delim": ",", "crlf": False, "bom": False, "header": False, "style": False,
            "json": None, "zip": None}
    args = list(argv)
    while args and args[0].startswith("--"):
        a = args.pop(0)
        if a in ("--delim", "--json", "--zip"):
            opts[a[2:]] = args.pop(0)
        else:
            opts[a[2:]] = True
    if len(args) != 1:
        sys.exit(__doc__)
    with open(args[0], newline="", encoding="utf-8") as f:
        rd = csv.DictReader(f)
        cols = list(rd.fieldnames)
        rows = list(rd)
    if opts["style"]:
        restyle(rows)
    if opts["header"]:
        cols = cols[::-1]
    out = io.StringIO(newline="")
    if opts["json"] == "acled":
        json.dump({"status": 200, "success": True, "last_update": 1700000000,
                   "count": len(rows), "messages": [],
                   "data": [{c: r[c] for c in cols} for r in rows],
                   "filename": "acled_export"}, out, ensure_ascii=False)
    elif opts["json"] == "ucdp":
        def value(c, v):
            if v == "":
                return None
            if c == "active_year":
                return v == "1"
            if NUMBER.match(v):
                return json.loads(v)
            return v
        recs = [{c: value(c, r[c]) for c in cols} for r in rows]
        out.write(json.dumps({"TotalCount": len(rows), "TotalPages": 1,
                              "PreviousPageUrl": "", "NextPageUrl": "", "Result": recs},
                             indent=2, ensure_ascii=False))
    else:
        delim = {"tab": "\t"}.get(opts["delim"], opts["delim"])
        w = csv.writer(out, delimiter=delim, lineterminator="\r\n" if opts["crlf"] else "\n")
        w.writerow([c.upper() for c in cols] if opts["header"] else cols)
        for r in rows:
            w.writerow([r[c] for c in cols])
    data = ("\ufeff" if opts["bom"] else "") + out.getvalue()
    raw = data.encode("utf-8")
    if opts["zip"]:
        b = io.BytesIO()
        with zipfile.ZipFile(b, "w", zipfile.ZIP_DEFLATED) as z:
            # what macOS's Archive Utility adds: skipped by the reader
            z.writestr("__MACOSX/._" + opts["zip"], b"junk")
            z.writestr(opts["zip"], raw)
        raw = b.getvalue()
    sys.stdout.buffer.write(raw)


if __name__ == "__main__":
    main(sys.argv[1:])
