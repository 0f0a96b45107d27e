package canopy.render;

/** An axis-aligned rectangle by its corners (minX ≤ maxX, minY ≤ maxY). */
public record Rect(double minX, double minY, double maxX, double maxY) {
    public static final Rect EMPTY = new Rect(0, 0, 0, 0);

    public static Rect ofCorners(double x1, double y1, double x2, double y2) {
        return new Rect(Math.min(x1, x2), Math.min(y1, y2), Math.max(x1, x2), Math.max(y1, y2));
    }

    public double width() {
        return maxX - minX;
    }

    public double height() {
        return maxY - minY;
    }

    public double centerX() {
        return (minX + maxX) / 2;
    }

    public double centerY() {
        return (minY + maxY) / 2;
    }

    public boolean contains(double x, double y) {
        return x >= minX && x <= maxX && y >= minY && y <= maxY;
    }

    public boolean intersects(double x0, double y0, double x1, double y1) {
        return x1 >= minX && x0 <= maxX && y1 >= minY && y0 <= maxY;
    }

    public boolean intersects(Rect r) {
        return intersects(r.minX, r.minY, r.maxX, r.maxY);
    }

    public Rect expand(double d) {
        return new Rect(minX - d, minY - d, maxX + d, maxY + d);
    }

    public Rect union(Rect r) {
        return new Rect(Math.min(minX, r.minX), Math.min(minY, r.minY), Math.max(maxX, r.maxX), Math.max(maxY, r.maxY));
    }
}
