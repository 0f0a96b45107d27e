package canopy.render;

import java.util.Arrays;

/**
 * A path as the painter builds it between {@code beginPath} and {@code fillPath} / {@code strokePath}
 * (lines, quadratic curves, circles, rounded rectangles), kept so that it can be filled or stroked
 * into a {@link RasterTarget}, or replayed into any other back-end ({@link PathBuilder}) when the raster
 * cannot draw it.
 */
public final class RasterPath implements PathBuilder {
    private static final byte MOVE = 0;
    private static final byte LINE = 1;
    private static final byte QUAD = 2;
    private static final byte CLOSE = 3;
    private static final byte CIRCLE = 4;
    private static final byte ROUND_RECT = 5;
    /** Flattened curves stay within this many pixels of the true curve. */
    private static final double FLATNESS_PX = 0.1;
    /** Where a polyline turns by more than this (cosine), its joint is rounded so it shows no notch. */
    private static final double SHARP_TURN_COS = 0.87;

    private byte[] ops = new byte[64];
    private int opCount;
    private double[] args = new double[256];
    private int argCount;
    /** Scratch: one subpath's flattened points, x0, y0, x1, y1, …. */
    private double[] points = new double[64];
    private int pointCount;
    private final double[] polygon = new double[64];

    public void reset() {
        opCount = 0;
        argCount = 0;
    }

    public boolean isEmpty() {
        return opCount == 0;
    }

    private void op(byte op, double... a) {
        if (opCount == ops.length) {
            ops = Arrays.copyOf(ops, ops.length * 2);
        }
        ops[opCount++] = op;
        if (argCount + a.length > args.length) {
            args = Arrays.copyOf(args, Math.max(args.length * 2, argCount + a.length));
        }
        System.arraycopy(a, 0, args, argCount, a.length);
        argCount += a.length;
    }

    @Override
    public void moveTo(double x, double y) {
        op(MOVE, x, y);
    }

    @Override
    public void lineTo(double x, double y) {
        op(LINE, x, y);
    }

    @Override
    public void quadTo(double cx, double cy, double x, double y) {
        op(QUAD, cx, cy, x, y);
    }

    @Override
    public void closePath() {
        op(CLOSE);
    }

    /** A whole circle as its own subpath. */
    @Override
    public void addCircle(double cx, double cy, double r) {
        op(CIRCLE, cx, cy, r);
    }

    /** A whole rounded rectangle (corner radius arc) as its own subpath. */
    @Override
    public void addRoundRect(double x, double y, double w, double h, double arc) {
        op(ROUND_RECT, x, y, w, h, arc);
    }

    private static int argsOf(byte op) {
        return switch (op) {
            case MOVE, LINE -> 2;
            case QUAD -> 4;
            case CIRCLE -> 3;
            case ROUND_RECT -> 5;
            default -> 0;
        };
    }

    /** Sends the path to g (beginPath is the caller's). */
    public void replay(PathBuilder g) {
        int a = 0;
        for (int i = 0; i < opCount; i++) {
            switch (ops[i]) {
                case MOVE -> g.moveTo(args[a], args[a + 1]);
                case LINE -> g.lineTo(args[a], args[a + 1]);
                case QUAD -> g.quadTo(args[a], args[a + 1], args[a + 2], args[a + 3]);
                case CLOSE -> g.closePath();
                case CIRCLE -> g.addCircle(args[a], args[a + 1], args[a + 2]);
                case ROUND_RECT -> g.addRoundRect(args[a], args[a + 1], args[a + 2], args[a + 3], args[a + 4]);
                default -> throw new IllegalStateException("unknown path op " + ops[i]);
            }
            a += argsOf(ops[i]);
        }
    }

    /** How many shapes (subpaths) the path holds: a union is needed when a translucent fill has several. */
    private int shapeCount() {
        int n = 0;
        for (int i = 0; i < opCount; i++) {
            if (ops[i] == MOVE || ops[i] == CIRCLE || ops[i] == ROUND_RECT) {
                n++;
            }
        }
        return n;
    }

    /**
     * Whether {@link #fill} can draw this path: circles, rounded rectangles and convex polygons of
     * straight lines. (A concave polygon or a curved outline is left to a general rasteriser.)
     */
    public boolean fillable() {
        int i = 0;
        int a = 0;
        while (i < opCount) {
            byte op = ops[i];
            if (op == CIRCLE || op == ROUND_RECT || op == CLOSE) {
                a += argsOf(op);
                i++;
                continue;
            }
            if (op != MOVE) {
                return false;
            }
            int n = 0;
            int j = i;
            int b = a;
            while (j < opCount && (ops[j] == MOVE && j == i || ops[j] == LINE)) {
                if (n < polygon.length / 2) {
                    polygon[2 * n] = args[b];
                    polygon[2 * n + 1] = args[b + 1];
                }
                n++;
                b += 2;
                j++;
            }
            if (j < opCount && ops[j] == QUAD) {
                return false;
            }
            if (n > polygon.length / 2 || (n >= 3 && !convex(polygon, n))) {
                return false;
            }
            i = j;
            a = b;
        }
        return true;
    }

