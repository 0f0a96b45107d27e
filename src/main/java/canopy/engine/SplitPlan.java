package canopy.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A complete splitting guess for a round of switches: for each switch w, how many units go from
 * in-port u to out-port t. A check that refuses the guess names a violated node set T (the sink side
 * of a failing min cut) and its deficit; what the split arcs add to T's in-cut is the units from
 * outside T to inside T, so {@link #repair} raises it by exchanging partners: units a→b with both
 * ports outside T and c→d with both inside become a→d and c→b (never a loop, since a ∉ T ∋ d and
 * c ∈ T ∌ b). Learning from the refusal, rather than halving the guess blindly.
 */
final class SplitPlan {
    /** Per switch: in-port u, out-port t (packed as u<<32|t) → units. */
    private final Map<Integer, Map<Long, Long>> bySwitch = new LinkedHashMap<>();

    SplitPlan(List<SwitchSplitter.Split> splits) {
        for (SwitchSplitter.Split sp : splits) {
            add(sp.w(), sp.u(), sp.t(), sp.amount());
        }
    }

    private void add(int w, int u, int t, long amount) {
        Map<Long, Long> units = bySwitch.computeIfAbsent(w, x -> new LinkedHashMap<>());
        units.merge(key(u, t), amount, Long::sum);
        if (units.get(key(u, t)) == 0) {
            units.remove(key(u, t));
        }
    }

    List<SwitchSplitter.Split> splits() {
        List<SwitchSplitter.Split> out = new ArrayList<>();
        for (Map.Entry<Integer, Map<Long, Long>> e : bySwitch.entrySet()) {
            for (Map.Entry<Long, Long> p : e.getValue().entrySet()) {
                out.add(new SwitchSplitter.Split((int) (p.getKey() >>> 32), e.getKey(),
                        (int) (p.getKey() & 0xffffffffL), p.getValue()));
            }
        }
        return out;
    }

    /**
     * Exchanges partners at the switches of the plan until T's in-cut has gained deficit units or
     * no exchange is left; returns the units gained.
     */
    long repair(boolean[] sinkSide, long deficit) {
        long gained = 0;
        for (Map.Entry<Integer, Map<Long, Long>> e : bySwitch.entrySet()) {
            if (gained >= deficit) {
                break;
            }
            int w = e.getKey();
            Map<Long, Long> units = e.getValue();
            List<Long> outside = new ArrayList<>();
            List<Long> inside = new ArrayList<>();
            for (long k : units.keySet()) {
                boolean u = sinkSide[(int) (k >>> 32)];
                boolean t = sinkSide[(int) (k & 0xffffffffL)];
                if (!u && !t) {
                    outside.add(k);
                } else if (u && t) {
                    inside.add(k);
                }
            }
            int i = 0;
            int j = 0;
            while (i < outside.size() && j < inside.size() && gained < deficit) {
                long ab = outside.get(i);
                long cd = inside.get(j);
                long m = Math.min(deficit - gained, Math.min(units.getOrDefault(ab, 0L), units.getOrDefault(cd, 0L)));
                if (m <= 0) {
                    if (units.getOrDefault(ab, 0L) == 0) {
                        i++;
                    } else {
                        j++;
                    }
                    continue;
                }
                int a = (int) (ab >>> 32);
                int b = (int) (ab & 0xffffffffL);
                int c = (int) (cd >>> 32);
                int d = (int) (cd & 0xffffffffL);
                add(w, a, b, -m);
                add(w, c, d, -m);
                add(w, a, d, m);
                add(w, c, b, m);
                gained += m;
            }
        }
        return gained;
    }

    private static long key(int u, int t) {
        return ((long) u << 32) | (t & 0xffffffffL);
    }
}
