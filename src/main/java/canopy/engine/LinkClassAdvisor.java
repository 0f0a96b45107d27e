package canopy.engine;

import canopy.model.Rational;
import canopy.model.Topology;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Which class of links ({@link LinkClasses}) pays most to upgrade as a whole, exactly. On a symmetric
 * cluster no single link raises any bound (another copy of the same link still binds), but raising all
 * NICs at once can: that is the decision cluster builders make.
 *
 * <p>Each class is one candidate of {@link UpgradeAdvisor}'s method ({@link UpgradeBounds}): every link of
 * the class gains {@code by} per direction (or bandwidth × (factor − 1), the same for all: a class has one
 * bandwidth), the new bounds are exact, a known tight cut the class does not leave proves a zero gain,
 * and the breakpoint b* is the class bandwidth beyond which the bound stops rising, where c(S) counts the
 * class's arcs leaving S. Duplex classes never unbalance a switch; a one-way class that does is completed
 * by the single-link chain rule (a switch's only other one-way link follows), or skipped with the reason.
 * Ranked by allreduce gain, then allgather gain, then class order.
 */
public final class LinkClassAdvisor {
    private LinkClassAdvisor() {
    }

    /**
     * One class upgraded as a whole.
     *
     * @param linkClass    the class
     * @param alsoUpgraded links outside the class raised with it to keep switches balanced (one-way classes)
     * @param added        bandwidth added to each upgraded link direction
     * @param breakpoint   null unless this class is among the top ones; its b* are class bandwidths
     */
    public record ClassCandidate(LinkClass linkClass, List<String> alsoUpgraded, Rational added,
                                 Rational allgather, Rational reduceScatter, Rational allreduce,
                                 Rational allgatherGain, Rational reduceScatterGain, Rational allreduceGain,
                                 boolean[] provedZero, UpgradeAdvisor.Breakpoint breakpoint)
            implements UpgradeAdvisor.Outcome {
        public ClassCandidate {
            alsoUpgraded = List.copyOf(alsoUpgraded);
            provedZero = provedZero.clone();
        }

        /** The class's name, and the links raised with it to keep switches balanced. */
        public String displayName() {
            return linkClass.name() + (alsoUpgraded.isEmpty() ? "" : " (+" + String.join(", ", alsoUpgraded) + ")");
        }

        @Override
        public Rational bandwidth() {
            return linkClass.bandwidth();
        }

        ClassCandidate withBreakpoint(UpgradeAdvisor.Breakpoint bp) {
            return new ClassCandidate(linkClass, alsoUpgraded, added, allgather, reduceScatter, allreduce,
                    allgatherGain, reduceScatterGain, allreduceGain, provedZero, bp);
        }
    }

    /** A class that was not ranked, and why. */
    public record SkippedClass(LinkClass linkClass, String reason) {
    }

    /**
     * @param classes every class of the topology, in order
     * @param stats   candidates are classes here
     */
    public record ClassRanking(Bounds before, List<LinkClass> classes, List<ClassCandidate> ranked,
                               List<SkippedClass> skipped, UpgradeAdvisor.Stats stats) {
        public ClassRanking {
            classes = List.copyOf(classes);
            ranked = List.copyOf(ranked);
            skipped = List.copyOf(skipped);
        }
    }

    public static ClassRanking rank(Topology topology, UpgradeAdvisor.Options options) {
        return rank(topology, options, Progress.NONE);
    }

    /** Ranks every class of links of a valid topology. */
    public static ClassRanking rank(Topology topology, UpgradeAdvisor.Options options, Progress progress) {
        long start = System.nanoTime();
        UpgradeBounds bounds = new UpgradeBounds(topology, options.useTightCuts(), progress);
        List<LinkClass> classes = LinkClasses.of(topology);
        List<LinkClass> ranked = new ArrayList<>();
        List<List<Integer>> plans = new ArrayList<>();
        List<SkippedClass> skipped = new ArrayList<>();
        for (LinkClass c : classes) {
            UpgradeBounds.Balancing b = bounds.balance(c.links(), c.name());
            if (b.reason() == null) {
                ranked.add(c);
                plans.add(b.links());
            } else {
                skipped.add(new SkippedClass(c, b.reason()));
            }
        }
        List<ClassCandidate> candidates = new ArrayList<>(UpgradeBounds.onAllCores(ranked.size(),
                i -> candidate(bounds, options, ranked.get(i), plans.get(i)), "upgrade classes", progress));
        candidates.sort(Comparator.comparing(ClassCandidate::allreduceGain).reversed()
                .thenComparing(Comparator.comparing(ClassCandidate::allgatherGain).reversed())
                .thenComparingInt(c -> c.linkClass().index()));
        int top = Math.min(options.breakpoints(), candidates.size());
        for (int i = 0; i < top; i++) {
            progress.checkCancelled();
            progress.report("breakpoints", i / (double) top);
            ClassCandidate c = candidates.get(i);
            List<Integer> links = plans.get(ranked.indexOf(c.linkClass()));
            candidates.set(i, c.withBreakpoint(bounds.breakpoint(links, c.bandwidth(), c.allgatherGain(),
                    c.reduceScatterGain())));
        }
        return new ClassRanking(bounds.before(), classes, candidates, skipped,
                bounds.stats(ranked.size(), System.nanoTime() - start));
    }

    private static ClassCandidate candidate(UpgradeBounds bounds, UpgradeAdvisor.Options options, LinkClass c,
                                            List<Integer> links) {
        Rational add = UpgradeAdvisor.added(options, c.bandwidth());
        UpgradeBounds.Gains g = bounds.evaluate(links, add);
        List<Integer> extra = new ArrayList<>(links.subList(c.links().size(), links.size()));
        return new ClassCandidate(c, bounds.names(extra), add, g.allgather(), g.reduceScatter(), g.allreduce(),
                g.allgatherGain(), g.reduceScatterGain(), g.allreduceGain(), g.provedZero(), null);
    }
}