    private static boolean convex(double[] xy, int n) {
        int sign = 0;
        for (int i = 0; i < n; i++) {
            int j = (i + 1) % n;
            int k = (i + 2) % n;
            double cross = (xy[2 * j] - xy[2 * i]) * (xy[2 * k + 1] - xy[2 * j + 1])
                    - (xy[2 * j + 1] - xy[2 * i + 1]) * (xy[2 * k] - xy[2 * j]);
            int s = cross > 1e-9 ? 1 : cross < -1e-9 ? -1 : 0;
            if (s != 0) {
                if (sign != 0 && s != sign) {
                    return false;
                }
                sign = s;
            }
        }
        return true;
    }

    /** Fills the path (which must be {@link #fillable()}) into r in colour argb, coordinates × scale. */
    public void fill(RasterTarget r, int argb, double scale) {
        r.setColour(argb);
        boolean union = shapeCount() > 1;
        if (union) {
            r.beginUnion();
        }
        int i = 0;
        int a = 0;
        while (i < opCount) {
            byte op = ops[i];
            if (op == CIRCLE) {
                r.fillCircle(args[a] * scale, args[a + 1] * scale, args[a + 2] * scale);
            } else if (op == ROUND_RECT) {
                r.fillRoundRect(args[a] * scale, args[a + 1] * scale, args[a + 2] * scale, args[a + 3] * scale,
                        args[a + 4] * scale);
            } else if (op == MOVE) {
                int n = 0;
                int j = i;
                int b = a;
                while (j < opCount && (j == i || ops[j] == LINE)) {
                    polygon[2 * n] = args[b] * scale;
                    polygon[2 * n + 1] = args[b + 1] * scale;
                    n++;
                    b += 2;
                    j++;
                }
                r.fillConvexPolygon(polygon, n);
                i = j;
                a = b;
                continue;
            }
            a += argsOf(op);
            i++;
        }
        if (union) {
            r.endUnion();
        }
    }

    /**
     * Strokes the path into r in colour argb, lineWidth and coordinates × scale; dash (on, off, …
     * lengths before scaling) or null for solid. Curves are flattened; ends are butt.
     */
    public void stroke(RasterTarget r, int argb, double lineWidth, double[] dash, double scale) {
        r.setColour(argb);
        double w = lineWidth * scale;
        boolean union = opCount > 2 || shapeCount() > 1;
        if (union) {
            r.beginUnion();
        }
        int i = 0;
        int a = 0;
        while (i < opCount) {
            byte op = ops[i];
            if (op == CIRCLE && dash == null) {
                r.strokeCircle(args[a] * scale, args[a + 1] * scale, args[a + 2] * scale, w);
                a += 3;
                i++;
                continue;
            }
            boolean closed;
            pointCount = 0;
            if (op == CIRCLE) {
                circlePoints(args[a] * scale, args[a + 1] * scale, args[a + 2] * scale);
                closed = true;
                a += 3;
                i++;
            } else if (op == ROUND_RECT) {
                roundRectPoints(args[a] * scale, args[a + 1] * scale, args[a + 2] * scale, args[a + 3] * scale,
                        args[a + 4] * scale);
                closed = true;
                a += 5;
                i++;
            } else if (op == MOVE) {
                addPoint(args[a] * scale, args[a + 1] * scale);
                a += 2;
                i++;
                closed = false;
                while (i < opCount && (ops[i] == LINE || ops[i] == QUAD || ops[i] == CLOSE)) {
                    if (ops[i] == LINE) {
                        addPoint(args[a] * scale, args[a + 1] * scale);
                    } else if (ops[i] == QUAD) {
                        flattenQuad(args[a] * scale, args[a + 1] * scale, args[a + 2] * scale, args[a + 3] * scale);
                    } else {
                        closed = true;
                    }
                    a += argsOf(ops[i]);
                    i++;
                    if (closed) {
                        break;
                    }
                }
            } else {
                // A stray lineTo without moveTo starts nothing, as on a canvas.
                a += argsOf(op);
                i++;
                continue;
            }
            if (dash == null) {
                strokePolyline(r, w, closed);
            } else {
                dashPolyline(r, w, closed, dash, scale);
            }
        }
        if (union) {
            r.endUnion();
        }
    }

    private void addPoint(double x, double y) {
        if (2 * pointCount + 2 > points.length) {
            points = Arrays.copyOf(points, points.length * 2);
        }
        points[2 * pointCount] = x;
        points[2 * pointCount + 1] = y;
        pointCount++;
    }

