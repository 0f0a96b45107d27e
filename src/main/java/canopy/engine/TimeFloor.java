package canopy.engine;

import canopy.model.Collective;
import canopy.model.Rational;

import java.util.Arrays;
import java.util.PriorityQueue;

/**
 * The floor the alpha-beta model's times are measured against (the same as
 * {@code ../shared/tools/time_model.py}'s "lb"): M / the collective's cut bound, plus, once per stage of
 * the bound's construction (allreduce: reduce-scatter then allgather, two; otherwise one), the
 * accelerators' latency diameter, the largest shortest-path latency between two accelerators. No
 * schedule moves M bytes faster than the bound allows, and none finishes a stage before data has
 * crossed between the two farthest accelerators.
 *
 * @param bound      the collective's bound (GB/s), exact
 * @param stages     2 for allreduce, 1 otherwise
 * @param diameterUs the accelerators' latency diameter in µs, exact
 */
public record TimeFloor(Rational bound, int stages, Rational diameterUs) {
    /** The stage of the accelerators' shortest latencies to each other, by accelerators. */
    public static final String STAGE = "finding the latencies between accelerators";

    /**
     * The floor of collective c on g, whose bound is given; links without latency take defaultLatencyUs.
     * Stops on progress between accelerators (a Dijkstra each).
     */
    public static TimeFloor of(NetworkGraph g, Collective c, Rational bound, double defaultLatencyUs, Progress progress) {
        return new TimeFloor(bound, c == Collective.ALLREDUCE ? 2 : 1, diameterUs(g, defaultLatencyUs, progress));
    }

    /** Seconds for M = bytes, exact. */
    public Rational secondsExact(long bytes) {
        Rational latency = diameterUs.multiply(stages).divide(1_000_000);
        if (bound.signum() == 0) {
            return latency;
        }
        return latency.add(Rational.of(bytes, TimeModel.BYTES_PER_GB).divide(bound));
    }

    public double seconds(long bytes) {
        return secondsExact(bytes).toDouble();
    }

    /**
     * The largest, over ordered pairs of accelerators, shortest-path latency (µs): the largest of
     * {@link #eccentricities}.
     */
    static Rational diameterUs(NetworkGraph g, double defaultLatencyUs, Progress progress) {
        LatencyScale scale = LatencyScale.of(g, defaultLatencyUs);
        long worst = 0;
        for (long e : eccentricities(g, scale, progress)) {
            worst = Math.max(worst, e);
        }
        return scale.micros(worst);
    }

    /**
     * Per accelerator (in g's accelerator order), the largest shortest-path latency from it to another
     * accelerator, in scale's whole-number units. One Dijkstra per accelerator, in longs, so exact; the
     * progress checked before each (1,024 of them take up to a second on a busy machine).
     */
    static long[] eccentricities(NetworkGraph g, LatencyScale scale, Progress progress) {
        long[] w = scale.arcs();
        int n = g.nodeCount();
        int[] acc = g.accelerators();
        long[] eccentricity = new long[acc.length];
        long[] dist = new long[n];
        LoopProgress steps = new LoopProgress(progress, STAGE, acc.length);
        for (int i = 0; i < acc.length; i++) {
            steps.step();
            int s = acc[i];
            Arrays.fill(dist, Long.MAX_VALUE);
            dist[s] = 0;
            PriorityQueue<long[]> pq = new PriorityQueue<>((x, y) -> Long.compare(x[0], y[0]));
            pq.add(new long[] {0, s});
            while (!pq.isEmpty()) {
                long[] top = pq.poll();
                int u = (int) top[1];
                if (top[0] > dist[u]) {
                    continue;
                }
                for (int a : g.outArcs(u)) {
                    int v = g.arcTo(a);
                    long d = top[0] + w[a];
                    if (d < dist[v]) {
                        dist[v] = d;
                        pq.add(new long[] {d, v});
                    }
                }
            }
            for (int t : acc) {
                if (dist[t] != Long.MAX_VALUE) {
                    eccentricity[i] = Math.max(eccentricity[i], dist[t]);
                }
            }
        }
        return eccentricity;
    }
}
