package canopy.engine;

/**
 * Message sizes (whole-buffer bytes, the M of {@link TimeModel}) from {@code fromBytes} inclusive to
 * {@code toBytes} exclusive; {@link #UNBOUNDED} as the end means no upper end. Half-open so that ranges
 * laid end to end share their edges without a gap or an overlap.
 */
public record SizeRange(long fromBytes, long toBytes) {
    /** The end of a range with no upper end. */
    public static final long UNBOUNDED = Long.MAX_VALUE;
    /** Every size: [0, ∞). */
    public static final SizeRange ALL = new SizeRange(0, UNBOUNDED);

    public SizeRange {
        if (fromBytes < 0 || toBytes <= fromBytes) {
            throw new IllegalArgumentException("a size range needs 0 <= from < to, not [" + fromBytes + ", "
                    + toBytes + ")");
        }
    }

    public boolean bounded() {
        return toBytes != UNBOUNDED;
    }

    public boolean contains(long bytes) {
        return bytes >= fromBytes && bytes < toBytes;
    }

    /** The largest size inside a bounded range (toBytes − 1). */
    public long lastBytes() {
        if (!bounded()) {
            throw new IllegalStateException("[" + fromBytes + ", ∞) has no largest size");
        }
        return toBytes - 1;
    }
}
