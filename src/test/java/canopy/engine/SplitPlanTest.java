package canopy.engine;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SplitPlanTest {

    /**
     * Switch 9 with ports 0, 1 (inside T) and 2, 3 (outside): a plan pairing 0→1 and 2→3 adds
     * nothing to T's in-cut; the repair exchanges partners into 0→3 and 2→1, which adds what it
     * moved, keeps every port's totals and makes no loop.
     */
    @Test
    void repairExchangesPartnersAcrossTheViolatedSet() {
        SplitPlan plan = new SplitPlan(List.of(new SwitchSplitter.Split(0, 9, 1, 5),
                new SwitchSplitter.Split(2, 9, 3, 7)));
        boolean[] t = new boolean[10];
        t[0] = true;
        t[1] = true;
        assertEquals(3, plan.repair(t, 3));
        long[] in = new long[10];
        long[] out = new long[10];
        long entering = 0;
        for (SwitchSplitter.Split sp : plan.splits()) {
            in[sp.u()] += sp.amount();
            out[sp.t()] += sp.amount();
            if (!t[sp.u()] && t[sp.t()]) {
                entering += sp.amount();
            }
            assertEquals(false, sp.u() == sp.t(), "no loop: " + sp);
        }
        assertEquals(3, entering);
        assertEquals(5, in[0]);
        assertEquals(7, in[2]);
        assertEquals(5, out[1]);
        assertEquals(7, out[3]);
        // Asking for more than the exchanges can give stops at what they give.
        assertEquals(2, plan.repair(t, 10));
    }
}
