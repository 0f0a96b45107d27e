package canopy.render;

/** A colour as packed 0xAARRGGBB, so back-ends can cache their native colours by one int. */
public record Rgba(int argb) {
    public static Rgba of(int r, int g, int b) {
        return of(r, g, b, 1.0);
    }

    public static Rgba of(int r, int g, int b, double opacity) {
        int a = (int) Math.round(Math.max(0, Math.min(1, opacity)) * 255);
        return new Rgba((a << 24) | ((r & 255) << 16) | ((g & 255) << 8) | (b & 255));
    }

    /** "#rrggbb" or "#aarrggbb"-free CSS form "#rrggbb", with an opacity. */
    public static Rgba web(String hex, double opacity) {
        String h = hex.startsWith("#") ? hex.substring(1) : hex;
        if (h.length() != 6) {
            throw new IllegalArgumentException("expected #rrggbb: " + hex);
        }
        int rgb = Integer.parseInt(h, 16);
        return of((rgb >> 16) & 255, (rgb >> 8) & 255, rgb & 255, opacity);
    }

    public static Rgba web(String hex) {
        return web(hex, 1.0);
    }

    public int red() {
        return (argb >> 16) & 255;
    }

    public int green() {
        return (argb >> 8) & 255;
    }

    public int blue() {
        return argb & 255;
    }

    public int alpha() {
        return (argb >>> 24) & 255;
    }

    public double opacity() {
        return alpha() / 255.0;
    }

    public Rgba withOpacity(double opacity) {
        return of(red(), green(), blue(), opacity);
    }

    /** "#rrggbb", for SVG and CSS. */
    public String hex() {
        return String.format("#%06x", argb & 0xffffff);
    }
}
