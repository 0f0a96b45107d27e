package canopy.engine;

import canopy.model.Collective;
import canopy.model.Direction;
import canopy.model.Phase;
import canopy.model.Rational;
import canopy.model.Schedule;
import canopy.model.ScheduleTree;
import canopy.model.Topology;
import canopy.model.TreeEdge;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Checks a schedule against its topology, the same checks as {@code tools/verify_schedule.py}, with
 * code of its own and exact arithmetic:
 * <ul>
 *   <li>every tree's vertices are accelerators, every edge's path runs from → to over existing directed
 *       links and crosses only switches in between;</li>
 *   <li>every tree has the direction its phase needs and spans all accelerators (an out-tree from its
 *       root, an in-tree to it), no vertex with two parents, the root with none;</li>
 *   <li>shares are positive and add up to exactly 1 per root (allgather, reduce-scatter; every
 *       accelerator must be a root) or per phase (reduce, broadcast);</li>
 *   <li>the collective is covered: allgather needs allgather trees, reduce-scatter needs reduce-scatter
 *       trees, allreduce needs both, or reduce and broadcast;</li>
 *   <li>the recomputed algbw (loads of every stage, stages added) equals the reported one exactly, and
 *       equals {@code optimalOrNull} when that is given.</li>
 * </ul>
 * Problems are one line each and name the tree (index and root) and, where one is at fault, the link.
 */
public final class ScheduleVerifier {
    private ScheduleVerifier() {
    }

    /** ok is true when problems is empty; recomputedAlgbw is exact (zero for an empty schedule). */
    public record VerificationResult(boolean ok, Rational recomputedAlgbw, List<String> problems) {
        public VerificationResult {
            problems = List.copyOf(problems);
        }
    }

    public static VerificationResult verify(Topology t, Schedule s) {
        return verify(t, s, null);
    }

