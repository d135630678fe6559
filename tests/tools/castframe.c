/*
 * castframe.c: checks that FILE is asciinema v2 (a JSON header object, then
 * one [time, "o", text] array per line, times not decreasing) and prints
 * frame N's text, JSON-unescaped, without the clear-screen prefix and with
 * LF line ends, so that it can be compared with --dump; or prints the
 * header's title, or every event's time, one a line.
 *	castframe FILE N|title|times
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int
bad(const char *why, long line)
{
	fprintf(stderr, "castframe: line %ld: %s\n", line, why);
	return 1;
}

int
main(int argc, char **argv)
{
	static char buf[1 << 20];
	FILE *fp;
	long n, line = 0;
	double last = -1;

	if (argc != 3 || (fp = fopen(argv[1], "r")) == NULL)
		return bad("usage: castframe FILE N|title|times", 0);
	n = atol(argv[2]);
	while (fgets(buf, sizeof buf, fp) != NULL) {
		char *p, *end;
		double t;

		line++;
		if (line == 1) {
			if (strncmp(buf, "{\"version\": 2, \"width\": ", 24) != 0 ||
			    strstr(buf, "\"height\": ") == NULL || buf[strlen(buf) - 2] != '}')
				return bad("not an asciinema v2 header", line);
			if (strcmp(argv[2], "title") == 0) {
				/* the title as written: sitmap's titles need no unescaping */
				if ((p = strstr(buf, "\"title\": \"")) == NULL ||
				    (end = strchr(p + 10, '"')) == NULL)
					return bad("no title", line);
				printf("%.*s\n", (int)(end - p - 10), p + 10);
			}
			continue;
		}
		if (buf[0] != '[' || (t = strtod(buf + 1, &end), end == buf + 1) || t < last ||
		    strncmp(end, ", \"o\", \"", 8) != 0 || strcmp(buf + strlen(buf) - 3, "\"]\n") != 0)
			return bad("not a [time, \"o\", text] event", line);
		last = t;
		if (strcmp(argv[2], "times") == 0)
			printf("%.3f\n", t);
		if (line - 1 != n)
			continue;
		p = end + 8;
		buf[strlen(buf) - 3] = '\0';
		if (strncmp(p, "\\u001b[H\\u001b[2J", 17) != 0)
			return bad("frame does not start by clearing the screen", line);
		for (p += 17; *p != '\0'; p++) {
			if (*p != '\\') {
				putchar(*p);
				continue;
			}
			switch (*++p) {
			case 'r':
				break;
			case 'n':
				putchar('\n');
				break;
			case 'u':
				putchar((int)strtol((char[]){ p[1], p[2], p[3], p[4], 0 }, NULL, 16));
				p += 4;
				break;
			default:
				putchar(*p);
			}
		}
		putchar('\n');
	}
	return line > 1 ? 0 : bad("no frames", line);
}
