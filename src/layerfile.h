/* layerfile.h: a map layer file, by the reader it needs: shapefile or GeoJSON. */
#ifndef SITMAP_LAYERFILE_H
#define SITMAP_LAYERFILE_H

#include "geo.h"

/*
 * The reader is chosen by name, then by content: a shapefile part's
 * extension (.shp, .shx, .dbf), or a path whose .shp exists (shapelib's
 * rule: "maps/rivers" is maps/rivers.shp), is a shapefile; .geojson and
 * .json are GeoJSON; anything else is what its first bytes say (a
 * shapefile's file code, or '{' after blanks), decompressed. Else "FILE:
 * not a shapefile or GeoJSON: convert it with ogr2ogr -f 'ESRI Shapefile'
 * OUT.shp FILE". GeoJSON is read through instream.h: "-" (standard
 * input), a pipe, gzip, the .json member of a zip.
 */

/*
 * The layer cache key of path under proj (cache_key()): naming every file
 * the reader reads, so that a change to any of them is a miss. NULL when
 * the cache is off or path has no identity (a pipe).
 */
char			*layerfile_cache_key(const char *path, const char *proj);
/*
 * The lon/lat box of a layer file, for choosing a projection; 0, or -1 if
 * unknown. A shapefile's header says it (shp_peek_bbox()); a GeoJSON file
 * has none, so it is read, its box kept in the cache by the file's
 * identity, and the layer kept for the layerfile_load() of the same path
 * that follows (so that a first run reads the file once).
 */
int			 layerfile_peek_bbox(const char *path, struct geo_bbox *);
/* Loads path with shp_load() or geojson_load(); NULL with *cause. */
struct geo_layer	*layerfile_load(const char *path, char **cause);

#endif
