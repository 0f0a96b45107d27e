package canopy.ui.insight;

import canopy.engine.Bound;
import canopy.engine.Bounds;
import canopy.model.Link;
import canopy.model.Topology;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The cut behind the allreduce bound, ready to show: the node set S, the links that carry the
 * bandwidth out of S (allgather) or into S (reduce-scatter), and a sentence saying why it limits.
 *
 * <p>Allreduce is reduce-scatter then allgather, so its bound is limited by the slower of the two. For
 * allgather the shards of the {@code cutAccelerators} accelerators in S must all leave S through
 * links of total bandwidth B⁺(S) = {@code cutBandwidth}, hence algbw ≤ N·B⁺(S)/|S ∩ accelerators|.
 * Reduce-scatter is the same on the reversed links: everything S's accelerators receive enters S.
 *
 * @param reduceScatter true when the cut is reduce-scatter's (links into S), false for allgather's
 * @param nodeIds       S
 * @param linkIndices   indices of the topology's links crossing S in that direction (a duplex link
 *                      crosses both ways)
 */
public record BottleneckCut(boolean reduceScatter, Set<String> nodeIds, List<Integer> linkIndices,
                            String sentence) {
    public BottleneckCut {
        nodeIds = Set.copyOf(nodeIds);
        linkIndices = List.copyOf(linkIndices);
    }

    public static BottleneckCut of(Topology t, Bounds bounds) {
        boolean rs = bounds.reduceScatter().algbw().compareTo(bounds.allgather().algbw()) < 0;
        Bound b = rs ? bounds.reduceScatter() : bounds.allgather();
        Set<String> s = new LinkedHashSet<>(b.cut());
        List<Integer> crossing = new ArrayList<>();
        for (int i = 0; i < t.links().size(); i++) {
            Link l = t.links().get(i);
            boolean fromIn = s.contains(l.from());
            boolean toIn = s.contains(l.to());
            if (fromIn == toIn || t.node(l.from()) == null || t.node(l.to()) == null) {
                continue;
            }
            boolean leaves = fromIn; // the link's own direction leaves S
            if (l.duplex() || leaves != rs) {
                crossing.add(i);
            }
        }
        return new BottleneckCut(rs, s, crossing, sentence(t, b, rs, s));
    }

    static String sentence(Topology t, Bound b, boolean rs, Set<String> s) {
        String units = Figures.units(t.units());
        int k = b.cutAccelerators();
        int switches = 0;
        for (String id : s) {
            if (t.node(id) != null && !t.node(id).isAccelerator()) {
                switches++;
            }
        }
        int n = t.acceleratorCount();
        String who = k == 1 ? "This accelerator" : "These " + k + " accelerators";
        if (switches > 0) {
            who += " (with " + Figures.count(switches, "switch") + ")";
        }
        String bw = Figures.bandwidth(b.cutBandwidth()) + " " + units;
        String verb = rs ? "can receive only " + bw + " from the rest of the network"
                : "can send only " + bw + " to the rest of the network";
        String limit = rs ? "reduce-scatter" : "allgather";
        return who + " " + verb + ", so no " + limit + " beats " + n + " × " + Figures.bandwidth(b.cutBandwidth())
                + " / " + k + " = " + Figures.bandwidth(b.algbw()) + " " + units + ".";
    }
}
