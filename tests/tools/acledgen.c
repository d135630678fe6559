/*
 * acledgen.c: a large synthetic ACLED export, fast, for make bench. Never
 * real data (ACLED's terms forbid redistributing it): every name, place and
 * note is made up from a seeded generator, the same bytes for the same
 * seed and row count on every machine.
 *
 *	acledgen [-s SEED] ROWS >file.csv
 *
 * The layout is ACLED's since 20 March 2023, all 31 columns in order,
 * fields quoted only when they need it, as the export does. What makes it
 * realistic for a loader: notes of 100 to 400 bytes with commas and quotes
 * (so most rows have a quoted field), the real vocabularies of
 * disorder_type, event_type (6) and sub_event_type (25), actors named as
 * ACLED names them, several thousand locations per country reused by many
 * rows, coordinates inside each country's box, dates over ten years in
 * the export's order (newest first), ids unique per country. (The small
 * fixed files of the import tests come from gen_acled.sh.)
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "date.h"
#include "util.h"

static uint64_t rng_state;

/* splitmix64: tiny, fast, and the same on every platform */
static uint64_t
rnd64(void)
{
	uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* 0 .. n-1 */
static uint32_t
rnd(uint32_t n)
{
	return (uint32_t)(((rnd64() >> 32) * (uint64_t)n) >> 32);
}

#define PICK(a)	((a)[rnd(sizeof (a) / sizeof (a)[0])])

struct country {
	const char	*name, *iso3, *region;
	int		 iso;
	double		 lat0, lat1, lon0, lon1;	/* a box inside the country */
	const char	*local[3];		/* its own armed groups */
	unsigned	 weight;		/* share of rows, in parts */
};

static const struct country countries[] = {
	{ "Mali", "MLI", "Western Africa", 466, 11.5, 20.5, -11.0, 3.5, { "JNIM: Group for Support of Islam and Muslims",
	    "CSP-PSD: Permanent Strategic Framework for Peace, Security and Development",
	    "Dozo Communal Militia (Mali)" }, 12 },
	{ "Burkina Faso", "BFA", "Western Africa", 854, 10.0, 14.5, -5.0, 1.8, { "JNIM: Group for Support of Islam and Muslims",
	    "VDP: Volunteers for the Defense of the Homeland", "Islamic State (Sahel)" }, 12 },
	{ "Niger", "NER", "Western Africa", 562, 12.0, 20.0, 1.0, 14.0, { "Islamic State (Sahel)",
	    "Boko Haram - Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad",
	    "Islamic State (West Africa)" }, 8 },
	{ "Nigeria", "NGA", "Western Africa", 566, 5.0, 13.0, 3.5, 13.5, { "Islamic State (West Africa)",
	    "Boko Haram - Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad",
	    "Fulani Ethnic Militia (Nigeria)" }, 18 },
	{ "Chad", "TCD", "Middle Africa", 148, 9.0, 19.0, 15.5, 22.5, { "Boko Haram - Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad",
	    "FACT: Front for Change and Concord in Chad", "Arab Ethnic Militia (Chad)" }, 4 },
	{ "Cameroon", "CMR", "Middle Africa", 120, 3.0, 11.5, 9.8, 15.0, { "Ambazonian Separatists",
	    "Boko Haram - Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad", "Islamic State (West Africa)" }, 8 },
	{ "Mauritania", "MRT", "Western Africa", 478, 16.0, 26.0, -16.0, -6.0, { "AQIM: Al Qaeda in the Islamic Maghreb",
	    "Unidentified Communal Militia (Mauritania)", "Moorish Ethnic Militia (Mauritania)" }, 2 },
	{ "Senegal", "SEN", "Western Africa", 686, 12.6, 16.4, -16.8, -12.0, { "MFDC: Movement of Democratic Forces of Casamance",
	    "Unidentified Communal Militia (Senegal)", "PASTEF: Patriots of Senegal" }, 3 },
	{ "Guinea", "GIN", "Western Africa", 324, 7.5, 12.5, -14.5, -8.5, { "Unidentified Communal Militia (Guinea)",
	    "FNDC: National Front for the Defense of the Constitution", "Malinke Ethnic Militia (Guinea)" }, 3 },
	{ "Cote d'Ivoire", "CIV", "Western Africa", 384, 4.5, 10.5, -8.3, -2.7, { "JNIM: Group for Support of Islam and Muslims",
	    "Dozo Communal Militia (Ivory Coast)", "Unidentified Communal Militia (Ivory Coast)" }, 3 },
	{ "Ghana", "GHA", "Western Africa", 288, 5.0, 11.0, -3.0, 1.0, { "Kusasi Ethnic Militia (Ghana)",
	    "Mamprusi Ethnic Militia (Ghana)", "Unidentified Communal Militia (Ghana)" }, 3 },
	{ "Benin", "BEN", "Western Africa", 204, 6.3, 12.3, 1.0, 3.6, { "JNIM: Group for Support of Islam and Muslims",
	    "Islamic State (Sahel)", "Unidentified Communal Militia (Benin)" }, 2 },
	{ "Togo", "TGO", "Western Africa", 768, 6.2, 11.0, 0.0, 1.7, { "JNIM: Group for Support of Islam and Muslims",
	    "Unidentified Communal Militia (Togo)", "Islamic State (Sahel)" }, 1 },
	{ "Sudan", "SDN", "Northern Africa", 729, 9.5, 21.5, 22.5, 36.5, { "RSF: Rapid Support Forces",
	    "SPLM-N: Sudan People's Liberation Movement (North) - Al Hilu Faction",
	    "Arab Ethnic Militia (Sudan)" }, 10 },
	{ "Central African Republic", "CAF", "Middle Africa", 140, 3.0, 10.5, 15.0, 26.0, { "UPC: Unity for Peace in Central Africa",
	    "3R: Return, Reclamation, Rehabilitation", "Anti-Balaka" }, 4 },
	{ "Libya", "LBY", "Northern Africa", 434, 25.0, 32.5, 10.5, 24.5, { "LNA: Libyan National Army",
	    "GNU: Government of National Unity", "Tebu Ethnic Militia (Libya)" }, 5 },
};
#define NCOUNTRY	(sizeof countries / sizeof countries[0])
#define LOC_PER_COUNTRY	4000
#define ADMIN1_PER	12

/* event_type, sub_event_type and disorder_type: ACLED's 6 and 25, with rough real shares */
static const struct sub {
	const char	*type, *sub, *disorder;
	unsigned	 weight;
	int		 kind;	/* 0 fight, 1 remote, 2 civilians, 3 protest, 4 riot, 5 strategic */
} subs[] = {
	{ "Battles", "Armed clash", "Political violence", 180, 0 },
	{ "Battles", "Government regains territory", "Political violence", 4, 0 },
	{ "Battles", "Non-state actor overtakes territory", "Political violence", 4, 0 },
	{ "Explosions/Remote violence", "Chemical weapon", "Political violence", 1, 1 },
	{ "Explosions/Remote violence", "Air/drone strike", "Political violence", 40, 1 },
	{ "Explosions/Remote violence", "Suicide bomb", "Political violence", 3, 1 },
	{ "Explosions/Remote violence", "Shelling/artillery/missile attack", "Political violence", 50, 1 },
	{ "Explosions/Remote violence", "Remote explosive/landmine/IED", "Political violence", 30, 1 },
	{ "Explosions/Remote violence", "Grenade", "Political violence", 5, 1 },
	{ "Violence against civilians", "Sexual violence", "Political violence", 8, 2 },
	{ "Violence against civilians", "Attack", "Political violence", 150, 2 },
	{ "Violence against civilians", "Abduction/forced disappearance", "Political violence", 40, 2 },
	{ "Protests", "Peaceful protest", "Demonstrations", 250, 3 },
	{ "Protests", "Protest with intervention", "Demonstrations", 25, 3 },
	{ "Protests", "Excessive force against protesters", "Political violence; Demonstrations", 3, 3 },
	{ "Riots", "Violent demonstration", "Demonstrations", 40, 4 },
	{ "Riots", "Mob violence", "Political violence", 35, 4 },
	{ "Strategic developments", "Agreement", "Strategic developments", 5, 5 },
	{ "Strategic developments", "Arrests", "Strategic developments", 20, 5 },
	{ "Strategic developments", "Change to group/activity", "Strategic developments", 25, 5 },
	{ "Strategic developments", "Disrupted weapons use", "Strategic developments", 15, 5 },
	{ "Strategic developments", "Headquarters or base established", "Strategic developments", 3, 5 },
	{ "Strategic developments", "Looting/property destruction", "Strategic developments", 20, 5 },
	{ "Strategic developments", "Non-violent transfer of territory", "Strategic developments", 3, 5 },
	{ "Strategic developments", "Other", "Strategic developments", 10, 5 },
};
#define NSUB	(sizeof subs / sizeof subs[0])

static const char *const sources[] = { "Le Monde", "Reuters", "AFP", "Studio Tamani",
	"Radio France Internationale", "Al Jazeera", "BBC News", "Premium Times",
	"Daily Trust", "Sahara Reporters", "Jeune Afrique", "Le Faso", "Lefaso.net",
	"ActuNiger", "Anadolu Agency", "Xinhua", "Sudan Tribune", "Radio Dabanga",
	"Libya Observer", "Agence Ivoirienne de Presse", "Aminiya", "Vanguard (Nigeria)",
	"Punch (Nigeria)", "Channels TV", "Twitter", "Facebook", "Telegram", "Local partner",
	"Human Rights Watch", "Amnesty International", "UN OCHA", "MINUSCA", "Ansongo Info",
	"Mali Actu", "Maliweb", "L'Essor", "Burkina24", "Wakat Sera", "Tchadinfos", "Alwihda Info" };
static const char *const scales[] = { "National", "Subnational", "International",
	"Regional", "Local partner-National", "New media", "Other-National",
	"New media-Subnational", "National-International", "Subnational-National" };
static const char *const tags_crowd[] = { "crowd size=no report", "crowd size=around 100",
	"crowd size=dozens", "crowd size=hundreds", "crowd size=thousands", "crowd size=around 50" };
static const char *const syl[] = { "ba", "da", "go", "ka", "ki", "ma", "na", "ni", "ou",
	"sa", "se", "ta", "ti", "to", "za", "bou", "dou", "fa", "gan", "kou", "la", "lo",
	"mo", "ne", "ra", "ri", "sou", "tin", "wa", "ya", "zo", "dj", "kan", "mak", "sir" };
static const char *const fillers[] = {
	"Sources say the group arrived on motorbikes and left towards the border.",
	"The army said in a statement that the situation was under control.",
	"Local sources could not confirm the number of people involved.",
	"Several houses, shops and a health centre were burnt during the incident.",
	"Residents said the attackers had \"warned them\" a week before.",
	"The attack follows a series of similar incidents in the area, according to residents.",
	"A curfew was announced the next day by the regional governor.",
	"Humanitarian organisations suspended their activities in the area.",
	"The victims were reportedly herders travelling to the weekly market.",
	"Reports differ on who carried out the attack; no group has claimed it.",
	"The protesters demanded better security, the release of detainees, and fuel.",
	"The road between the two towns has been closed since the incident.",
	"Fatalities are coded as unknown; reports say \"many\" were killed.",
	"Displaced families fled to the district capital, according to a local official.",
	"Security forces later arrested several suspects in a nearby village.",
};
static const char *const months[12] = { "January", "February", "March", "April", "May",
	"June", "July", "August", "September", "October", "November", "December" };

struct loc {
	char		 name[24], admin2[24], admin3[24];
	uint8_t		 admin1;
	double		 lat, lon;
};

static struct loc *locs;		/* LOC_PER_COUNTRY per country */
static char admin1[NCOUNTRY][ADMIN1_PER][24];
static uint32_t next_id[NCOUNTRY];

/* A made-up place name of two or three syllables, capitalised. */
static void
make_name(char *out, size_t cap)
{
	int n = 2 + (int)rnd(2), i;

	out[0] = '\0';
	for (i = 0; i < n; i++)
		strncat(out, PICK(syl), cap - strlen(out) - 1);
	out[0] = (char)(out[0] - 'a' + 'A');
}

static void
make_places(void)
{
	size_t c, i;

	locs = xcalloc(NCOUNTRY * LOC_PER_COUNTRY, sizeof *locs);
	for (c = 0; c < NCOUNTRY; c++) {
		const struct country *k = &countries[c];

		for (i = 0; i < ADMIN1_PER; i++)
			make_name(admin1[c][i], sizeof admin1[c][i]);
		for (i = 0; i < LOC_PER_COUNTRY; i++) {
			struct loc *l = &locs[c * LOC_PER_COUNTRY + i];

			make_name(l->name, sizeof l->name);
			make_name(l->admin2, sizeof l->admin2);
			if (rnd(3) != 0)
				make_name(l->admin3, sizeof l->admin3);
			l->admin1 = (uint8_t)rnd(ADMIN1_PER);
			l->lat = k->lat0 + (k->lat1 - k->lat0) * rnd(1000000) / 1e6;
			l->lon = k->lon0 + (k->lon1 - k->lon0) * rnd(1000000) / 1e6;
		}
	}
}

/* An output buffer, written when full. */
static char obuf[1 << 20];
static size_t olen;

static void
flush_out(void)
{
	size_t off = 0;

	while (off < olen) {
		ssize_t n = write(1, obuf + off, olen - off);

		if (n <= 0)
			die("write: cannot write the output");
		off += (size_t)n;
	}
	olen = 0;
}

static void
put(const char *s, size_t n)
{
	if (olen + n > sizeof obuf)
		flush_out();
	memcpy(obuf + olen, s, n);
	olen += n;
}

static void
puts_(const char *s)
{
	put(s, strlen(s));
}

/* One field and the separator before it; quoted as RFC 4180 says when it needs to be. */
static void
field(int first, const char *s)
{
	const char *p;

	if (!first)
		put(",", 1);
	if (strpbrk(s, ",\"\r\n") == NULL) {
		puts_(s);
		return;
	}
	put("\"", 1);
	for (p = s; *p != '\0'; p++) {
		if (*p == '"')
			put("\"", 1);
		put(p, 1);
	}
	put("\"", 1);
}

static void
fieldf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void
fieldf(const char *fmt, ...)
{
	char b[64];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(b, sizeof b, fmt, ap);
	va_end(ap);
	field(0, b);
}

/* "Military Forces of Mali (2021-)" and the other state actors, by era */
static void
state_actor(char *out, size_t cap, const struct country *k, int police, int year)
{
	snprintf(out, cap, "%s Forces of %s (%d-)", police ? "Police" : "Military", k->name,
	    year >= 2021 ? 2021 : 2010 + (int)(strlen(k->name) % 6));
}

static const char *
inter_of(const char *actor)
{
	if (*actor == '\0')
		return "";
	if (strncmp(actor, "Military Forces", 15) == 0 || strncmp(actor, "Police Forces", 13) == 0)
		return "State forces";
	if (strncmp(actor, "Protesters", 10) == 0)
		return "Protesters";
	if (strncmp(actor, "Rioters", 7) == 0)
		return "Rioters";
	if (strncmp(actor, "Civilians", 9) == 0)
		return "Civilians";
	if (strstr(actor, "Ethnic Militia") != NULL || strstr(actor, "Communal Militia") != NULL)
		return "Identity militia";
	if (strncmp(actor, "Wagner", 6) == 0)
		return "External/Other forces";
	if (strncmp(actor, "Unidentified Armed", 18) == 0)
		return "Political militia";
	return "Rebel group";
}

static void
row(day_t day, uint32_t n)
{
	unsigned w = 0, pick;
	size_t c, i;
	const struct country *k;
	const struct sub *s;
	const struct loc *l;
	char id[16], date[16], a1[128], a2[128], as1[160], as2[160], inter[64], notes[512],
	    src[160], tags[64], ad1[24];
	int y, m, d, fat, tp, gp;
	size_t target;

	for (c = 0; c < NCOUNTRY; c++)
		w += countries[c].weight;
	pick = rnd(w);
	for (c = 0; pick >= countries[c].weight; c++)
		pick -= countries[c].weight;
	k = &countries[c];
	for (w = 0, i = 0; i < NSUB; i++)
		w += subs[i].weight;
	pick = rnd(w);
	for (i = 0; pick >= subs[i].weight; i++)
		pick -= subs[i].weight;
	s = &subs[i];
	/* a few places see most events: a square skews the pick towards the first */
	i = rnd(LOC_PER_COUNTRY);
	l = &locs[c * LOC_PER_COUNTRY + i * i / LOC_PER_COUNTRY];
	date_to_ymd(day, &y, &m, &d);
	snprintf(id, sizeof id, "%s%" PRIu32, k->iso3, ++next_id[c]);
	snprintf(date, sizeof date, "%04d-%02d-%02d", y, m, d);
	as1[0] = as2[0] = a2[0] = tags[0] = '\0';
	fat = 0;
	switch (s->kind) {
	case 0:
		state_actor(a1, sizeof a1, k, 0, y);
		snprintf(a2, sizeof a2, "%s", k->local[rnd(3)]);
		if (rnd(2) == 0) {
			char t[128];

			snprintf(t, sizeof t, "%s", a1);
			snprintf(a1, sizeof a1, "%s", a2);
			snprintf(a2, sizeof a2, "%s", t);
		}
		if (c == 0 && y >= 2022 && rnd(3) == 0)
			snprintf(as1, sizeof as1, "Wagner Group");
		fat = rnd(3) == 0 ? 0 : (int)rnd(40);
		break;
	case 1:
		if (rnd(2))
			state_actor(a1, sizeof a1, k, 0, y);
		else
			snprintf(a1, sizeof a1, "%s", k->local[rnd(3)]);
		if (rnd(3) == 0)
			snprintf(a2, sizeof a2, "Civilians (%s)", k->name);
		fat = rnd(2) ? 0 : (int)rnd(15);
		break;
	case 2:
		snprintf(a1, sizeof a1, "%s", rnd(4) ? k->local[rnd(3)] :
		    "Unidentified Armed Group");
		if (strcmp(a1, "Unidentified Armed Group") == 0)
			snprintf(a1, sizeof a1, "Unidentified Armed Group (%s)", k->name);
		snprintf(a2, sizeof a2, "Civilians (%s)", k->name);
		if (rnd(3) == 0)
			snprintf(as2, sizeof as2, "%s Ethnic Group (%s)",
			    rnd(2) ? "Fulani" : "Dogon", k->name);
		fat = rnd(4) == 0 ? 0 : 1 + (int)rnd(12);
		break;
	case 3:
		snprintf(a1, sizeof a1, "Protesters (%s)", k->name);
		if (rnd(2))
			snprintf(as1, sizeof as1, "%s (%s); Students (%s)", rnd(2) ? "Labor Group" :
			    "Women", k->name, k->name);
		if (s->sub[0] != 'P')
			state_actor(a2, sizeof a2, k, 1, y);
		snprintf(tags, sizeof tags, "%s", PICK(tags_crowd));
		break;
	case 4:
		snprintf(a1, sizeof a1, "Rioters (%s)", k->name);
		if (rnd(2))
			state_actor(a2, sizeof a2, k, 1, y);
		fat = rnd(5) == 0 ? (int)rnd(4) : 0;
		break;
	default:
		if (rnd(2))
			state_actor(a1, sizeof a1, k, rnd(2), y);
		else
			snprintf(a1, sizeof a1, "%s", k->local[rnd(3)]);
		break;
	}
	if (*a2 != '\0')
		snprintf(inter, sizeof inter, "%s-%s", inter_of(a1), inter_of(a2));
	else
		snprintf(inter, sizeof inter, "%s only", inter_of(a1));
	tp = rnd(10) < 8 ? 1 : rnd(3) ? 2 : 3;
	gp = rnd(10) < 7 ? 1 : rnd(3) ? 2 : 3;
	/* notes: the lead sentence ACLED writes, then sentences to 100..400 bytes */
	target = 100 + rnd(301);
	snprintf(notes, sizeof notes, "On %d %s %d, %s%s%s (%s) near %s (%s, %s).", d,
	    months[m - 1], y, a1, *a2 != '\0' ? " and " : "", a2, s->sub, l->name,
	    l->admin2, admin1[c][l->admin1]);
	while (strlen(notes) < target) {
		const char *f = PICK(fillers);

		if (strlen(notes) + 1 + strlen(f) >= sizeof notes)
			break;
		strcat(notes, " ");
		strcat(notes, f);
	}
	if (strlen(notes) > 385) {
		/* cut after a sentence, else at a word, as an editor would */
		char *sp = notes + 385;

		while (sp > notes + 100 && !(sp[-1] == '.' && *sp == ' '))
			sp--;
		if (sp == notes + 100) {
			for (sp = notes + 385; sp > notes + 90 && *sp != ' '; sp--)
				;
			strcpy(sp, ".");
		} else
			*sp = '\0';
	}
	if (fat > 0)
		snprintf(notes + strlen(notes), sizeof notes - strlen(notes), " %d fatalities.",
		    fat);
	snprintf(src, sizeof src, "%s", PICK(sources));
	for (i = rnd(3); i > 0; i--)
		snprintf(src + strlen(src), sizeof src - strlen(src), "; %s", PICK(sources));
	snprintf(ad1, sizeof ad1, "%s", admin1[c][l->admin1]);

	field(1, id);
	field(0, date);
	fieldf("%d", y);
	fieldf("%d", tp);
	field(0, s->disorder);
	field(0, s->type);
	field(0, s->sub);
	field(0, a1);
	field(0, as1);
	field(0, inter_of(a1));
	field(0, a2);
	field(0, as2);
	field(0, inter_of(a2));
	field(0, inter);
	field(0, s->kind == 2 ? "Civilian targeting" : "");
	fieldf("%d", k->iso);
	field(0, k->region);
	field(0, k->name);
	field(0, ad1);
	field(0, l->admin2);
	field(0, l->admin3);
	field(0, l->name);
	fieldf("%.4f", l->lat);
	fieldf("%.4f", l->lon);
	fieldf("%d", gp);
	field(0, src);
	field(0, PICK(scales));
	field(0, notes);
	fieldf("%d", fat);
	field(0, tags);
	fieldf("%" PRIu32, 1600000000u + n / 4);
	put("\n", 1);
}

int
main(int argc, char **argv)
{
	unsigned long long seed = 19, rows;
	day_t first, last, span;
	uint64_t i;
	char *end;
	int opt;

	while ((opt = getopt(argc, argv, "s:")) != -1) {
		if (opt != 's')
			goto usage;
		seed = strtoull(optarg, &end, 10);
		if (*optarg == '\0' || *end != '\0')
			goto usage;
	}
	if (optind + 1 != argc)
		goto usage;
	rows = strtoull(argv[optind], &end, 10);
	if (*argv[optind] == '\0' || *end != '\0' || rows > 100000000)
		goto usage;
	rng_state = seed;
	make_places();
	if (date_from_ymd(2015, 1, 1, &first) != 0 || date_from_ymd(2024, 12, 31, &last) != 0)
		return 1;
	span = last - first + 1;
	puts_("event_id_cnty,event_date,year,time_precision,disorder_type,event_type,"
	    "sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,"
	    "interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,location,"
	    "latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,"
	    "timestamp\n");
	/* newest first, as the export is sorted */
	for (i = 0; i < rows; i++)
		row(last - (day_t)(i * (uint64_t)span / (rows ? rows : 1)), (uint32_t)i);
	flush_out();
	free(locs);
	return 0;
usage:
	fprintf(stderr, "usage: acledgen [-s SEED] ROWS >file.csv\n");
	return 2;
}
