/* viewport.h: projected metres <-> canvas sub-pixels; pure affine arithmetic. */
#ifndef SITMAP_VIEWPORT_H
#define SITMAP_VIEWPORT_H

#include "geo.h"

/*
 * The map area is w_px x h_px sub-pixels starting at (x0_px, y0_px) on the
 * canvas; y grows downwards. A sub-pixel is px_aspect times as tall as it is
 * wide on screen (1 for braille, 2 for 2x2 blocks), so y metres are scaled by
 * that much more to keep the map's shape.
 */
struct viewport {
	double	cx_m, cy_m;	/* map point at the centre of the area */
	double	m_per_px;	/* metres per sub-pixel, horizontally */
	double	px_aspect;
	int	x0_px, y0_px, w_px, h_px;
};

/* Fits bbox (metres) into the area with a margin fraction on each side. */
void	vp_fit(struct viewport *, const struct geo_bbox *, double margin);
/* Zooms by factor (> 1 zooms in) keeping the map point under (px, py) fixed. */
void	vp_zoom(struct viewport *, double factor, double px, double py);
/* Moves the view by a distance in sub-pixels (positive dx shows what lies east). */
void	vp_pan(struct viewport *, double dx_px, double dy_px);
void	vp_to_px(const struct viewport *, double x_m, double y_m, double *px, double *py);
void	vp_from_px(const struct viewport *, double px, double py, double *x_m, double *y_m);
/*
 * The widest scale (metres per sub-pixel) to zoom out to: where the home
 * extent is still min_cells cells of dx sub-pixels wide, or the scale that
 * fits it in the area (vp_fit() with margin) if that is wider. Beyond it
 * the country would shrink to a speck under its own markers.
 */
double	vp_widest(const struct viewport *, const struct geo_bbox *home, double margin,
	    int min_cells, int dx);
/* The area's extent in metres. */
void	vp_bbox(const struct viewport *, struct geo_bbox *);

#endif
