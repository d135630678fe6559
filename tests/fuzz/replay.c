/* replay.c: runs a fuzz target over saved inputs, without libFuzzer; a crash is the failure. */
#include <dirent.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* An input that runs this long has hung: libFuzzer's -timeout, as a replay fails it. */
#define REPLAY_SECONDS	60
#define STR(x)		#x
#define SECONDS_OF(x)	STR(x)

static const char *replaying;

static void
hung(int sig)
{
	static const char said[] = ": still running after " SECONDS_OF(REPLAY_SECONDS) " s, a hang\n";

	(void)sig;
	if (write(2, replaying, strlen(replaying)) > 0)
		(void)!write(2, said, sizeof said - 1);
	_exit(3);
}

/* Feeds one file, in a buffer of exactly its size so that overreads show. */
static int
replay_file(const char *path)
{
	uint8_t *buf = NULL, *grown;
	size_t len = 0, cap = 0, got;
	FILE *f;

	if ((f = fopen(path, "rb")) == NULL) {
		perror(path);
		return -1;
	}
	for (;;) {
		if (len == cap) {
			cap = cap ? cap * 2 : 4096;
			if ((grown = realloc(buf, cap)) == NULL) {
				fprintf(stderr, "%s: out of memory\n", path);
				goto fail;
			}
			buf = grown;
		}
		if ((got = fread(buf + len, 1, cap - len, f)) == 0)
			break;
		len += got;
	}
	if (ferror(f)) {
		perror(path);
		goto fail;
	}
	fclose(f);
	if ((grown = malloc(len ? len : 1)) == NULL)
		abort();
	memcpy(grown, buf, len);
	free(buf);
	replaying = path;
	signal(SIGALRM, hung);
	alarm(REPLAY_SECONDS);
	LLVMFuzzerTestOneInput(grown, len);
	alarm(0);
	free(grown);
	return 0;
fail:
	fclose(f);
	free(buf);
	return -1;
}

int
main(int argc, char **argv)
{
	struct dirent **ents;
	struct stat st;
	char path[4096];
	int i, j, n;
	size_t passed = 0, failed = 0;

	if (argc < 2) {
		fprintf(stderr, "usage: %s file|dir ...\n", argv[0]);
		return 2;
	}
	for (i = 1; i < argc; i++) {
		if (stat(argv[i], &st) == -1) {
			perror(argv[i]);
			failed++;
			continue;
		}
		if (!S_ISDIR(st.st_mode)) {
			if (replay_file(argv[i]) == 0)
				passed++;
			else
				failed++;
			continue;
		}
		if ((n = scandir(argv[i], &ents, NULL, alphasort)) == -1) {
			perror(argv[i]);
			failed++;
			continue;
		}
		for (j = 0; j < n; j++) {
			snprintf(path, sizeof path, "%s/%s", argv[i], ents[j]->d_name);
			if (stat(path, &st) == 0 && S_ISREG(st.st_mode)) {
				if (replay_file(path) == 0)
					passed++;
				else
					failed++;
			}
			free(ents[j]);
		}
		free(ents);
	}
	printf("%zu passed, %zu failed\n", passed, failed);
	return failed > 0;
}