    private void flattenQuad(double cx, double cy, double x, double y) {
        double x0 = points[2 * pointCount - 2];
        double y0 = points[2 * pointCount - 1];
        double ddx = x0 - 2 * cx + x;
        double ddy = y0 - 2 * cy + y;
        double dd = Math.sqrt(ddx * ddx + ddy * ddy);
        // A quadratic's chords of n equal steps stray at most dd / (8 n²) from it.
        int n = (int) Math.max(1, Math.min(100, Math.ceil(Math.sqrt(dd / (8 * FLATNESS_PX)))));
        for (int k = 1; k <= n; k++) {
            double t = (double) k / n;
            double u = 1 - t;
            addPoint(u * u * x0 + 2 * u * t * cx + t * t * x, u * u * y0 + 2 * u * t * cy + t * t * y);
        }
    }

    private void circlePoints(double cx, double cy, double r) {
        int n = (int) Math.max(8, Math.min(256, Math.ceil(Math.PI / Math.acos(Math.max(-1, 1 - FLATNESS_PX / r)))));
        for (int k = 0; k < n; k++) {
            double t = 2 * Math.PI * k / n;
            addPoint(cx + r * Math.cos(t), cy + r * Math.sin(t));
        }
    }

    private void roundRectPoints(double x, double y, double w, double h, double arc) {
        double rad = Math.max(0, Math.min(arc, Math.min(w, h) / 2));
        int n = rad < 0.5 ? 0 : (int) Math.max(2, Math.min(32, Math.ceil(Math.PI / 2
                / Math.acos(Math.max(-1, 1 - FLATNESS_PX / rad)))));
        double[][] corners = {{x + w - rad, y + rad, -Math.PI / 2}, {x + w - rad, y + h - rad, 0},
                {x + rad, y + h - rad, Math.PI / 2}, {x + rad, y + rad, Math.PI}};
        for (double[] c : corners) {
            if (n == 0) {
                addPoint(c[0] + Math.signum(c[0] - x - w / 2) * rad, c[1] + Math.signum(c[1] - y - h / 2) * rad);
                continue;
            }
            for (int k = 0; k <= n; k++) {
                double t = c[2] + Math.PI / 2 * k / n;
                addPoint(c[0] + rad * Math.cos(t), c[1] + rad * Math.sin(t));
            }
        }
    }

    private boolean sharpTurn(int at, int before, int after) {
        double ax = points[2 * at] - points[2 * before];
        double ay = points[2 * at + 1] - points[2 * before + 1];
        double bx = points[2 * after] - points[2 * at];
        double by = points[2 * after + 1] - points[2 * at + 1];
        double la = Math.sqrt(ax * ax + ay * ay);
        double lb = Math.sqrt(bx * bx + by * by);
        return la > 0 && lb > 0 && (ax * bx + ay * by) / (la * lb) < SHARP_TURN_COS;
    }

    private void strokePolyline(RasterTarget r, double w, boolean closed) {
        int n = pointCount;
        if (n == 1) {
            return;
        }
        int segments = closed ? n : n - 1;
        for (int s = 0; s < segments; s++) {
            int p = s;
            int q = (s + 1) % n;
            boolean roundP = (closed || s > 0) && sharpTurn(p, (p - 1 + n) % n, q);
            boolean roundQ = (closed || s < segments - 1) && sharpTurn(q, p, (q + 1) % n);
            r.strokeSegment(points[2 * p], points[2 * p + 1], points[2 * q], points[2 * q + 1], w, roundP, roundQ);
        }
    }

    private void dashPolyline(RasterTarget r, double w, boolean closed, double[] dash, double scale) {
        double total = 0;
        for (double d : dash) {
            total += d;
        }
        if (!(total > 0)) {
            strokePolyline(r, w, closed);
            return;
        }
        int n = pointCount;
        int segments = closed ? n : n - 1;
        int phase = 0;
        double left = dash[0] * scale;
        for (int s = 0; s < segments; s++) {
            int q = (s + 1) % n;
            double ax = points[2 * s];
            double ay = points[2 * s + 1];
            double bx = points[2 * q];
            double by = points[2 * q + 1];
            double len = Math.sqrt((bx - ax) * (bx - ax) + (by - ay) * (by - ay));
            double at = 0;
            while (at < len) {
                double step = Math.min(left, len - at);
                if (phase % 2 == 0 && step > 0) {
                    double t0 = at / len;
                    double t1 = (at + step) / len;
                    r.strokeSegment(ax + (bx - ax) * t0, ay + (by - ay) * t0, ax + (bx - ax) * t1,
                            ay + (by - ay) * t1, w, false, false);
                }
                at += step;
                left -= step;
                if (left <= 1e-9) {
                    phase = (phase + 1) % dash.length;
                    left = dash[phase] * scale;
                }
            }
        }
    }
}
