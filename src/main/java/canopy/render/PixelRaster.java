package canopy.render;

import java.util.Arrays;

/**
 * An image of premultiplied ARGB pixels (the int layout JavaFX calls IntArgbPre) with antialiased
 * drawing of the few shapes the diagram's base layer is made of: rectangles, circles, rings, rounded
 * rectangles, line segments and convex polygons.
 *
 * <p>Why it exists: JavaFX's software rasteriser spends about 3 µs on each antialiased line, so a
 * 4,000-link diagram costs more than a frame. Here each shape is scanned row by row and only the
 * pixels at its edge get a coverage computed; runs inside it are filled.
 *
 * <p>Coverage is the box-filtered area estimated from the signed distance of the pixel's centre to
 * the edge, clamped to [0, 1]: exact for straight edges, within a few percent for curves of radius
 * above a pixel. A batch of overlapping translucent shapes ({@link #beginUnion()}) is blended once
 * through a coverage mask, as a path's union would be, so overlaps do not darken.
 */
public final class PixelRaster implements RasterTarget {
    private static final int FULL = 256;

    private int width;
    private int height;
    private int[] pixels = new int[0];
    /** Rows this view draws into: [clipTop, clipBottom). A band view shares the pixels of its raster. */
    private int clipTop;
    private int clipBottom;
    /** The colour being drawn, premultiplied, and its alpha 0..255. */
    private int colour = 0xff000000;
    private int alpha = 255;
    private byte[] mask;
    private boolean masking;
    private int maskMinX;
    private int maskMinY;
    private int maskMaxX;
    private int maskMaxY;

    /** Makes the image w × h pixels; its content is undefined until {@link #clear}. */
    public void resize(int w, int h) {
        if (w < 0 || h < 0) {
            throw new IllegalArgumentException("negative size " + w + " x " + h);
        }
        width = w;
        height = h;
        clipTop = 0;
        clipBottom = h;
        if (pixels.length < w * h) {
            pixels = new int[w * h];
            mask = null;
        }
    }

