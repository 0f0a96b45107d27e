package canopy.render;

/** Snapping to the designer's grid. */
public final class Grid {
    /** The grid step in world units. */
    public static final double STEP = 20;

    private Grid() {
    }

    /** v rounded to the nearest multiple of step (step ≤ 0: v unchanged). */
    public static double snap(double v, double step) {
        if (!(step > 0)) {
            return v;
        }
        double s = Math.round(v / step) * step;
        return s == 0 ? 0 : s; // no -0.0
    }

    public static double snap(double v) {
        return snap(v, STEP);
    }
}
