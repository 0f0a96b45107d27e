package canopy.engine;

import canopy.model.Phase;
import canopy.model.Rational;
import canopy.model.Schedule;
import canopy.model.ScheduleTree;
import canopy.model.TreeEdge;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Minimal structural checks for engine tests: trees span, paths exist, shares add up per root. */
final class SpanningCheck {
    private SpanningCheck() {
    }

    static void assertValid(NetworkGraph g, Schedule s) {
        Map<String, Rational> shares = new HashMap<>();
        for (ScheduleTree t : s.trees()) {
            Map<String, String> parent = new HashMap<>();
            for (TreeEdge e : t.edges()) {
                for (int i = 0; i + 1 < e.path().size(); i++) {
                    assertTrue(g.arc(g.indexOf(e.path().get(i)), g.indexOf(e.path().get(i + 1))) >= 0,
                            "missing link in " + e);
                }
                String child = t.phase() == Phase.REDUCE_SCATTER ? e.from() : e.to();
                String par = t.phase() == Phase.REDUCE_SCATTER ? e.to() : e.from();
                assertTrue(parent.put(child, par) == null, "two parents for " + child);
            }
            assertEquals(g.acceleratorCount() - 1, parent.size());
            for (int v : g.accelerators()) {
                String x = g.id(v);
                int steps = 0;
                while (!x.equals(t.root())) {
                    x = parent.get(x);
                    assertTrue(x != null && steps++ < g.acceleratorCount(), "not joined to root");
                }
            }
            shares.merge(t.phase() + "/" + t.root(), t.share(), Rational::add);
        }
        for (Rational r : shares.values()) {
            assertEquals(Rational.ONE, r);
        }
    }
}