    /**
     * A view that draws into rows [top, bottom) of this raster's pixels only, with its own colour
     * and union state: bands drawn by different threads do not interfere.
     */
    public PixelRaster band(int top, int bottom) {
        if (mask == null || mask.length < width * height) {
            mask = new byte[Math.max(1, width * height)];
        }
        PixelRaster b = new PixelRaster();
        b.width = width;
        b.height = height;
        b.pixels = pixels;
        b.mask = mask;
        b.clipTop = Math.max(0, top);
        b.clipBottom = Math.min(height, bottom);
        return b;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** The pixels, row by row, width() per row (the array may be longer). */
    public int[] pixels() {
        return pixels;
    }

    /** The premultiplied ARGB of pixel (x, y). */
    public int pixel(int x, int y) {
        return pixels[y * width + x];
    }

    /** Fills every pixel (of this view's rows) with argb (straight, not premultiplied, alpha). */
    @Override
    public void clear(int argb) {
        Arrays.fill(pixels, clipTop * width, clipBottom * width, premultiply(argb));
    }

    /** The colour of the shapes that follow (straight ARGB). */
    @Override
    public void setColour(int argb) {
        colour = premultiply(argb);
        alpha = argb >>> 24;
    }

    static int premultiply(int argb) {
        int a = argb >>> 24;
        if (a == 255) {
            return argb;
        }
        int r = ((argb >> 16) & 255) * a / 255;
        int g = ((argb >> 8) & 255) * a / 255;
        int b = (argb & 255) * a / 255;
        return (a << 24) | (r << 16) | (g << 8) | b;
    }

    /**
     * Until {@link #endUnion()}, shapes of a translucent colour are collected as one: where they
     * overlap, the colour is applied once. (Opaque shapes need no mask: they cover what is below.)
     */
    @Override
    public void beginUnion() {
        if (alpha == 255 || masking) {
            return;
        }
        if (mask == null || mask.length < width * height) {
            mask = new byte[Math.max(1, width * height)];
        }
        masking = true;
        maskMinX = Integer.MAX_VALUE;
        maskMinY = Integer.MAX_VALUE;
        maskMaxX = -1;
        maskMaxY = -1;
    }

    /** Blends the shapes collected since {@link #beginUnion()}. */
    @Override
    public void endUnion() {
        if (!masking) {
            return;
        }
        masking = false;
        for (int y = maskMinY; y <= maskMaxY; y++) {
            int row = y * width;
            for (int x = maskMinX; x <= maskMaxX; x++) {
                int m = mask[row + x] & 255;
                if (m != 0) {
                    mask[row + x] = 0;
                    blend(row + x, m == 255 ? FULL : m);
                }
            }
        }
    }

    // ---------------------------------------------------------------- coverage sinks

    private void blend(int i, int cov) {
        if (cov >= FULL) {
            if (alpha == 255) {
                pixels[i] = colour;
                return;
            }
            cov = FULL;
        }
        // Source over destination, premultiplied, two channels per multiply: s·cov + d·(1 − sa·cov).
        // Both products of a channel are summed before the shift (they fit in 16 bits), so opaque
        // half coverage over opaque stays opaque.
        int c = colour;
        int d = pixels[i];
        int inv = FULL - ((alpha * cov + 255) >> 8);
        int rb = (((c & 0xff00ff) * cov + (d & 0xff00ff) * inv + 0x800080) >>> 8) & 0xff00ff;
        int ag = (((c >>> 8) & 0xff00ff) * cov + ((d >>> 8) & 0xff00ff) * inv + 0x800080) & 0xff00ff00;
        pixels[i] = ag | rb;
    }

    private static double distance(double a, double b) {
        return Math.sqrt(a * a + b * b);
    }

    /** Pixel (x, y) gets coverage cov (0..256); clipped to the image. */
    private void cover(int x, int y, int cov) {
        if (cov <= 0 || x < 0 || y < clipTop || x >= width || y >= clipBottom) {
            return;
        }
        if (masking) {
            int i = y * width + x;
            int m = Math.min(255, cov);
            if ((mask[i] & 255) < m) {
                mask[i] = (byte) m;
            }
            growMask(x, x, y);
        } else {
            blend(y * width + x, Math.min(FULL, cov));
        }
    }

    /** Pixels x0..x1 of row y get coverage cov; clipped to the image. */
    private void coverRun(int x0, int x1, int y, int cov) {
        if (cov <= 0 || y < clipTop || y >= clipBottom) {
            return;
        }
        x0 = Math.max(0, x0);
        x1 = Math.min(width - 1, x1);
        if (x0 > x1) {
            return;
        }
        int row = y * width;
        if (masking) {
            byte m = (byte) Math.min(255, cov);
            for (int x = x0; x <= x1; x++) {
                if ((mask[row + x] & 255) < (m & 255)) {
                    mask[row + x] = m;
                }
            }
            growMask(x0, x1, y);
        } else if (cov >= FULL && alpha == 255) {
            Arrays.fill(pixels, row + x0, row + x1 + 1, colour);
        } else {
            int c = Math.min(FULL, cov);
            for (int x = x0; x <= x1; x++) {
                blend(row + x, c);
            }
        }
    }

    private void growMask(int x0, int x1, int y) {
        maskMinX = Math.min(maskMinX, x0);
        maskMaxX = Math.max(maskMaxX, x1);
        maskMinY = Math.min(maskMinY, y);
        maskMaxY = Math.max(maskMaxY, y);
    }

    /** Coverage 0..256 from a signed distance (pixels, positive inside) capped at max (0..1). */
    private static int coverage(double d, double max) {
        double c = Math.min(d + 0.5, max);
        return c <= 0 ? 0 : c >= 1 ? FULL : (int) (c * FULL + 0.5);
    }

    // ---------------------------------------------------------------- shapes

    /** An axis-aligned rectangle, its fractional edges antialiased (box-filtered exactly). */
    @Override
    public void fillRect(double x, double y, double w, double h) {
        if (!(w > 0) || !(h > 0)) {
            return;
        }
        double x1 = x + w;
        double y1 = y + h;
        int px0 = (int) Math.floor(Math.max(0, x));
        int px1 = (int) Math.ceil(Math.min(width, x1)) - 1;
        int py0 = (int) Math.floor(Math.max(clipTop, y));
        int py1 = (int) Math.ceil(Math.min(clipBottom, y1)) - 1;
        if (px0 > px1) {
            return;
        }
        for (int py = py0; py <= py1; py++) {
            double cy = Math.min(py + 1, y1) - Math.max(py, y);
            if (cy <= 0) {
                continue;
            }
            double leftCov = Math.min(px0 + 1, x1) - Math.max(px0, x);
            double rightCov = Math.min(px1 + 1, x1) - Math.max(px1, x);
            if (px0 == px1) {
                cover(px0, py, (int) (leftCov * cy * FULL + 0.5));
                continue;
            }
            cover(px0, py, (int) (leftCov * cy * FULL + 0.5));
            coverRun(px0 + 1, px1 - 1, py, (int) (cy * FULL + 0.5));
            cover(px1, py, (int) (rightCov * cy * FULL + 0.5));
        }
    }

    /** A filled circle. */
    @Override
    public void fillCircle(double cx, double cy, double r) {
        if (!(r > 0)) {
            return;
        }
        // Radii under a pixel: the centre's coverage caps at the disc's area (and no pixel is wholly inside).
        double cap = Math.min(1, Math.PI * r * r);
        discRows(cx, cy, r + 0.5, cap >= 1 ? r - 0.5 : 0, (y, dy, xa, xb, fa, fb) -> {
            for (int x = xa; x < Math.min(fa, xb + 1); x++) {
                cover(x, y, coverage(r - distance(x + 0.5 - cx, dy), cap));
            }
            if (fa <= fb) {
                coverRun(fa, fb, y, FULL);
            }
            for (int x = Math.max(fb + 1, fa); x <= xb; x++) {
                cover(x, y, coverage(r - distance(x + 0.5 - cx, dy), cap));
            }
        });
    }

    /** A circle's outline of the given width, centred on radius r. */
    @Override
    public void strokeCircle(double cx, double cy, double r, double lineWidth) {
        if (!(r > 0) || !(lineWidth > 0)) {
            return;
        }
        double hw = lineWidth / 2;
        double outer = r + hw;
        double inner = r - hw;
        double cap = Math.min(1, lineWidth);
        // Pixels well inside the hole are skipped.
        discRows(cx, cy, outer + 0.5, inner - 0.5, (y, dy, xa, xb, ha, hb) -> {
            for (int x = xa; x <= xb; x++) {
                if (x >= ha && x <= hb) {
                    x = hb;
                    continue;
                }
                double dist = distance(x + 0.5 - cx, dy);
                cover(x, y, coverage(Math.min(outer - dist, dist - inner), cap));
            }
        });
    }

    /** One pixel row of a disc: its columns xa..xb, and ia..ib of them wholly inside (ia > ib: none). */
    private interface DiscRow {
        void visit(int y, double dy, int xa, int xb, int ia, int ib);
    }

    /**
     * Calls row for each pixel row inside the clip that a disc of radius outer around (cx, cy) touches, with
     * the columns it touches and those whose centres lie within radius inner (none when inner ≤ 0): how the
     * circle fill and the circle outline find their edge pixels and their solid or empty middle.
     */
    private void discRows(double cx, double cy, double outer, double inner, DiscRow row) {
        int y0 = (int) Math.floor(cy - outer);
        int y1 = (int) Math.ceil(cy + outer);
        for (int y = Math.max(clipTop, y0); y <= Math.min(clipBottom - 1, y1); y++) {
            double dy = y + 0.5 - cy;
            if (Math.abs(dy) >= outer) {
                continue;
            }
            double xo = Math.sqrt(outer * outer - dy * dy);
            int xa = Math.max(0, (int) Math.ceil(cx - xo - 0.5));
            int xb = Math.min(width - 1, (int) Math.floor(cx + xo - 0.5));
            int ia = xb + 1;
            int ib = xb;
            if (inner > 0 && Math.abs(dy) < inner) {
                double xi = Math.sqrt(inner * inner - dy * dy);
                ia = (int) Math.ceil(cx - xi - 0.5);
                ib = (int) Math.floor(cx + xi - 0.5);
            }
            row.visit(y, dy, xa, xb, ia, ib);
        }
    }

    /** A rounded rectangle with corner radius arc. */
    @Override
    public void fillRoundRect(double x, double y, double w, double h, double arc) {
        if (!(w > 0) || !(h > 0)) {
            return;
        }
        double rad = Math.max(0, Math.min(arc, Math.min(w, h) / 2));
        double cx = x + w / 2;
        double cy = y + h / 2;
        double hx = w / 2 - rad;
        double hy = h / 2 - rad;
        double cap = Math.min(1, Math.min(w, h));
        int y0 = Math.max(clipTop, (int) Math.floor(y - 0.5));
        int y1 = Math.min(clipBottom - 1, (int) Math.ceil(y + h + 0.5));
        int x0 = Math.max(0, (int) Math.floor(x - 0.5));
        int x1 = Math.min(width - 1, (int) Math.ceil(x + w + 0.5));
        if (x0 > x1) {
            return;
        }
        int mid = Math.max(x0, Math.min(x1, (int) Math.floor(cx)));
        for (int py = y0; py <= y1; py++) {
            double qy = Math.abs(py + 0.5 - cy) - hy;
            // Convex: coverage along a row rises, stays, falls. Scan in from both ends to the plateau.
            int plateau = roundRectCoverage(Math.abs(mid + 0.5 - cx) - hx, qy, rad, cap);
            if (plateau == 0) {
                continue;
            }
            int left = x0;
            int right = x1;
            while (left <= right) {
                int c = roundRectCoverage(Math.abs(left + 0.5 - cx) - hx, qy, rad, cap);
                if (c >= plateau) {
                    break;
                }
                cover(left, py, c);
                left++;
            }
            while (right >= left) {
                int c = roundRectCoverage(Math.abs(right + 0.5 - cx) - hx, qy, rad, cap);
                if (c >= plateau) {
                    break;
                }
                cover(right, py, c);
                right--;
            }
            coverRun(left, right, py, plateau);
        }
    }

    /**
     * Coverage of a pixel of a rounded box: qx, qy are the centre's distances beyond the box's
     * inner (corner-centre) rectangle, negative inside it.
     */
    private static int roundRectCoverage(double qx, double qy, double rad, double cap) {
        double ox = Math.max(qx, 0);
        double oy = Math.max(qy, 0);
        double sd = Math.sqrt(ox * ox + oy * oy) + Math.min(Math.max(qx, qy), 0) - rad;
        return coverage(-sd, cap);
    }

    /**
     * A straight stroke from a to b of the given width. Round ends reach lineWidth / 2 beyond the
     * point (used where a polyline turns, so joints show no notch); butt ends stop at it.
     */
    @Override
    public void strokeSegment(double ax, double ay, double bx, double by, double lineWidth,
                              boolean roundA, boolean roundB) {
        if (!(lineWidth > 0)) {
            return;
        }
        double dx = bx - ax;
        double dy = by - ay;
        double len = distance(dx, dy);
        double hw = lineWidth / 2;
        if (len < 1e-9) {
            if (roundA || roundB) {
                fillCircle(ax, ay, hw);
            }
            return;
        }
        double ux = dx / len;
        double uy = dy / len;
        // A pixel is k wide across the line (1 along an axis, √2 at 45°): coverage ramps over k, so a
        // thin diagonal line keeps its weight.
        double k = Math.abs(ux) + Math.abs(uy);
        double half = k / 2;
        double cap = Math.min(1, lineWidth / k);
        double roundCap = Math.min(1, lineWidth);
        double reach = hw + half;
        double extA = roundA ? hw : 0;
        double extB = roundB ? hw : 0;
        double minX = Math.min(ax - ux * extA, bx + ux * extB) - reach;
        double maxX = Math.max(ax - ux * extA, bx + ux * extB) + reach;
        double minY = Math.min(ay - uy * extA, by + uy * extB) - reach;
        double maxY = Math.max(ay - uy * extA, by + uy * extB) + reach;
        int py0 = Math.max(clipTop, (int) Math.ceil(minY - 0.5));
        int py1 = Math.min(clipBottom - 1, (int) Math.floor(maxY - 0.5));
        int bx0 = Math.max(0, (int) Math.ceil(minX - 0.5));
        int bx1 = Math.min(width - 1, (int) Math.floor(maxX - 0.5));
        for (int py = py0; py <= py1; py++) {
            int row = py * width;
            double yc = py + 0.5 - ay;
            int xs = bx0;
            int xe = bx1;
            if (Math.abs(uy) > 1e-9) {
                // The band |n| <= reach crosses this row over an interval of x.
                double xa = (yc * ux - reach) / uy;
                double xb = (yc * ux + reach) / uy;
                xs = Math.max(xs, (int) Math.ceil(ax + Math.min(xa, xb) - 0.5));
                xe = Math.min(xe, (int) Math.floor(ax + Math.max(xa, xb) - 0.5));
            }
            for (int px = xs; px <= xe; px++) {
                double xc = px + 0.5 - ax;
                double t = xc * ux + yc * uy;
                double n = Math.abs(-xc * uy + yc * ux);
                double c = (reach - n) / k;
                if (t < 0) {
                    c = roundA ? Math.min(hw - distance(t, n) + 0.5, roundCap) : Math.min(c, (t + half) / k);
                } else if (t > len) {
                    c = roundB ? Math.min(hw - distance(t - len, n) + 0.5, roundCap)
                            : Math.min(c, (len - t + half) / k);
                }
                if (c <= 0) {
                    continue;
                }
                int cov = c >= cap ? (int) (cap * FULL + 0.5) : (int) (c * FULL + 0.5);
                if (masking) {
                    cover(px, py, cov);
                } else if (cov > 0) {
                    blend(row + px, cov);
                }
            }
        }
    }

    /**
     * A convex polygon of n points (xy: x0, y0, x1, y1, …, either winding). Coverage is from the
     * nearest edge, so the corners are slightly rounded (by under half a pixel).
     */
    @Override
    public void fillConvexPolygon(double[] xy, int n) {
        if (n < 3) {
            return;
        }
        double area2 = 0;
        double minX = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            int j = (i + 1) % n;
            area2 += xy[2 * i] * xy[2 * j + 1] - xy[2 * j] * xy[2 * i + 1];
            minX = Math.min(minX, xy[2 * i]);
            maxX = Math.max(maxX, xy[2 * i]);
            minY = Math.min(minY, xy[2 * i + 1]);
            maxY = Math.max(maxY, xy[2 * i + 1]);
        }
        if (Math.abs(area2) < 1e-12) {
            return;
        }
        // Inward unit normals (nx, ny) and offsets: inside when nx·x + ny·y + c >= 0 for every edge.
        double sign = area2 > 0 ? 1 : -1;
        double[] nx = new double[n];
        double[] ny = new double[n];
        double[] c = new double[n];
        int edges = 0;
        for (int i = 0; i < n; i++) {
            int j = (i + 1) % n;
            double ex = xy[2 * j] - xy[2 * i];
            double ey = xy[2 * j + 1] - xy[2 * i + 1];
            double len = distance(ex, ey);
            if (len < 1e-12) {
                continue;
            }
            nx[edges] = -ey / len * sign;
            ny[edges] = ex / len * sign;
            c[edges] = -(nx[edges] * xy[2 * i] + ny[edges] * xy[2 * i + 1]);
            edges++;
        }
        double cap = Math.min(1, Math.abs(area2) / 2);
        int py0 = Math.max(clipTop, (int) Math.floor(minY - 0.5));
        int py1 = Math.min(clipBottom - 1, (int) Math.ceil(maxY + 0.5));
        int px0 = Math.max(0, (int) Math.floor(minX - 0.5));
        int px1 = Math.min(width - 1, (int) Math.ceil(maxX + 0.5));
        for (int py = py0; py <= py1; py++) {
            double yc = py + 0.5;
            for (int px = px0; px <= px1; px++) {
                double xc = px + 0.5;
                double d = Double.POSITIVE_INFINITY;
                for (int e = 0; e < edges && d > -0.5; e++) {
                    d = Math.min(d, nx[e] * xc + ny[e] * yc + c[e]);
                }
                if (d > -0.5) {
                    cover(px, py, coverage(d, cap));
                }
            }
        }
    }
}
