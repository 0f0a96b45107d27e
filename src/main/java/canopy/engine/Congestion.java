package canopy.engine;

import canopy.model.Rational;
import canopy.model.Schedule;
import canopy.model.Topology;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * How busy a schedule keeps each directed link: the one definition of congestion, computed here and
 * only here, that the Schedule panel, diagram export, {@code canopy render}, the Compare window and the
 * comparison's "max util." all show, so one link has one colour everywhere.
 *
 * <p><b>Definition.</b> A link's utilisation is its busy time over the collective's time, both per
 * byte of buffer (the size cancels):
 *
 * <pre>
 *   utilisation(link) = Σ over stages s of load_s(link) / bandwidth(link)
 *                       ─────────────────────────────────────────────────
 *                       Σ over stages s of max over links (load_s / bandwidth)
 * </pre>
 *
 * Exact, in [0, 1]. For a one-stage schedule (allgather, reduce-scatter) it is the stage's busy
 * fraction, 1 on the bottleneck links. For allreduce (reduce-scatter then allgather) it is the share
 * of the whole operation the link works. The alternative, the largest per-stage fraction, was rejected:
 * it paints a link that is saturated in one stage and idle in the other as red as one saturated in
 * both, so the colour no longer says where the time goes; the per-stage view stays in
 * {@link ScheduleAnalyzer.LinkUse#utilisationByStage()} (the analyze command's table) and the links
 * that set a stage's time stay marked as {@link #bottlenecks()}.
 *
 * @param utilisation per directed arc ("from->to", {@link #arc}), every arc of the topology, exact
 * @param trees       per arc, how many trees (all stages) have a path crossing it
 * @param bottlenecks the arcs that attain the largest load / bandwidth of some stage
 */
public record Congestion(Map<String, Rational> utilisation, Map<String, Integer> trees, Set<String> bottlenecks) {
    public Congestion {
        utilisation = Collections.unmodifiableMap(new LinkedHashMap<>(utilisation));
        trees = Collections.unmodifiableMap(new LinkedHashMap<>(trees));
        bottlenecks = Collections.unmodifiableSet(new LinkedHashSet<>(bottlenecks));
    }

    /** The key of a directed arc in these maps. */
    public static String arc(String from, String to) {
        return from + "->" + to;
    }

    /** The congestion of s on t (s must use only links of t). */
    public static Congestion of(Topology t, Schedule s) {
        return of(ScheduleAnalyzer.analyze(t, s));
    }

    /** The congestion an analysis implies; an empty schedule (no time) leaves every link at 0. */
    public static Congestion of(ScheduleAnalyzer.Analysis a) {
        Map<String, Rational> util = new LinkedHashMap<>();
        Map<String, Integer> trees = new LinkedHashMap<>();
        Set<String> bottlenecks = new LinkedHashSet<>();
        Rational total = a.timePerBuffer();
        for (ScheduleAnalyzer.LinkUse l : a.links()) {
            String key = arc(l.from(), l.to());
            Rational busy = Rational.ZERO;
            for (Rational load : l.loadByStage().values()) {
                busy = busy.add(load.divide(l.bandwidth()));
            }
            util.put(key, total.signum() == 0 ? Rational.ZERO : busy.divide(total));
            trees.put(key, l.trees());
            if (l.bottleneck()) {
                bottlenecks.add(key);
            }
        }
        return new Congestion(util, trees, bottlenecks);
    }

    /** The largest utilisation over all links; zero when there are none. */
    public Rational max() {
        Rational max = Rational.ZERO;
        for (Rational u : utilisation.values()) {
            max = max.max(u);
        }
        return max;
    }

    /** The utilisations as doubles, for drawing. */
    public Map<String, Double> values() {
        Map<String, Double> out = new LinkedHashMap<>();
        utilisation.forEach((k, v) -> out.put(k, v.toDouble()));
        return out;
    }
}
