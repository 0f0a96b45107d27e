package canopy.render;

/**
 * How world coordinates map onto an output of width × height pixels:
 * screen = world × scale + (tx, ty). Immutable; every change returns a new viewport.
 */
public record Viewport(double scale, double tx, double ty, double width, double height) {
    public static final double MIN_SCALE = 0.02;
    public static final double MAX_SCALE = 12;

    public Viewport {
        if (!(scale > 0) || !Double.isFinite(scale)) {
            throw new IllegalArgumentException("scale must be positive: " + scale);
        }
    }

    public static Viewport identity(double width, double height) {
        return new Viewport(1, 0, 0, width, height);
    }

    /** The viewport showing world rectangle r whole and centred, with margin pixels around it. */
    public static Viewport fit(Rect r, double width, double height, double margin) {
        double availX = Math.max(1, width - 2 * margin);
        double availY = Math.max(1, height - 2 * margin);
        double s;
        if (r.width() <= 0 && r.height() <= 0) {
            s = 1;
        } else if (r.width() <= 0) {
            s = availY / r.height();
        } else if (r.height() <= 0) {
            s = availX / r.width();
        } else {
            s = Math.min(availX / r.width(), availY / r.height());
        }
        s = clamp(Math.min(s, 2.0));
        return new Viewport(s, width / 2 - r.centerX() * s, height / 2 - r.centerY() * s, width, height);
    }

    static double clamp(double s) {
        return Math.max(MIN_SCALE, Math.min(MAX_SCALE, s));
    }

    public double toScreenX(double wx) {
        return wx * scale + tx;
    }

    public double toScreenY(double wy) {
        return wy * scale + ty;
    }

    public double toWorldX(double sx) {
        return (sx - tx) / scale;
    }

    public double toWorldY(double sy) {
        return (sy - ty) / scale;
    }

    /** The part of the world that is visible. */
    public Rect visibleWorld() {
        return new Rect(toWorldX(0), toWorldY(0), toWorldX(width), toWorldY(height));
    }

    public Viewport withSize(double w, double h) {
        return new Viewport(scale, tx, ty, w, h);
    }

    /** Moved by (dx, dy) screen pixels: the content follows the mouse. */
    public Viewport pannedBy(double dx, double dy) {
        return new Viewport(scale, tx + dx, ty + dy, width, height);
    }

    /** Zoomed by factor (clamped to the scale limits) keeping the world point under (sx, sy) in place. */
    public Viewport zoomedAround(double sx, double sy, double factor) {
        double s = clamp(scale * factor);
        double wx = toWorldX(sx);
        double wy = toWorldY(sy);
        return new Viewport(s, sx - wx * s, sy - wy * s, width, height);
    }

    /** Zoomed around the centre of the output. */
    public Viewport zoomed(double factor) {
        return zoomedAround(width / 2, height / 2, factor);
    }

    /** The same scale with world point (wx, wy) at the centre of the output. */
    public Viewport centredOn(double wx, double wy) {
        return new Viewport(scale, width / 2 - wx * scale, height / 2 - wy * scale, width, height);
    }
}
