package canopy.engine;

import canopy.model.Rational;
import canopy.model.Topology;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Which single link upgrade raises the bounds the most, exactly.
 *
 * <p>Every link of the topology is a candidate: a duplex link gains {@code by} (or its bandwidth ×
 * (factor − 1)) in both directions, a one-way link in its direction. A one-way link into or out of a
 * switch would break that switch's balance, so the upgrade follows the switch's only one-way link out
 * (or in) with the same amount, and so on until the chain closes or reaches accelerators; when a
 * switch has several such links the choice is the user's, and the candidate is skipped with that
 * explanation. Duplex links never unbalance a switch.
 *
 * <p>For each candidate the new allgather and reduce-scatter bounds are computed exactly
 * ({@link CutBound} on the modified graph and on its reverse) unless a known tight cut proves the gain
 * is zero: the bound is N × min over cuts S of B⁺(S)/|S ∩ Vc|, so if some S attaining the current
 * minimum is not left by any of the upgraded arcs, that minimum is unchanged and, bandwidth only
 * having grown, so is the bound. Tight cuts come from the current bottleneck cuts, from cheap structured
 * sets (each group, each group with the ungrouped switches, each single accelerator, and their
 * complements — each kept only if its exact value equals the bound) and from every computed candidate
 * whose bound did not move (its bottleneck cut is then tight for the current topology too, and not
 * left by that candidate). On a symmetric topology (every arc has a reverse of equal bandwidth) a
 * duplex candidate's reduce-scatter bound equals its allgather bound and is not computed again.
 *
 * <p>Candidates are ranked by allreduce gain, then allgather gain, then file order.
 *
 * <p><b>Breakpoint.</b> For the top candidates, the bound as a function of the added amount t,
 * f(t) = N × min over S of (B⁺(S) + t·c(S)) / |S ∩ Vc| where c(S) counts the upgraded arcs leaving S,
 * is concave, piecewise linear and nondecreasing; it stops rising at F∞ = the best cut not left by the
 * upgraded arcs, computed exactly by setting t to H = N × (total bandwidth) + 1, which puts every cut
 * the link leaves above every cut it does not. The breakpoint t* is the smallest t with f(t) = F∞,
 * found by Newton steps on cut lines: from any cut S with c(S) &gt; 0, the t where its line reaches
 * F∞ is at most t*; compute f there; if it equals F∞ that t is t*, else its bottleneck cut gives the
 * next, larger t. Each step uses a new cut, so it ends, usually after one or two steps. The reported
 * b* is the link's bandwidth + t*; for allreduce, the larger of the two directions' breakpoints.
 *
 * <p>The same machinery ({@link UpgradeBounds}) ranks whole classes of links ({@link LinkClassAdvisor}):
 * there the upgraded arcs of a class play the role of one link's arcs.
 */
public final class UpgradeAdvisor {
    /** Added bandwidth when none is given: 25 GB/s (one InfiniBand HDR port). */
    public static final Rational DEFAULT_BY = Rational.of(25);

    /**
     * @param by          the bandwidth added to each upgraded link direction (used when factor is null)
     * @param factor      or: multiply the candidate link's bandwidth by this (&gt; 1)
     * @param breakpoints how many of the top candidates get their breakpoint computed
     * @param useTightCuts skip candidates a known tight cut proves useless (off only to test the proof)
     */
    public record Options(Rational by, Rational factor, int breakpoints, boolean useTightCuts) {
        public Options {
            if (factor == null && (by == null || by.signum() <= 0)) {
                throw new IllegalArgumentException("the added bandwidth must be positive");
            }
            if (factor != null && factor.compareTo(Rational.ONE) <= 0) {
                throw new IllegalArgumentException("the factor must be above 1");
            }
            if (breakpoints < 0) {
                throw new IllegalArgumentException("breakpoints must be at least 0");
            }
        }

        public static Options by(Rational by, int breakpoints) {
            return new Options(by, null, breakpoints, true);
        }

        public static Options factor(Rational factor, int breakpoints) {
            return new Options(null, factor, breakpoints, true);
        }
    }

    /**
     * Where raising the link stops paying: b* (bandwidth per direction of the candidate link) and the
     * bound reached there, per collective. At equals the link's current bandwidth when raising it
     * cannot help at all; at and limit are null when every cut is left by the link, so the bound grows
     * with it without limit (allreduce: when either half does). The cuts are the bottlenecks that bind
     * beyond b* (the link does not leave them).
     */
    public record Breakpoint(Rational allgatherAt, Rational reduceScatterAt, Rational allreduceAt,
                             Rational allgatherLimit, Rational reduceScatterLimit, Rational allreduceLimit,
                             List<String> allgatherCut, List<String> reduceScatterCut) {
    }

    /** What the ranking tables show of an upgrade, of a single link ({@link Candidate}) or of a class. */
    public interface Outcome {
        /** Current bandwidth per direction of the upgraded link (of each link of the class). */
        Rational bandwidth();

        Rational allgather();

        Rational reduceScatter();

        Rational allreduce();

        Rational allgatherGain();

        Rational reduceScatterGain();

        Rational allreduceGain();

        /** Null unless the upgrade is among the top ones. */
        Breakpoint breakpoint();
    }

