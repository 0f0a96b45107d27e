package canopy.render;

/**
 * The colour and width of a directed link by utilisation 0..1: a perceptual sequential ramp (plasma),
 * cool and dark-violet at low load, orange to yellow at full load. Each theme uses the part of the ramp
 * that reads on its background: the light theme stops at coral red (yellow vanishes on white, and orange is the switches' colour), the dark
 * theme starts at purple (deep blue vanishes on near-black). An idle link (zero) is grey.
 */
public final class UtilisationScale {
    /** matplotlib's plasma at 0, 1/8, …, 1. */
    private static final int[] PLASMA = {
        0x0d0887, 0x4c02a1, 0x7e03a8, 0xa92395, 0xcc4778, 0xe66c5c, 0xf89540, 0xfdc527, 0xf0f921,
    };

    private UtilisationScale() {
    }

    /** True for styles with a dark background. */
    public static boolean dark(DiagramStyle st) {
        Rgba b = st.background();
        return 0.2126 * b.red() + 0.7152 * b.green() + 0.0722 * b.blue() < 128;
    }

    /** The colour of utilisation u (clamped to 0..1); exactly 0 gives the idle grey. */
    public static Rgba colour(double u, DiagramStyle st) {
        if (!(u > 0)) {
            return idle(st);
        }
        return ramp(Math.min(1, u), st);
    }

    /** The ramp itself at u in 0..1 (no idle grey), for the legend. */
    public static Rgba ramp(double u, DiagramStyle st) {
        double lo = dark(st) ? 0.30 : 0.06;
        double hi = dark(st) ? 1.00 : 0.68;
        double t = lo + Math.max(0, Math.min(1, u)) * (hi - lo);
        double p = t * (PLASMA.length - 1);
        int i = Math.min(PLASMA.length - 2, (int) Math.floor(p));
        double f = p - i;
        int a = PLASMA[i];
        int b = PLASMA[i + 1];
        return Rgba.of(mix(a >> 16, b >> 16, f), mix(a >> 8, b >> 8, f), mix(a, b, f));
    }

    private static int mix(int a, int b, double f) {
        return (int) Math.round((a & 255) * (1 - f) + (b & 255) * f);
    }

    public static Rgba idle(DiagramStyle st) {
        return st.link().withOpacity(0.55);
    }

    /** Stroke width in pixels of a directed link at utilisation u (zoom factor applied by the caller). */
    public static double width(double u) {
        return 1.5 + 4.5 * Math.max(0, Math.min(1, u));
    }
}
