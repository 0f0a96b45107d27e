package canopy.cli;

import canopy.engine.TimeModel;
import canopy.model.Rational;
import canopy.model.Schedule;
import canopy.model.ScheduleTree;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** How deep a schedule's trees are (physical hops and latency), as schedule and analyze print it. */
final class TreeDepths {
    private TreeDepths() {
    }

    /** "deepest 12 hops, 12.10 µs (allgather tree of gpu0, stage 0); median 8 hops, 8.00 µs". */
    static String summary(Schedule s, TimeModel m) {
        List<Integer> order = byLatency(m);
        if (order.isEmpty()) {
            return "no trees";
        }
        int deepest = order.get(0);
        int median = order.get(order.size() / 2);
        return "deepest " + one(s, m, deepest) + "; median " + Cli.plural(m.treeDepthHops().get(median), "hop")
                + ", " + us(m.treeLatencyUs().get(median));
    }

    /** "stage 0 12.10 µs, stage 1 12.10 µs". */
    static String stages(TimeModel m) {
        List<String> parts = new ArrayList<>();
        for (Map.Entry<Integer, Rational> e : m.stageLatencyUs().entrySet()) {
            parts.add("stage " + e.getKey() + " " + us(e.getValue()));
        }
        return String.join(", ", parts);
    }

    /** The n deepest trees, deepest first: "12 hops, 12.10 µs (allgather tree of gpu0, stage 0)". */
    static List<String> deepest(Schedule s, TimeModel m, int n) {
        List<String> out = new ArrayList<>();
        for (int i : byLatency(m).subList(0, Math.min(n, m.treeLatencyUs().size()))) {
            out.add("#" + (i + 1) + ": " + one(s, m, i));
        }
        return out;
    }

    private static String one(Schedule s, TimeModel m, int i) {
        ScheduleTree t = s.trees().get(i);
        return Cli.plural(m.treeDepthHops().get(i), "hop") + ", " + us(m.treeLatencyUs().get(i)) + " ("
                + t.phase().jsonName() + " tree of " + t.root() + ", stage " + t.stage() + ")";
    }

    /** Tree indices, deepest latency first, then most hops, then schedule order. */
    private static List<Integer> byLatency(TimeModel m) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < m.treeLatencyUs().size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.<Integer, Rational>comparing(i -> m.treeLatencyUs().get(i)).reversed()
                .thenComparing(Comparator.<Integer, Integer>comparing(i -> m.treeDepthHops().get(i)).reversed())
                .thenComparing(i -> i));
        return order;
    }

    private static String us(Rational micros) {
        return Cli.duration(micros.toDouble() / 1e6);
    }
}
