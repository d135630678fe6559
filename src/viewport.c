/* viewport.c: affine view maths; no projection happens here. */
#include "viewport.h"

#include <math.h>

void
vp_fit(struct viewport *vp, const struct geo_bbox *b, double margin)
{
	double w_m = b->x1 - b->x0, h_m = b->y1 - b->y0;
	double sx, sy;

	if (!(w_m > 0))
		w_m = 1000;
	if (!(h_m > 0))
		h_m = 1000;
	vp->cx_m = (b->x0 + b->x1) / 2;
	vp->cy_m = (b->y0 + b->y1) / 2;
	if (!isfinite(vp->cx_m) || !isfinite(vp->cy_m))
		vp->cx_m = vp->cy_m = 0;
	sx = w_m * (1 + 2 * margin) / (vp->w_px > 0 ? vp->w_px : 1);
	sy = h_m * (1 + 2 * margin) / ((vp->h_px > 0 ? vp->h_px : 1) * vp->px_aspect);
	vp->m_per_px = sx > sy ? sx : sy;
}

void
vp_zoom(struct viewport *vp, double factor, double px, double py)
{
	double x, y, nx, ny;

	if (!(factor > 0))
		return;
	vp_from_px(vp, px, py, &x, &y);
	vp->m_per_px /= factor;
	/* keep the point under the pointer where it was */
	vp_from_px(vp, px, py, &nx, &ny);
	vp->cx_m += x - nx;
	vp->cy_m += y - ny;
}

void
vp_pan(struct viewport *vp, double dx_px, double dy_px)
{
	vp->cx_m += dx_px * vp->m_per_px;
	vp->cy_m -= dy_px * vp->m_per_px * vp->px_aspect;
}

void
vp_to_px(const struct viewport *vp, double x_m, double y_m, double *px, double *py)
{
	*px = vp->x0_px + vp->w_px / 2.0 + (x_m - vp->cx_m) / vp->m_per_px;
	*py = vp->y0_px + vp->h_px / 2.0 - (y_m - vp->cy_m) /
	    (vp->m_per_px * vp->px_aspect);
}

void
vp_from_px(const struct viewport *vp, double px, double py, double *x_m, double *y_m)
{
	*x_m = vp->cx_m + (px - vp->x0_px - vp->w_px / 2.0) * vp->m_per_px;
	*y_m = vp->cy_m - (py - vp->y0_px - vp->h_px / 2.0) * vp->m_per_px *
	    vp->px_aspect;
}

void
vp_bbox(const struct viewport *vp, struct geo_bbox *b)
{
	vp_from_px(vp, vp->x0_px, vp->y0_px + vp->h_px, &b->x0, &b->y0);
	vp_from_px(vp, vp->x0_px + vp->w_px, vp->y0_px, &b->x1, &b->y1);
}

double
vp_widest(const struct viewport *vp, const struct geo_bbox *home, double margin,
    int min_cells, int dx)
{
	struct viewport fit = *vp;
	double w = home->x1 - home->x0, lim;

	vp_fit(&fit, home, margin);
	lim = w > 0 && min_cells > 0 && dx > 0 ? w / ((double)min_cells * dx) : fit.m_per_px;
	return lim > fit.m_per_px ? lim : fit.m_per_px;
}
