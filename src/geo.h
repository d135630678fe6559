/* geo.h: points, layers of shapes, bounding boxes, breaks and levels of detail; no library. */
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

#define GEO_NLOD	3	/* levels of detail: see GEO_LOD_TOLERANCES */

/*
 * Who owns a layer's memory: the one thing geo_layer_free() asks. A layer
 * read from a shapefile (or built by hand) owns each of its arrays and
 * strings: block is NULL. A layer made from a cache entry has its arrays
 * and strings in the entry, one block, malloc'd or mmap()ed, and owns that
 * block instead (its fields and attrs are arrays of pointers into it).
 */
struct geo_store {
	void		*block;		/* NULL: every array and string is its own */
	size_t		 mapped;	/* block is mmap()ed, this many bytes; 0: malloc'd */
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
	struct geo_bbox	*chunks;	/* see geo_lod_projected(); NULL until then */
	int		 in_degrees;	/* pts are still lon/lat: see geo_lod_projected() */
	double		 units_per_deg;	/* map units per degree, for geo_layer_level() */
	struct geo_bbox	 deg_bbox;	/* the coarsest level's, in lon/lat */
	struct geo_lod {		/* the same parts with fewer vertices */
		uint32_t	*parts;		/* nparts + 1 entries, into pts */
		struct geo_pt	*pts;
		size_t		 npts;
		struct geo_bbox	*boxes;		/* each shape's, once pts are projected */
		int		 absent;	/* built, and not worth keeping */
	}		 lod[GEO_NLOD];	/* see geo_layer_build_level() */
	int		 nlod;		/* levels the layer has (built or not): 0 or GEO_NLOD */
	struct geo_store store;		/* where the arrays and strings above live */
};

/*
 * Level k keeps, of each part, its ends, its breaks and every vertex at
 * least tolerance k degrees (on either axis) from the last one kept; a part
 * smaller than that is a dot. Levels are built when first needed. The
 * choice is made in lon/lat, before projecting, so that a level can be
 * projected on its own: the first frame of a world map projects a few
 * thousand vertices instead of half a million, and draws exactly what a
 * frame from the cache (where every level is projected) draws. Cached
 * levels are these: a change here or in how levels are built must change
 * FORMAT in cache.c.
 */
#define GEO_LOD_TOLERANCES	{ 0.025, 0.1, 0.3 }

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
/*
 * Builds level k (< nlod) from the points, which must still be lon/lat
 * (in_degrees). It stays in lon/lat until projected. A level that keeps
 * more than half of the vertices saves too little for its memory: it is
 * marked absent, and finer levels (or every vertex) are drawn instead.
 */
void		 geo_layer_build_level(struct geo_layer *, int k);
/*
 * To be called once level k's points (k < 0: the layer's own points) have
 * been projected in place: builds each shape's box of that level (k < 0:
 * shapes[].bbox and the chunk boxes, and clears in_degrees: build every
 * level first). The coarsest level (the points themselves if there are no
 * levels) must come first: its boxes make the layer's bbox and its extent
 * sets units_per_deg.
 */
void		 geo_lod_projected(struct geo_layer *, int k);
/* The coarsest level not known to be absent, or -1 when there is none. */
int		 geo_layer_coarsest(const struct geo_layer *);
/*
 * The level to draw at units_per_px map units per dot: the coarsest (not
 * absent) whose dropped vertices lie within a third of a dot, or -1 for
 * every vertex.
 */
int		 geo_layer_level(const struct geo_layer *, double units_per_px);
/* 1 if level k (k < 0: every vertex) is projected and can be drawn. */
int		 geo_layer_level_ready(const struct geo_layer *, int k);
/*
 * Gives dst, a layer read from the same files as src whose points are still
 * lon/lat (in_degrees) and its own, copies of the levels src has projected
 * and lacks, the levels src knows to be absent, and src's box and scale:
 * a cache entry's levels, so that only those it lacks are projected anew.
 * -1 (dst unchanged) if the two differ in kind, shapes or parts.
 */
int		 geo_layer_adopt(struct geo_layer *dst, const struct geo_layer *src);
/* Index of the field named name (case-insensitive), or -1. */
int		 geo_layer_field(const struct geo_layer *, const char *name);
/* Attribute of shape s in field f (-1 gives ""); borrowed from the layer. */
const char	*geo_layer_attr(const struct geo_layer *, size_t s, int f);
/* Signed area of a ring (shoelace); positive when counter-clockwise. */
double		 geo_ring_area(const struct geo_pt *pts, size_t n);
/*
 * Breaks every part, by inserting a NAN vertex (renderers skip segments
 * that touch one), between two vertices lon/lat that must not be joined:
 * across the antimeridian (more than 180 degrees apart in longitude, a
 * line that would smear across a world map), and, if clip is not NULL,
 * along a side of clip, the box a layer of polygons was cut to (the
 * neighbours), where there is no border at all. Returns how many breaks
 * were made.
 */
size_t		 geo_layer_break(struct geo_layer *, const struct geo_bbox *clip);
/*
 * Keeps only the shapes s with keep[s] != 0, in order, and their parts,
 * points and attributes, in place; the boxes are recomputed. For a layer
 * just read (its own arrays, no level built yet). Returns the shapes kept.
 */
size_t		 geo_layer_cut(struct geo_layer *, const unsigned char *keep);
/* Frees a layer whatever owns its memory (see struct geo_store); NULL is fine. */
void		 geo_layer_free(struct geo_layer *);


#endif
