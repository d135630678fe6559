/* shp.h: shapefile -> geo_layer in lon/lat degrees; the only door to shapelib. */
#ifndef SITMAP_SHP_H
#define SITMAP_SHP_H

#include <stddef.h>
#include "geo.h"

#define SHP_MAX_SHAPES		1000000
#define SHP_MAX_VERTICES	20000000	/* per layer */
#define SHP_MAX_PRJ		65536

/* The files of a layer, in the order shp_layer_files() gives them. */
enum { SHP_FILE_SHP, SHP_FILE_SHX, SHP_FILE_DBF, SHP_FILE_PRJ, SHP_FILE_CPG,
	SHP_NFILES };

/*
 * The files shp_load(path) reads: path's stem (its extension stripped as
 * shapelib does: "m.x" is "m") with each extension, in the case of the one
 * given ("m.Shp" looks for "m.Dbf"), else lower case, else upper case,
 * whichever exists first; one that exists in none is named in the first.
 * What a layer's cache key must name, so that the two cannot disagree.
 * Allocated: the caller frees each.
 */
void			 shp_layer_files(const char *path, char *files[SHP_NFILES]);

/*
 * Loads path (the .shp; .shx and .dbf beside it, .prj and .cpg optional:
 * see shp_layer_files()). Every part must be a regular file: shapelib seeks
 * ("FILE: not a regular file" for a FIFO or device, refused before a byte
 * is read). A layer with nothing to draw (no records, or only null, empty
 * or degenerate ones) is an error too: an empty map must not pass for a
 * drawn one. A .prj may start with a UTF-8 BOM.
 * Polygons (with holes), polylines and points, Z/M variants read as 2D;
 * null shapes are skipped. Validates what shapelib does not: part start
 * indices, counts, finite coordinates, lon/lat range for geographic data,
 * .shp/.dbf record counts. A .prj other than geographic WGS 84 is converted
 * to lon/lat with prj_to_lonlat(). Returns NULL with *cause set to an
 * allocated message naming the file and the shape index. Library messages
 * never reach stderr. Caller frees with geo_layer_free().
 */
struct geo_layer	*shp_load(const char *path, char **cause);

/*
 * The same loader over memory: the fuzz entry point. name is used in
 * messages and as the layer name. dbf may be NULL (no attributes), prj NULL.
 */
struct geo_layer	*shp_load_mem(const char *name,
			    const void *shp, size_t shp_len,
			    const void *shx, size_t shx_len,
			    const void *dbf, size_t dbf_len,
			    const char *prj, size_t prj_len, char **cause);

/*
 * The bounding box in the .shp header, read without shapelib: cheap, and
 * untrusted (only for choosing a projection). 0, or -1 if unreadable.
 */
int			 shp_peek_bbox(const char *path, struct geo_bbox *);

/*
 * The values of one field of a layer's .dbf (path names the .shp, as
 * shp_load() takes it), read without shapelib: cheap, for choosing what to
 * load. Each sanitised, trailing blanks cut; deleted records left out.
 * Returns how many (*values allocated, each value too), or 0 (*values
 * NULL) if the file or the field cannot be read.
 */
size_t			 shp_peek_column(const char *path, const char *field, char ***values);

/*
 * Polygon and polyline records are read in place in the mapped .shp, with
 * the checks shapelib makes, and whatever those refuse goes through
 * shapelib: on (the default) or off, every record through shapelib. The
 * two give the same layers and the same errors; tests compare them.
 */
void			 shp_read_in_place(int on);

/* shapelib's version as built against, e.g. "1.5.0". */
const char		*shp_version(void);

#endif
