package canopy.model;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A link from → to with an exact bandwidth. duplex stands for two directed links, one each way, each
 * with the full bandwidth. latencyUs is optional (null when absent).
 *
 * <p>key says which link this is across the versions of an immutable topology: a new link gets a fresh
 * key, and the with… changes keep it (the same link, changed). It is not in the file form and not part of
 * equality (two topologies with the same links are equal whatever their keys), so it only names a link
 * for as long as the program runs. Why: the designer's selection, undo and redo name links by it, so no
 * edit that inserts, removes or reorders links has to renumber what is selected.
 */
public record Link(String from, String to, Rational bandwidth, boolean duplex, Double latencyUs, long key) {
    private static final AtomicLong LAST_KEY = new AtomicLong();

    public Link {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(bandwidth, "bandwidth");
    }

    /** A new link, with a key no other link has. */
    public Link(String from, String to, Rational bandwidth, boolean duplex, Double latencyUs) {
        this(from, to, bandwidth, duplex, latencyUs, LAST_KEY.incrementAndGet());
    }

    public static Link duplex(String from, String to, Rational bandwidth) {
        return new Link(from, to, bandwidth, true, null);
    }

    public static Link oneWay(String from, String to, Rational bandwidth) {
        return new Link(from, to, bandwidth, false, null);
    }

    public Link withBandwidth(Rational b) {
        return new Link(from, to, b, duplex, latencyUs, key);
    }

    public Link withLatency(Double l) {
        return new Link(from, to, bandwidth, duplex, l, key);
    }

    public Link withDuplex(boolean d) {
        return new Link(from, to, bandwidth, d, latencyUs, key);
    }

    /** The same link between other ends (a node renamed). */
    public Link withEnds(String newFrom, String newTo) {
        return new Link(newFrom, newTo, bandwidth, duplex, latencyUs, key);
    }

    /** "a->b" or "a<->b", how messages name a link. */
    public String describe() {
        return from + (duplex ? "<->" : "->") + to;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Link l && duplex == l.duplex && from.equals(l.from) && to.equals(l.to)
                && bandwidth.equals(l.bandwidth) && Objects.equals(latencyUs, l.latencyUs);
    }

    @Override
    public int hashCode() {
        return Objects.hash(from, to, bandwidth, duplex, latencyUs);
    }

    @Override
    public String toString() {
        return "Link[" + describe() + ", " + bandwidth + (latencyUs == null ? "" : ", " + latencyUs + " us") + "]";
    }
}
