package canopy.render;

import java.util.Arrays;

/**
 * A frame's raster shapes, recorded in order, to be drawn later into any {@link RasterTarget}: each
 * band of rows of the screen by its own thread ({@link BandRasterizer}).
 */
public final class RasterDisplayList implements RasterTarget {
    private static final byte CLEAR = 0;
    private static final byte COLOUR = 1;
    private static final byte BEGIN_UNION = 2;
    private static final byte END_UNION = 3;
    private static final byte RECT = 4;
    private static final byte CIRCLE = 5;
    private static final byte RING = 6;
    private static final byte ROUND_RECT = 7;
    private static final byte SEGMENT = 8;
    private static final byte POLYGON = 9;

    private byte[] ops = new byte[1024];
    private int opCount;
    private double[] args = new double[8192];
    private int argCount;
    private int[] ints = new int[256];
    private int intCount;

    public void reset() {
        opCount = 0;
        argCount = 0;
        intCount = 0;
    }

    public boolean isEmpty() {
        return opCount == 0;
    }

    private void op(byte op) {
        if (opCount == ops.length) {
            ops = Arrays.copyOf(ops, ops.length * 2);
        }
        ops[opCount++] = op;
    }

    private void arg(double a) {
        if (argCount == args.length) {
            args = Arrays.copyOf(args, args.length * 2);
        }
        args[argCount++] = a;
    }

    private void integer(int v) {
        if (intCount == ints.length) {
            ints = Arrays.copyOf(ints, ints.length * 2);
        }
        ints[intCount++] = v;
    }

    @Override
    public void clear(int argb) {
        op(CLEAR);
        integer(argb);
    }

    @Override
    public void setColour(int argb) {
        op(COLOUR);
        integer(argb);
    }

    @Override
    public void beginUnion() {
        op(BEGIN_UNION);
    }

    @Override
    public void endUnion() {
        op(END_UNION);
    }

    @Override
    public void fillRect(double x, double y, double w, double h) {
        op(RECT);
        arg(x);
        arg(y);
        arg(w);
        arg(h);
    }

    @Override
    public void fillCircle(double cx, double cy, double r) {
        op(CIRCLE);
        arg(cx);
        arg(cy);
        arg(r);
    }

    @Override
    public void strokeCircle(double cx, double cy, double r, double lineWidth) {
        op(RING);
        arg(cx);
        arg(cy);
        arg(r);
        arg(lineWidth);
    }

    @Override
    public void fillRoundRect(double x, double y, double w, double h, double arc) {
        op(ROUND_RECT);
        arg(x);
        arg(y);
        arg(w);
        arg(h);
        arg(arc);
    }

    @Override
    public void strokeSegment(double ax, double ay, double bx, double by, double lineWidth, boolean roundA,
                              boolean roundB) {
        op(SEGMENT);
        arg(ax);
        arg(ay);
        arg(bx);
        arg(by);
        arg(lineWidth);
        integer((roundA ? 1 : 0) | (roundB ? 2 : 0));
    }

    @Override
    public void fillConvexPolygon(double[] xy, int n) {
        op(POLYGON);
        integer(n);
        for (int i = 0; i < 2 * n; i++) {
            arg(xy[i]);
        }
    }

    /** Draws the recorded shapes, in order, into target. */
    public void replay(RasterTarget target) {
        // Local: several threads replay one list at once.
        double[] polygon = new double[64];
        int a = 0;
        int k = 0;
        for (int i = 0; i < opCount; i++) {
            switch (ops[i]) {
                case CLEAR -> target.clear(ints[k++]);
                case COLOUR -> target.setColour(ints[k++]);
                case BEGIN_UNION -> target.beginUnion();
                case END_UNION -> target.endUnion();
                case RECT -> {
                    target.fillRect(args[a], args[a + 1], args[a + 2], args[a + 3]);
                    a += 4;
                }
                case CIRCLE -> {
                    target.fillCircle(args[a], args[a + 1], args[a + 2]);
                    a += 3;
                }
                case RING -> {
                    target.strokeCircle(args[a], args[a + 1], args[a + 2], args[a + 3]);
                    a += 4;
                }
                case ROUND_RECT -> {
                    target.fillRoundRect(args[a], args[a + 1], args[a + 2], args[a + 3], args[a + 4]);
                    a += 5;
                }
                case SEGMENT -> {
                    int flags = ints[k++];
                    target.strokeSegment(args[a], args[a + 1], args[a + 2], args[a + 3], args[a + 4],
                            (flags & 1) != 0, (flags & 2) != 0);
                    a += 5;
                }
                case POLYGON -> {
                    int n = ints[k++];
                    if (polygon.length < 2 * n) {
                        polygon = new double[2 * n];
                    }
                    System.arraycopy(args, a, polygon, 0, 2 * n);
                    target.fillConvexPolygon(polygon, n);
                    a += 2 * n;
                }
                default -> throw new IllegalStateException("unknown raster op " + ops[i]);
            }
        }
    }
}
