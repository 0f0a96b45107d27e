package canopy.model;

import java.util.Objects;

/**
 * A link from → to with an exact bandwidth. duplex stands for two directed links, one each way, each
 * with the full bandwidth. latencyUs is optional (null when absent).
 */
public record Link(String from, String to, Rational bandwidth, boolean duplex, Double latencyUs) {
    public Link {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(bandwidth, "bandwidth");
    }

    public static Link duplex(String from, String to, Rational bandwidth) {
        return new Link(from, to, bandwidth, true, null);
    }

    public static Link oneWay(String from, String to, Rational bandwidth) {
        return new Link(from, to, bandwidth, false, null);
    }

    public Link withBandwidth(Rational b) {
        return new Link(from, to, b, duplex, latencyUs);
    }

    public Link withLatency(Double l) {
        return new Link(from, to, bandwidth, duplex, l);
    }

    /** "a->b" or "a<->b", how messages name a link. */
    public String describe() {
        return from + (duplex ? "<->" : "->") + to;
    }
}
