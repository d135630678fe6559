/*
 * fuzz_stream.c: timeline_load_blocks(), which reads a file in blocks cut
 * between records, against timeline_load_mem() on the same bytes: the same
 * events in the same order, or the same error message. The block size
 * (1 to 64 bytes, from the first input byte) makes cuts fall everywhere:
 * inside quotes, between CR and LF, in a BOM.
 *
 * Input: a byte for the block size, then an events CSV over a fixed copy of
 * data/places.csv.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "places.h"
#include "timeline.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Like assert(), but kept under NDEBUG. */
#define CHECK(c)	do { if (!(c)) abort(); } while (0)

static const char fixed_places[] =
	"id,name,lat,lon,kind,initial,source\n"
	"kidal,Kidal,18.43889,1.40833,town,taken-by-rebels,s\n"
	"kidal-un,Kidal UN camp,18.43889,1.40833,un-camp,un-camp,s\n"
	"tessalit,Tessalit,20.20111,1.01250,un-camp,un-camp,s\n"
	"aguelhok,Aguelhok,19.46500,0.85611,un-camp,un-camp,s\n"
	"anefis,Anefis,18.04389,0.60306,town,taken-by-rebels,s\n"
	"gao,Gao,16.26667,-0.05000,town,none,s\n"
	"gao-un,Gao UN camp,16.26667,-0.05000,un-camp,un-camp,s\n"
	"gao-army,Gao army camp,16.26667,-0.05000,army-camp,army-held,s\n"
	"timbuktu,Timbuktu,16.77583,-3.00944,town,army-held,s\n"
	"timbuktu-un,Timbuktu UN camp,16.77583,-3.00944,un-camp,un-camp,s\n"
	"bamako,Bamako,12.63917,-8.00278,capital,none,s\n"
	"bamako-un,Bamako UN HQ camp,12.63917,-8.00278,un-camp,un-camp,s\n"
	"mopti,Mopti,14.49583,-4.19861,town,none,s\n"
	"sevare-un,Sevare UN camp,14.53333,-4.10000,un-camp,un-camp,s\n"
	"ansongo,Ansongo,15.65944,0.50167,un-camp,un-camp,s\n"
	"menaka,Menaka,15.91667,2.40000,un-camp,un-camp,s\n"
	"ber,Ber,16.76000,-2.63889,un-camp,un-camp,s\n"
	"goundam,Goundam,16.41667,-3.66667,un-camp,un-camp,s\n"
	"lere,Lere,15.71528,-4.90417,army-camp,army-held,s\n"
	"ogossagou,Ogossagou,13.962,-3.634,un-camp,un-camp,s\n"
	"douentza,Douentza,15.00000,-2.95000,un-camp,un-camp,s\n"
	"bourem,Bourem,16.95000,-0.35000,army-camp,army-held,s\n"
	"bamba,Bamba,17.03333,-1.40000,army-camp,army-held,s\n"
	"dioura,Dioura,14.82528,-5.25139,army-camp,army-held,s\n"
	"taoussa,Taoussa,16.94111,-0.58194,army-camp,army-held,s\n"
	"tarkint,Tarkint,17.47694,0.11639,village,none,s\n";

static struct places *pl;
static char path[64];

static void
same_events(const struct timeline *a, const struct timeline *b)
{
	size_t i;

	CHECK(a->nevents == b->nevents && a->neffects == b->neffects);
	for (i = 0; i < a->nevents; i++) {
		const struct event *x = &a->events[i], *y = &b->events[i];

		CHECK(strcmp(x->id, y->id) == 0 && strcmp(x->summary, y->summary) == 0 &&
		    strcmp(x->actors, y->actors) == 0 && strcmp(x->sources, y->sources) == 0 &&
		    strcmp(x->note, y->note) == 0);
		CHECK(x->place == y->place && x->lo == y->lo && x->hi == y->hi &&
		    x->day == y->day && x->prec == y->prec && x->planned == y->planned &&
		    x->seq == y->seq && x->neffects == y->neffects);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct timeline *a, *b;
	char *ca = NULL, *cb = NULL;
	size_t block;
	FILE *fp;

	if (size == 0)
		return 0;
	if (pl == NULL) {
		char *cause = NULL;
		int fd;

		pl = places_load_mem("places.csv", fixed_places, sizeof fixed_places - 1, &cause);
		CHECK(pl != NULL);
		snprintf(path, sizeof path, "/tmp/sitmap-fuzz-stream-XXXXXX");
		CHECK((fd = mkstemp(path)) >= 0);
		close(fd);
	}
	block = 1 + data[0] % 64;
	data++, size--;
	CHECK((fp = fopen(path, "wb")) != NULL);
	CHECK(fwrite(data, 1, size, fp) == size);
	CHECK(fclose(fp) == 0);
	a = timeline_load_blocks(path, pl, block, &ca);
	b = timeline_load_mem(path, (const char *)data, size, pl, &cb);
	CHECK((a == NULL) == (b == NULL));
	if (a == NULL)
		CHECK(strcmp(ca, cb) == 0);
	else
		same_events(a, b);
	free(ca);
	free(cb);
	timeline_free(a);
	timeline_free(b);
	return 0;
}
