/* geo.h: points, layers of shapes and bounding boxes; plain C, no library. */
#ifndef SITMAP_GEO_H
#define SITMAP_GEO_H

#include <stddef.h>
#include <stdint.h>

/* x is longitude or easting, y latitude or northing; never the other way round. */
struct geo_pt {
	double	x, y;
};

struct geo_bbox {
	double	x0, y0, x1, y1;		/* empty when x0 > x1 */
};

enum geo_kind { GEO_POINT, GEO_LINE, GEO_POLY };

/*
 * A shape is a run of parts; part i of the layer covers vertices
 * parts[i] .. parts[i + 1] - 1 (parts has nparts + 1 entries, the last being
 * npts). Polygon rings are closed (last vertex repeats the first) and holes
 * are just more rings: fills use the even-odd rule.
 */
struct geo_shape {
	uint32_t	 first_part;
	uint32_t	 nparts;
	struct geo_bbox	 bbox;
};

struct geo_layer {
	char		*name;		/* file stem, e.g. "rivers" */
	char		*path;		/* as given by the user (sanitised) */
	enum geo_kind	 kind;
	size_t		 nshapes;
	struct geo_shape *shapes;
	size_t		 nparts;
	uint32_t	*parts;		/* nparts + 1 entries */
	size_t		 npts;
	struct geo_pt	*pts;
	size_t		 nfields;
	char		**fields;	/* field names, sanitised */
	char		**attrs;	/* nshapes * nfields values, sanitised, "" for NULL */
	struct geo_bbox	 bbox;
	struct geo_bbox	*chunks;	/* see geo_layer_index(); NULL until then */
	char		*strings;	/* if set, fields and attrs point into it */
	struct geo_lod {		/* the same parts with fewer vertices */
		uint32_t	*parts;		/* nparts + 1 entries, into pts */
		struct geo_pt	*pts;
		size_t		 npts;
	}		 lod[2];	/* see geo_layer_index() */
	void		*blob;		/* if set, the arrays above live in it (a cache entry) */
	size_t		 blob_mapped;	/* if not 0, blob is mmap()ed with this length */
};

/*
 * Level k drops every vertex closer than tolerance k (metres, on either
 * axis) to the last one kept; the ends of each part and breaks stay.
 */
#define GEO_NLOD		2
#define GEO_LOD_TOLERANCES	{ 3000.0, 24000.0 }

/*
 * Chunk k covers vertices k * GEO_CHUNK .. (k + 1) * GEO_CHUNK inclusive,
 * so a frame zoomed in skips most of a long ring without losing a segment.
 */
#define GEO_CHUNK	64

void		 geo_bbox_empty(struct geo_bbox *);
void		 geo_bbox_add(struct geo_bbox *, double x, double y);
void		 geo_bbox_union(struct geo_bbox *, const struct geo_bbox *);
int		 geo_bbox_overlaps(const struct geo_bbox *, const struct geo_bbox *);
/* Recomputes every shape's bbox and the layer's from the points; non-finite points are ignored. */
void		 geo_layer_update_bbox(struct geo_layer *);
/* Builds the chunk boxes and the levels of detail for the current points. */
void		 geo_layer_index(struct geo_layer *);
/* Index of the field named name (case-insensitive), or -1. */
int		 geo_layer_field(const struct geo_layer *, const char *name);
/* Attribute of shape s in field f (-1 gives ""); borrowed from the layer. */
const char	*geo_layer_attr(const struct geo_layer *, size_t s, int f);
/* Signed area of a ring (shoelace); positive when counter-clockwise. */
double		 geo_ring_area(const struct geo_pt *pts, size_t n);
/*
 * Breaks every part between vertices i-1 and i where cut(a, b, ctx) is true,
 * by inserting a NAN vertex there (renderers skip segments that touch one).
 * Returns how many breaks were made.
 */
size_t		 geo_layer_break(struct geo_layer *,
		    int (*cut)(const struct geo_pt *a, const struct geo_pt *b, void *ctx),
		    void *ctx);
void		 geo_layer_free(struct geo_layer *);	/* NULL is fine */

#endif