    public static VerificationResult verify(Topology t, Schedule s, Rational optimalOrNull) {
        NetworkGraph g = NetworkGraph.of(t);
        int[] accIdx = g.accelerators();
        int n = accIdx.length;
        List<String> acc = new ArrayList<>(n);
        for (int v : accIdx) {
            acc.add(g.id(v));
        }
        Set<String> accSet = new HashSet<>(acc);
        List<String> problems = new ArrayList<>();
        Map<String, Rational> shares = new LinkedHashMap<>();
        Map<String, List<Integer>> shareTrees = new HashMap<>();
        Set<Phase> phases = EnumSet.noneOf(Phase.class);
        // Loads are sums of shares: kept as integers over one common denominator (bounded by the
        // schedule reader), so each hop costs an integer addition, never a fraction's gcd.
        java.math.BigInteger common = java.math.BigInteger.ONE;
        for (ScheduleTree tree : s.trees()) {
            if (tree.share() != null && tree.share().signum() > 0 && tree.phase() != null) {
                java.math.BigInteger d = (tree.phase().perShard() ? tree.share().divide(Math.max(1, n)) : tree.share())
                        .denominator();
                if (common.mod(d).signum() != 0) {
                    common = common.divide(common.gcd(d)).multiply(d);
                }
            }
        }
        TreeMap<Integer, java.math.BigInteger[]> stageLoad = new TreeMap<>();
        List<ScheduleTree> trees = s.trees();
        for (int i = 0; i < trees.size(); i++) {
            ScheduleTree tree = trees.get(i);
            String name = "tree " + i + " (root " + tree.root() + ")";
            Rational share = tree.share();
            if (share == null || share.signum() <= 0) {
                problems.add(name + ": share " + share + " is not positive");
                share = share == null ? Rational.ZERO : share;
            }
            Phase phase = tree.phase();
            List<Integer> arcs = checkTree(name, tree, g, accSet, acc, problems);
            if (phase == null) {
                problems.add(name + ": unknown phase");
                continue;
            }
            phases.add(phase);
            String key = phase.perShard() ? phase.jsonName() + " shares of " + tree.root()
                    : phase.jsonName() + " shares of the buffer";
            shares.merge(key, share, Rational::add);
            shareTrees.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
            if (share.signum() <= 0) {
                continue;
            }
            Rational perLink = phase.perShard() ? share.divide(Math.max(1, n)) : share;
            java.math.BigInteger units = perLink.numerator().multiply(common.divide(perLink.denominator()));
            java.math.BigInteger[] load = stageLoad.computeIfAbsent(tree.stage(), st -> integerZeros(g.arcCount()));
            for (int a : arcs) {
                load[a] = load[a].add(units);
            }
        }
        for (Map.Entry<String, Rational> e : shares.entrySet()) {
            if (!e.getValue().equals(Rational.ONE)) {
                List<Integer> idx = shareTrees.get(e.getKey());
                problems.add(e.getKey() + " (tree" + (idx.size() == 1 ? " " : "s ")
                        + idx.subList(0, Math.min(8, idx.size())).toString().replaceAll("[\\[\\]]", "")
                        + (idx.size() > 8 ? ", ..." : "") + ") add up to " + clip(e.getValue()) + ", not 1");
            }
        }
        for (Phase p : phases) {
            if (p.perShard()) {
                List<String> missing = new ArrayList<>();
                for (String v : acc) {
                    if (!shares.containsKey(p.jsonName() + " shares of " + v)) {
                        missing.add(v);
                    }
                }
                if (!missing.isEmpty()) {
                    problems.add(p.jsonName() + ": no trees rooted at " + missing.subList(0, Math.min(5,
                            missing.size())) + (missing.size() > 5 ? " and " + (missing.size() - 5) + " more" : ""));
                }
            }
        }
        Collective c = s.collective();
        String order = stageOrderProblem(c, trees);
        if (order != null) {
            problems.add(order);
        }
        if (c == null) {
            problems.add("unknown collective");
        } else {
            boolean covered = switch (c) {
                case ALLGATHER -> phases.contains(Phase.ALLGATHER);
                case REDUCE_SCATTER -> phases.contains(Phase.REDUCE_SCATTER);
                case ALLREDUCE -> phases.containsAll(EnumSet.of(Phase.REDUCE_SCATTER, Phase.ALLGATHER))
                        || phases.containsAll(EnumSet.of(Phase.REDUCE, Phase.BROADCAST));
            };
            if (!covered) {
                problems.add(c.jsonName() + " is not covered by the phases " + phaseNames(phases));
            }
        }
        Rational time = Rational.ZERO;
        for (java.math.BigInteger[] load : stageLoad.values()) {
            Rational worst = Rational.ZERO;
            for (int a = 0; a < load.length; a++) {
                if (load[a].signum() != 0) {
                    Rational l = Rational.of(load[a], common);
                    worst = worst.max(l.divide(g.bandwidth(a)));
                }
            }
            time = time.add(worst);
        }
        Rational algbw = time.signum() == 0 ? Rational.ZERO : time.reciprocal();
        if (s.algbw() == null) {
            problems.add("no reported algbw; recomputed " + algbw);
        } else if (!s.algbw().equals(algbw)) {
            problems.add("reported algbw " + clip(s.algbw()) + " != recomputed " + clip(algbw) + " (" + algbw.toDouble() + ")");
        }
        if (optimalOrNull != null && !optimalOrNull.equals(algbw)) {
            problems.add("algbw " + clip(algbw) + " (" + algbw.toDouble() + ") is not the optimum " + clip(optimalOrNull) + " ("
                    + optimalOrNull.toDouble() + ")");
        }
        return new VerificationResult(problems.isEmpty(), algbw, problems);
    }

