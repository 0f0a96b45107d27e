package canopy.engine;

import canopy.model.Collective;
import canopy.model.Rational;
import canopy.model.Topology;

/**
 * The three bounds of a topology: allgather on its links, reduce-scatter on the reversed links, and
 * allreduce (reduce-scatter then allgather) = 1 / (1/AG + 1/RS).
 */
public record Bounds(Bound allgather, Bound reduceScatter, Rational allreduce) {

    public static Bounds of(Topology topology) {
        return of(NetworkGraph.of(topology), Progress.NONE);
    }

    public static Bounds of(NetworkGraph graph, Progress progress) {
        Bound ag = CutBound.compute(graph, progress);
        Bound rs = CutBound.compute(graph.reversed(), progress);
        return new Bounds(ag, rs, combine(ag.algbw(), rs.algbw()));
    }

    /** 1 / (1/a + 1/b): the algbw of running two stages one after the other. */
    public static Rational combine(Rational a, Rational b) {
        if (a.signum() == 0 || b.signum() == 0) {
            return Rational.ZERO;
        }
        return a.multiply(b).divide(a.add(b));
    }

    public Rational of(Collective c) {
        return switch (c) {
            case ALLGATHER -> allgather.algbw();
            case REDUCE_SCATTER -> reduceScatter.algbw();
            case ALLREDUCE -> allreduce;
        };
    }

    /** The cut behind a collective's bound (allreduce: the cut of its slower half). */
    public Bound cutOf(Collective c) {
        return switch (c) {
            case ALLGATHER -> allgather;
            case REDUCE_SCATTER -> reduceScatter;
            case ALLREDUCE -> allgather.algbw().compareTo(reduceScatter.algbw()) <= 0 ? allgather : reduceScatter;
        };
    }
}
