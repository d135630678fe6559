#!/usr/bin/env python3
"""measure.py SPEC...: display widths by a measure that shares no code with
sitmap: Python's Unicode database. Each SPEC is
  COLSxROWS:FILE   no line of FILE is wider than COLS, and it has ROWS lines
  table:FILE       FILE is a --list-events table whose DATE, PLACE and KIND
                   cells start at their header's display column in every row
and prints "PASS FILE (...)" or "FAIL FILE: why" for each.

A character is 2 columns if East Asian Wide or Fullwidth, 0 if a nonspacing
or enclosing mark, a format character (but U+00AD and the prepended
concatenation marks, which the C library and terminals show) or a Hangul
medial vowel or final consonant, else 1. A variation selector 16 after a
narrow character counts one more column (some terminals draw the pair as
an emoji two columns wide). A control character or a code point Python
does not know is a fault: sitmap must have replaced it."""
import sys
import unicodedata

SHOWN_CF = {0x00AD, 0x0600, 0x0601, 0x0602, 0x0603, 0x0604, 0x0605, 0x06DD,
            0x070F, 0x0890, 0x0891, 0x08E2, 0x110BD, 0x110CD}


def char_width(ch):
    cp = ord(ch)
    cat = unicodedata.category(ch)
    if cat == "Cc":
        raise ValueError("control character U+%04X" % cp)
    if cat in ("Cn", "Cs"):
        raise ValueError("unknown code point U+%04X" % cp)
    if cat in ("Mn", "Me") or (cat == "Cf" and cp not in SHOWN_CF):
        return 0
    if 0x1160 <= cp <= 0x11FF or 0xD7B0 <= cp <= 0xD7FF:
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def cells(line):
    """The line as screen cells: a wide character fills two, a mark none."""
    out = []
    for ch in line:
        w = char_width(ch)
        if ord(ch) == 0xFE0F and out and out[-1] != "":
            w = 1	# VS16 may widen a narrow character
        if w == 0 and out:
            continue
        out.extend([ch] + [""] * (w - 1))
    return out


def read_lines(path):
    with open(path, "rb") as f:
        lines = f.read().decode("utf-8").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def fits(path, cols, rows):
    lines = read_lines(path)
    widest = 0
    for n, line in enumerate(lines, 1):
        w = len(cells(line))
        if w > cols:
            return "line %d is %d columns wide, over %d: %s" % (n, w, cols, line)
        widest = max(widest, w)
    if len(lines) != rows:
        return "%d lines, not %d" % (len(lines), rows)
    return "%d columns" % widest


def table(path):
    lines = read_lines(path)
    text = "".join(c or "\0" for c in cells(lines[0]))
    cols = {name: text.find(name) for name in ("DATE", "PLACE", "KIND")}
    if min(cols.values()) < 1:
        return "no header: " + lines[0]
    for n, line in enumerate(lines[1:], 2):
        c = cells(line)
        for name, col in cols.items():
            if len(c) <= col or c[col] in (" ", "") or c[col - 1] != " ":
                return "line %d: %s does not start at column %d: %s" % (n, name, col, line)
    return "%d rows aligned" % (len(lines) - 1)


def main():
    bad = 0
    for spec in sys.argv[1:]:
        kind, path = spec.split(":", 1)
        try:
            if kind == "table":
                why = table(path)
            else:
                cols, rows = kind.split("x")
                why = fits(path, int(cols), int(rows))
            ok = not why.startswith(("line", "no header")) and "lines, not" not in why
        except (ValueError, UnicodeDecodeError) as e:
            why, ok = str(e), False
        print("%s %s%s" % ("PASS" if ok else "FAIL", path, " (%s)" % why if ok else ": " + why))
        bad += not ok
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
