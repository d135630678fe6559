#!/usr/bin/env python3
"""blockvar.py: variants of a synthetic CSV export that put what a parallel
parse must get right at the places where the file is cut into blocks (see
tests/import/blocks.sh). Reads the CSV on standard input, writes one to
standard output. Never real data: the input is tests' own synthetic files.

  blockvar.py dup-newer   rows of the first half again at the end, newer
                          timestamps (they replace the first ones)
  blockvar.py dup-older   the same, older timestamps (they are dropped)
  blockvar.py dup-mixed   both, and a row repeated twice at the end
  blockvar.py no-stamp    without the timestamp column; a row of the first
                          half repeated at the end (an error)
  blockvar.py bad-late    a bad date in a row at 3/4 of the file
  blockvar.py bad-both    bad dates at 1/4 and at 3/4
  blockvar.py multiline   every note spread over three lines
  blockvar.py crlf        CRLF line ends (quoted text keeps its LF)
  blockvar.py stray       a quote inside an unquoted field, early on
  blockvar.py cr          CR line ends, a CR alone
  blockvar.py long-first  notes five times as long in the first quarter: a
                          block judges from its first rows how many events
                          to make room for, and here makes too little
  blockvar.py short-first notes cut to 8 characters in the first quarter:
                          too much room
"""
import csv
import io
import sys


def rows_in():
    return list(csv.reader(io.StringIO(sys.stdin.read(), newline="")))


def out(rows, eol="\n"):
    w = csv.writer(sys.stdout, lineterminator=eol)
    w.writerows(rows)


def main():
    mode = sys.argv[1]
    rows = rows_in()
    head, body = rows[0], rows[1:]
    n = len(body)
    col = {name: i for i, name in enumerate(head)}
    if mode.startswith("dup-"):
        ts = col["timestamp"]
        extra = []
        for k, i in enumerate(range(0, n // 2, max(1, n // 40))):
            r = list(body[i])
            older = mode == "dup-older" or (mode == "dup-mixed" and k % 2 == 1)
            r[ts] = str(int(r[ts]) + (-1000 if older else 1000))
            r[col["fatalities"]] = str(k + 1)
            r[col["location"]] = "Repeated %d" % k
            extra.append(r)
        if mode == "dup-mixed":
            r = list(extra[0])
            r[ts] = str(int(r[ts]) + 1)
            r[col["location"]] = "Repeated again"
            extra.append(r)
        out([head] + body + extra)
    elif mode == "no-stamp":
        ts = col["timestamp"]
        rows = [r[:ts] + r[ts + 1:] for r in rows]
        out(rows + [rows[1 + n // 4]])
    elif mode in ("bad-late", "bad-both"):
        d = col["event_date"]
        body[3 * n // 4][d] = "2023-13-45"
        if mode == "bad-both":
            body[n // 4][d] = "yesterday"
        out([head] + body)
    elif mode == "multiline":
        nt = col["notes"]
        for r in body:
            r[nt] = r[nt].replace(". ", ".\n", 2)
        out([head] + body)
    elif mode == "crlf":
        out(rows, "\r\n")
    elif mode == "stray":
        loc = col["location"]
        body[n // 10][loc] = 'Camp 5" north'
        text = io.StringIO()
        csv.writer(text, lineterminator="\n", quoting=csv.QUOTE_MINIMAL).writerows([head] + body)
        # the writer quotes it: unquote that one field, as a careless tool writes it
        sys.stdout.write(text.getvalue().replace('"Camp 5"" north"', 'Camp 5" north'))
    elif mode == "cr":
        nt = col["notes"]
        for r in body:
            r[nt] = r[nt].replace("\n", " ")
        out([head] + body, "\r")
    elif mode in ("long-first", "short-first"):
        nt = col["notes"]
        for r in body[: n // 4]:
            r[nt] = (r[nt] + " ") * 5 if mode == "long-first" else r[nt][:8]
        out([head] + body)
    else:
        sys.exit("blockvar.py: unknown mode " + mode)


main()