    /** Checks one tree's shape; returns the arcs its paths use (each hop once per edge). */
    private static List<Integer> checkTree(String name, ScheduleTree tree, NetworkGraph g, Set<String> accSet,
                                           List<String> acc, List<String> problems) {
        Phase phase = tree.phase();
        String root = tree.root();
        Direction need = phase == null ? null : phase.direction();
        Direction dir = tree.direction() == null ? need : tree.direction();
        if (need != null && dir != need) {
            problems.add(name + ": phase " + phase + " with direction " + dir.jsonName() + ", needs "
                    + need.jsonName());
        }
        if (!accSet.contains(root)) {
            problems.add(name + ": root " + root + " is not an accelerator");
        }
        Map<String, String> parent = new HashMap<>();
        List<Integer> arcs = new ArrayList<>();
        for (TreeEdge e : tree.edges()) {
            String u = e.from();
            String v = e.to();
            for (String x : new String[]{u, v}) {
                if (!accSet.contains(x)) {
                    problems.add(name + ": vertex " + x + " is not an accelerator");
                }
            }
            List<String> path = e.path();
            if (path.size() < 2 || !path.get(0).equals(u) || !path.get(path.size() - 1).equals(v)) {
                problems.add(name + ": path " + path + " does not run " + u + "->" + v);
            }
            String relay = crossedAccelerator(path, g);
            if (relay != null) {
                problems.add(name + ": edge " + u + "->" + v + " passes through accelerator " + relay
                        + "; between its ends a path may cross only switches");
            }
            for (int k = 0; k + 1 < path.size(); k++) {
                int a = g.arc(g.indexOf(path.get(k)), g.indexOf(path.get(k + 1)));
                if (a < 0) {
                    problems.add(name + ": edge " + u + "->" + v + " uses link " + path.get(k) + "->"
                            + path.get(k + 1) + ", which does not exist");
                } else {
                    arcs.add(a);
                }
            }
            String child = dir == Direction.IN ? u : v;
            String par = dir == Direction.IN ? v : u;
            if (parent.containsKey(child)) {
                problems.add(name + ": " + child + " has two parents");
            }
            parent.put(child, par);
        }
        if (parent.containsKey(root)) {
            problems.add(name + ": root " + root + " has a parent (" + parent.get(root) + ")");
        }
        // joined: 1 = reaches the root through parents, 2 = does not; walked once per vertex
        Map<String, Integer> joined = new HashMap<>();
        joined.put(root, 1);
        List<String> cut = new ArrayList<>();
        for (String v : acc) {
            List<String> walk = new ArrayList<>();
            Set<String> onWalk = new HashSet<>();
            String x = v;
            int status;
            while (true) {
                Integer known = joined.get(x);
                if (known != null) {
                    status = known;
                    break;
                }
                if (!onWalk.add(x) || !parent.containsKey(x)) {
                    status = 2;
                    break;
                }
                walk.add(x);
                x = parent.get(x);
            }
            for (String w : walk) {
                joined.put(w, status);
            }
            if (status == 2 && !v.equals(root)) {
                cut.add(v);
            }
        }
        if (!cut.isEmpty()) {
            problems.add(name + ": " + cut.subList(0, Math.min(5, cut.size())) + (cut.size() > 5 ? " and "
                    + (cut.size() - 5) + " more" : "") + (cut.size() == 1 ? " is" : " are") + " not joined to the root"
                    + (dir == Direction.IN ? " (in-tree)" : " (out-tree)"));
        }
        return arcs;
    }

    /**
     * formats.md: a path crosses only switches between its two accelerators (a tree's vertices are its
     * accelerators, so one that forwards data must be a vertex). The first accelerator strictly inside
     * path, or null.
     */
    private static String crossedAccelerator(List<String> path, NetworkGraph g) {
        for (int k = 1; k + 1 < path.size(); k++) {
            int x = g.indexOf(path.get(k));
            if (x >= 0 && g.isAccelerator(x)) {
                return path.get(k);
            }
        }
        return null;
    }

    private static List<String> phaseNames(Set<Phase> phases) {
        List<String> out = new ArrayList<>();
        for (Phase p : phases) {
            out.add(p.jsonName());
        }
        return out;
    }

    /** An exact figure for a problem line: at most 100 characters (a sum of shares can have thousands of digits). */
    private static String clip(Rational r) {
        return canopy.model.Messages.clip(String.valueOf(r), 100);
    }

    private static java.math.BigInteger[] integerZeros(int m) {
        java.math.BigInteger[] r = new java.math.BigInteger[m];
        java.util.Arrays.fill(r, java.math.BigInteger.ZERO);
        return r;
    }

    /**
     * formats.md: in an allreduce no allgather (broadcast) tree may sit in an earlier stage than a
     * reduce-scatter (reduce) tree, since data is reduced before it is spread. The one rule that
     * {@code verify} and the MSCCL exporter share; null when the trees keep it (or c is not allreduce).
     */
    public static String stageOrderProblem(Collective c, List<ScheduleTree> trees) {
        if (c != Collective.ALLREDUCE) {
            return null;
        }
        int outMin = -1;
        int inMax = -1;
        for (int i = 0; i < trees.size(); i++) {
            ScheduleTree t = trees.get(i);
            if (t.phase() == null) {
                continue;
            }
            if (t.phase().direction() == Direction.OUT) {
                if (outMin < 0 || t.stage() < trees.get(outMin).stage()) {
                    outMin = i;
                }
            } else if (inMax < 0 || t.stage() > trees.get(inMax).stage()) {
                inMax = i;
            }
        }
        if (outMin < 0 || inMax < 0 || trees.get(outMin).stage() >= trees.get(inMax).stage()) {
            return null;
        }
        ScheduleTree out = trees.get(outMin);
        ScheduleTree in = trees.get(inMax);
        return "allreduce: " + out.phase().jsonName() + " tree " + outMin + " (root " + out.root() + ") is in stage "
                + out.stage() + ", an earlier stage than a reduction tree (" + in.phase().jsonName() + " tree " + inMax
                + ", root " + in.root() + ", stage " + in.stage() + "): data must be reduced before it is spread";
    }
}