    /**
     * One candidate upgrade.
     *
     * @param link         index of the candidate link in the file
     * @param name         its name ("a<->b", "a->b", "links[3] (a->b)")
     * @param upgraded     every link upgraded together (the candidate, plus the links that keep switches
     *                     balanced)
     * @param bandwidth    the candidate link's current bandwidth per direction
     * @param added        bandwidth added to each upgraded link direction
     * @param allgather    the new allgather bound
     * @param provedZero   per direction (allgather, reduce-scatter): the gain is zero by a known tight cut, no
     *                     max-flow needed
     * @param breakpoint   null unless this candidate is among the top ones
     */
    public record Candidate(int link, String name, List<String> upgraded, Rational bandwidth, Rational added,
                            Rational allgather, Rational reduceScatter, Rational allreduce,
                            Rational allgatherGain, Rational reduceScatterGain, Rational allreduceGain,
                            boolean[] provedZero, Breakpoint breakpoint) implements Outcome {
        public Candidate {
            upgraded = List.copyOf(upgraded);
            provedZero = provedZero.clone();
        }

        /** "a->s (+s->b)": the link, and the links raised with it to keep switches balanced. */
        public String displayName() {
            return upgraded.size() > 1 ? name + " (+" + String.join(", ", upgraded.subList(1, upgraded.size())) + ")"
                    : name;
        }
    }

    /** A link that was not ranked, and why. */
    public record Skipped(int link, String name, String reason) {
    }

    /**
     * @param candidates         candidates ranked
     * @param boundComputations  exact bound computations (one direction each) for the gains
     * @param provedByCuts       candidate directions whose zero gain a tight cut proved
     * @param reusedBySymmetry   reduce-scatter gains taken from the allgather gain on a symmetric topology
     * @param breakpointComputations exact bound computations for the breakpoints
     * @param nanos              wall time
     */
    public record Stats(int candidates, int boundComputations, int provedByCuts, int reusedBySymmetry,
                        int breakpointComputations, long nanos) {
    }

    public record Ranking(Bounds before, List<Candidate> ranked, List<Skipped> skipped, Stats stats) {
        public Ranking {
            ranked = List.copyOf(ranked);
            skipped = List.copyOf(skipped);
        }
    }

    private final Topology topology;
    private final Options options;
    private final Progress progress;
    private final UpgradeBounds bounds;

    private UpgradeAdvisor(Topology topology, Options options, Progress progress) {
        this.topology = topology;
        this.options = options;
        this.progress = progress;
        this.bounds = new UpgradeBounds(topology, options.useTightCuts(), progress);
    }

    /** Ranks every link of a valid topology. */
    public static Ranking rank(Topology topology, Options options) {
        return rank(topology, options, Progress.NONE);
    }

    public static Ranking rank(Topology topology, Options options, Progress progress) {
        long start = System.nanoTime();
        UpgradeAdvisor u = new UpgradeAdvisor(topology, options, progress);
        return u.run(start);
    }

    private Ranking run(long start) {
        List<String> names = bounds.names();
        List<Integer> primaries = new ArrayList<>();
        List<List<Integer>> plans = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        for (int i = 0; i < topology.links().size(); i++) {
            UpgradeBounds.Balancing b = bounds.balance(List.of(i), names.get(i));
            if (b.reason() == null) {
                primaries.add(i);
                plans.add(b.links());
            } else {
                skipped.add(new Skipped(i, names.get(i), b.reason()));
            }
        }
        List<Candidate> ranked = new ArrayList<>(UpgradeBounds.onAllCores(plans.size(),
                i -> candidate(primaries.get(i), plans.get(i)), "upgrade candidates", progress));
        ranked.sort(Comparator.comparing(Candidate::allreduceGain).reversed()
                .thenComparing(Comparator.comparing(Candidate::allgatherGain).reversed())
                .thenComparingInt(Candidate::link));
        int top = Math.min(options.breakpoints(), ranked.size());
        for (int i = 0; i < top; i++) {
            progress.checkCancelled();
            progress.report("breakpoints", i / (double) top);
            ranked.set(i, withBreakpoint(ranked.get(i), plans.get(primaries.indexOf(ranked.get(i).link()))));
        }
        return new Ranking(bounds.before(), ranked, skipped, bounds.stats(plans.size(), System.nanoTime() - start));
    }

    /** The bandwidth added to each upgraded link direction when a link of this bandwidth is the candidate. */
    static Rational added(Options options, Rational bandwidth) {
        return options.factor() == null ? options.by() : bandwidth.multiply(options.factor().subtract(Rational.ONE));
    }

    private Candidate candidate(int primary, List<Integer> links) {
        Rational bandwidth = topology.links().get(primary).bandwidth();
        Rational add = added(options, bandwidth);
        UpgradeBounds.Gains g = bounds.evaluate(links, add);
        return new Candidate(primary, bounds.names().get(primary), bounds.names(links), bandwidth, add, g.allgather(),
                g.reduceScatter(), g.allreduce(), g.allgatherGain(), g.reduceScatterGain(), g.allreduceGain(),
                g.provedZero(), null);
    }

    private Candidate withBreakpoint(Candidate c, List<Integer> links) {
        Breakpoint bp = bounds.breakpoint(links, c.bandwidth(), c.allgatherGain(), c.reduceScatterGain());
        return new Candidate(c.link(), c.name(), c.upgraded(), c.bandwidth(), c.added(), c.allgather(),
                c.reduceScatter(), c.allreduce(), c.allgatherGain(), c.reduceScatterGain(), c.allreduceGain(),
                c.provedZero(), bp);
    }
}
