package canopy.layout;

import canopy.model.Link;
import canopy.model.Node;
import canopy.model.Topology;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A layout "layered by group", in the style of the generators: fabric switches on top, boxes below.
 *
 * <ul>
 *   <li>Blocks: every {@link Node#group()} is a block; the ungrouped accelerators form one more block
 *       (named by {@link #UNGROUPED}). An ungrouped switch all of whose accelerator neighbours lie in one
 *       block belongs to that block.</li>
 *   <li>Fabric: the other switches (those joining several blocks, like spines and rails, or only other
 *       switches) sit in rows above all blocks: tier 1, next to the blocks, right above them, the switches
 *       only reachable through tier 1 a row higher, and so on.</li>
 *   <li>Each block is a box: its switches on one line, its accelerators on the line below (wrapped when
 *       there are many). Switches are ordered by the barycentre of their accelerators, accelerators by
 *       the barycentre of their switches (topology order breaks ties), fabric switches by the barycentre
 *       of their neighbours below, to reduce crossings.</li>
 *   <li>Boxes stand side by side, {@link #BOX_GAP} apart, wrapping after {@link #BOXES_PER_ROW} boxes or
 *       a row {@link #MAX_ROW_WIDTH} wide.</li>
 * </ul>
 * Spacing follows {@code TopologyGenerators}: {@link #NODE_DX} between neighbours on a line, 100 from
 * a box's switch line to its accelerators, 160 from the fabric to the boxes. The top-left is (0, 0).
 * Deterministic, pure computation, no toolkit.
 */
public final class LayeredLayout {
    /** Horizontal distance between nodes on one line (the generators' GPU_DX). */
    public static final double NODE_DX = 70;
    /** Gap between boxes side by side (the generators' BOX_GAP). */
    public static final double BOX_GAP = 80;
    /** Vertical gap between rows of boxes and from the fabric to the first row. */
    public static final double ROW_GAP = 160;
    /** From a box's switch line to its first accelerator line. */
    public static final double SWITCH_TO_ACCELERATORS = 100;
    /** Between wrapped accelerator lines of one box. */
    public static final double LINE_DY = 80;
    public static final int BOXES_PER_ROW = 16;
    public static final double MAX_ROW_WIDTH = BOXES_PER_ROW * (8 * NODE_DX + BOX_GAP);
    /** The block key of the ungrouped accelerators (not a valid group name in practice). */
    public static final String UNGROUPED = "\u0000ungrouped";

    private static final int MIN_PER_LINE = 16;

    private LayeredLayout() {
    }

    /** Positions (id → {x, y}) of every node of t. */
    public static Map<String, double[]> layout(Topology t) {
        List<Node> nodes = distinct(t);
        Map<String, List<String>> neighbours = neighbours(t, nodes);
        Map<String, Node> byId = new HashMap<>();
        for (Node n : nodes) {
            byId.put(n.id(), n);
        }

        // blocks in order of first appearance
        Map<String, String> blockOf = new HashMap<>();
        Map<String, Block> blocks = new LinkedHashMap<>();
        for (Node n : nodes) {
            String key = n.group() != null ? n.group() : n.isAccelerator() ? UNGROUPED : null;
            if (key != null) {
                blockOf.put(n.id(), key);
                blocks.computeIfAbsent(key, Block::new);
            }
        }
        List<Node> fabric = new ArrayList<>();
        for (Node n : nodes) {
            if (blockOf.containsKey(n.id())) {
                continue;
            }
            Set<String> seen = new LinkedHashSet<>();
            for (String m : neighbours.get(n.id())) {
                Node other = byId.get(m);
                if (other.isAccelerator()) {
                    seen.add(blockOf.get(m));
                }
            }
            if (seen.size() == 1) {
                blockOf.put(n.id(), seen.iterator().next());
            } else {
                fabric.add(n);
            }
        }
        for (Node n : nodes) {
            String key = blockOf.get(n.id());
            if (key != null) {
                Block b = blocks.get(key);
                (n.isAccelerator() ? b.accelerators : b.switches).add(n.id());
            }
        }

        Map<String, double[]> out = new LinkedHashMap<>();
        Map<String, Integer> order = new HashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            order.put(nodes.get(i).id(), i);
        }

        // fabric tiers: 1 next to a block, then one more per switch hop
        Map<String, Integer> tier = new HashMap<>();
        List<String> frontier = new ArrayList<>();
        for (Node f : fabric) {
            for (String m : neighbours.get(f.id())) {
                if (blockOf.containsKey(m)) {
                    tier.put(f.id(), 1);
                    frontier.add(f.id());
                    break;
                }
            }
        }
        while (!frontier.isEmpty()) {
            List<String> next = new ArrayList<>();
            for (String id : frontier) {
                for (String m : neighbours.get(id)) {
                    if (!blockOf.containsKey(m) && !tier.containsKey(m)) {
                        tier.put(m, tier.get(id) + 1);
                        next.add(m);
                    }
                }
            }
            frontier = next;
        }
        int tiers = 0;
        for (Node f : fabric) {
            tier.putIfAbsent(f.id(), 1); // switches linked to nothing in a block: with tier 1
            tiers = Math.max(tiers, tier.get(f.id()));
        }
        double blocksTop = tiers * ROW_GAP;

        // order inside blocks: switches by their accelerators, accelerators by their switches
        for (Block b : blocks.values()) {
            b.order(neighbours, order);
        }

        // boxes in rows
        double x0 = 0;
        double y0 = blocksTop;
        double rowHeight = 0;
        int inRow = 0;
        for (Block b : blocks.values()) {
            double w = b.width();
            if (inRow > 0 && (inRow == BOXES_PER_ROW || x0 + w > MAX_ROW_WIDTH)) {
                x0 = 0;
                y0 += rowHeight + ROW_GAP;
                rowHeight = 0;
                inRow = 0;
            }
            b.place(x0, y0, out);
            x0 += w + BOX_GAP;
            rowHeight = Math.max(rowHeight, b.height());
            inRow++;
        }
        double width = 0;
        for (double[] p : out.values()) {
            width = Math.max(width, p[0]);
        }
        width += NODE_DX;

        // fabric rows from tier 1 up, each ordered by the barycentre of what lies below
        for (int k = 1; k <= tiers; k++) {
            List<String> row = new ArrayList<>();
            for (Node f : fabric) {
                if (tier.get(f.id()) == k) {
                    row.add(f.id());
                }
            }
            Map<String, Double> bary = new HashMap<>();
            for (String id : row) {
                bary.put(id, barycentre(id, neighbours, out, order));
            }
            row.sort(Comparator.<String>comparingDouble(bary::get).thenComparing(order::get));
            double y = (tiers - k) * ROW_GAP;
            int m = row.size();
            double span = Math.max(width, m * NODE_DX);
            for (int i = 0; i < m; i++) {
                double x = m == 1 ? (span - NODE_DX) / 2 : i * (span - NODE_DX) / (m - 1);
                out.put(row.get(i), new double[] {x, y});
            }
        }

        // topology order in the result
        Map<String, double[]> result = new LinkedHashMap<>();
        for (Node n : nodes) {
            result.put(n.id(), out.get(n.id()));
        }
        return result;
    }

    /** Mean x of the placed neighbours (by topology order when none is placed yet). */
    private static double barycentre(String id, Map<String, List<String>> neighbours, Map<String, double[]> placed,
                                     Map<String, Integer> order) {
        double sum = 0;
        int count = 0;
        for (String m : neighbours.get(id)) {
            double[] p = placed.get(m);
            if (p != null) {
                sum += p[0];
                count++;
            }
        }
        return count == 0 ? Double.MAX_VALUE / 2 + order.get(id) : sum / count;
    }

    private static List<Node> distinct(Topology t) {
        Set<String> seen = new LinkedHashSet<>();
        List<Node> out = new ArrayList<>();
        for (Node n : t.nodes()) {
            if (seen.add(n.id())) {
                out.add(n);
            }
        }
        return out;
    }

    private static Map<String, List<String>> neighbours(Topology t, List<Node> nodes) {
        Map<String, Set<String>> sets = new LinkedHashMap<>();
        for (Node n : nodes) {
            sets.put(n.id(), new LinkedHashSet<>());
        }
        for (Link l : t.links()) {
            Set<String> a = sets.get(l.from());
            Set<String> b = sets.get(l.to());
            if (a != null && b != null && !l.from().equals(l.to())) {
                a.add(l.to());
                b.add(l.from());
            }
        }
        Map<String, List<String>> out = new HashMap<>();
        sets.forEach((k, v) -> out.put(k, new ArrayList<>(v)));
        return out;
    }

    /** One box: its switches on a line, its accelerators below. */
    private static final class Block {
        final String key;
        final List<String> switches = new ArrayList<>();
        final List<String> accelerators = new ArrayList<>();

        Block(String key) {
            this.key = key;
        }

        int perLine() {
            int n = accelerators.size();
            return n <= MIN_PER_LINE ? Math.max(1, n) : Math.max(MIN_PER_LINE, (int) Math.ceil(Math.sqrt(2.0 * n)));
        }

        int lines() {
            return accelerators.isEmpty() ? 0 : (accelerators.size() + perLine() - 1) / perLine();
        }

        double width() {
            int cols = Math.max(switches.size(), accelerators.isEmpty() ? 0 : perLine());
            return Math.max(1, cols) * NODE_DX;
        }

        double height() {
            double h = 0;
            if (!accelerators.isEmpty()) {
                h = (switches.isEmpty() ? 0 : SWITCH_TO_ACCELERATORS) + (lines() - 1) * LINE_DY;
            }
            return h;
        }

        /** Two barycentre sweeps: switches by their accelerators' slots, then accelerators by their switches'. */
        void order(Map<String, List<String>> neighbours, Map<String, Integer> topologyOrder) {
            if (switches.size() < 2 && accelerators.size() < 2) {
                return;
            }
            Map<String, Double> slot = new HashMap<>();
            accelerators.sort(Comparator.comparing(topologyOrder::get));
            switches.sort(Comparator.comparing(topologyOrder::get));
            for (int sweep = 0; sweep < 2; sweep++) {
                slots(accelerators, slot);
                sortBy(switches, neighbours, slot, topologyOrder);
                slots(switches, slot);
                sortBy(accelerators, neighbours, slot, topologyOrder);
            }
        }

        private static void slots(List<String> line, Map<String, Double> slot) {
            for (int i = 0; i < line.size(); i++) {
                slot.put(line.get(i), line.size() == 1 ? 0.5 : i / (double) (line.size() - 1));
            }
        }

        private static void sortBy(List<String> line, Map<String, List<String>> neighbours, Map<String, Double> slot,
                                   Map<String, Integer> topologyOrder) {
            Map<String, Double> key = new HashMap<>();
            for (int i = 0; i < line.size(); i++) {
                String id = line.get(i);
                double sum = 0;
                int count = 0;
                for (String m : neighbours.get(id)) {
                    Double s = slot.get(m);
                    if (s != null && !line.contains(m)) {
                        sum += s;
                        count++;
                    }
                }
                // nodes without neighbours on the other line keep their relative place
                key.put(id, count == 0 ? (line.size() == 1 ? 0.5 : i / (double) (line.size() - 1)) : sum / count);
            }
            line.sort(Comparator.<String>comparingDouble(key::get).thenComparing(topologyOrder::get));
        }

        void place(double x0, double y0, Map<String, double[]> out) {
            double w = width();
            int s = switches.size();
            for (int i = 0; i < s; i++) {
                // centred over the box, NODE_DX apart
                double x = x0 + (w - s * NODE_DX) / 2 + i * NODE_DX;
                out.put(switches.get(i), new double[] {x, y0});
            }
            double top = y0 + (s == 0 ? 0 : SWITCH_TO_ACCELERATORS);
            int per = perLine();
            int a = accelerators.size();
            for (int i = 0; i < a; i++) {
                int line = i / per;
                int onLine = Math.min(per, a - line * per);
                double x = x0 + (w - onLine * NODE_DX) / 2 + (i % per) * NODE_DX;
                out.put(accelerators.get(i), new double[] {x, top + line * LINE_DY});
            }
        }

        @Override
        public String toString() {
            return key + Arrays.asList(switches, accelerators);
        }
    }
}
