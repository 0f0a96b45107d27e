package canopy.engine;

import canopy.model.Collective;
import canopy.model.NcclGraph;
import canopy.model.Phase;
import canopy.model.Rational;
import canopy.model.Schedule;
import canopy.model.ScheduleTree;
import canopy.model.Topology;
import canopy.model.TreeEdge;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The schedule NCCL runs for the channels of its graph dump, on a topology imported from the same
 * machine's NCCL topology file (one node, or several copies joined by a network). Every node runs the
 * same channels (NCCL's search is the same on identical nodes, and init.cc keeps the fewest channels
 * any rank found); nodes are joined in rank order. What follows is NVIDIA/nccl's src/graph/connect.cc
 * and src/init.cc:
 *
 * <ul>
 * <li><b>Channels used.</b> {@code comm->nChannels = min(tree channels, ring channels)} (init.cc) when
 * the dump holds both; channels beyond are not used. Channel duplication ({@code ncclTopoPostset}
 * copies channel c to c + nChannels) repeats the same paths and does not change link loads.</li>
 * <li><b>Rings</b> ({@code connectRings}): channel c visits each node's GPUs in channel order, the
 * first receiving from the previous node's last; node k's last GPU sends to node k+1's first. With
 * {@code crossnic=2} and an even channel count, odd nodes swap channels c and c^1
 * ({@code ncclTopoPostset}, "alternate rings to avoid crossing rails").</li>
 * <li><b>Trees</b> ({@code ncclTopoPreset}, {@code connectTrees}, trees.cc {@code ncclGetDtree}):
 * inside a node a chain in channel order; across nodes NCCL's double binary tree over the nodes. The
 * node's first GPU is its link to the parent node; its links to child nodes are GPU 0 (pattern TREE),
 * GPU 1 for child 0 and GPU 0 for child 1 (BALANCED_TREE), or GPU 1 for both (SPLIT_TREE). Channel c
 * carries tree 0 and its duplicate c + nChannels tree 1.</li>
 * <li><b>NICs</b> ({@code ncclTopoGetNetDev}, search.cc): a GPU that is its channel's first uses
 * {@code inter[0]}, any other {@code inter[1]}. A GPU sends to a NIC that is not its own through the
 * NIC's GPU over NVLink when NCCL's PXN would ({@link NcclPxn}, paths.cc).</li>
 * </ul>
 *
 * <p>As Canopy trees: a ring channel of N GPUs gives, per root, the allgather out-tree along the ring
 * from the root and the reduce-scatter in-tree along the ring into it, share 1/channels each (allreduce:
 * reduce-scatter in stage 0, allgather in stage 1, as RingScheduler). Each tree channel gives a reduce
 * in-tree and a broadcast out-tree per binary tree, share 1/(2 × channels), all in stage 0 (NCCL
 * pipelines them). Hops are routed by {@link NcclRoutes}: inside a node GPU to GPU; across nodes
 * through the sending GPU's NIC (by PXN, through a peer GPU), the network, and the receiving GPU's NIC.
 */
public final class NcclGraphSchedule {
    public static final String RING = "nccl-ring";
    public static final String TREE = "nccl-tree";
    /** Most tree edges an imported schedule may hold (as RingScheduler's cap). */
    static final long MAX_TREE_EDGES = 2_000_000;

    /**
     * The schedule, what was noted while building it (graphs left out, channels dropped), and the
     * channels as NCCL runs them, for drawing.
     */
    /**
     * schedule: NCCL's channels as NCCL runs them, PXN relays charged (what the designer and compare
     * show); fileSchedule: the same written to a file, where formats.md lets a path cross only
     * switches, so a relayed edge starts at the relaying GPU (the same object when nothing relays).
     */
    public record Result(Schedule schedule, List<String> notes, List<Channel> channels, Schedule fileSchedule) {
        public Result {
            notes = List.copyOf(notes);
            channels = List.copyOf(channels);
        }
    }

    /**
     * One channel NCCL runs: a ring in ring order from node 0's first GPU, or one binary tree of a tree
     * channel as its broadcast goes down from the root. Each hop is an edge of the schedule with its
     * step: the ring position (1 = the first hop), or the depth of the GPU it reaches in the tree, so
     * that hops the data takes at the same time carry the same number.
     */
    public record Channel(String label, List<TreeEdge> hops, List<Integer> steps) {
        public Channel {
            hops = List.copyOf(hops);
            steps = List.copyOf(steps);
            if (hops.size() != steps.size()) {
                throw new IllegalArgumentException("a step for each hop");
            }
        }
    }

    private NcclGraphSchedule() {
    }

    /**
     * The schedule of collective c from the dump's ring graph (useTree false) or tree graph (allreduce
     * only). Throws IllegalArgumentException, one line naming the graph, channel and device, when the
     * dump does not fit the topology.
     */
    public static Result build(Topology t, List<NcclGraph> graphs, Collective c, boolean useTree) {
        List<String> notes = new ArrayList<>();
        NcclGraph ring = null;
        NcclGraph tree = null;
        for (NcclGraph gr : graphs) {
            if (gr.id() == 0 && gr.isRing()) {
                ring = gr;
            } else if (gr.id() == 1 && gr.isTree()) {
                tree = gr;
            } else {
                notes.add("graph id=" + gr.id() + " pattern " + gr.pattern() + " (" + purpose(gr) + ") is not imported");
            }
        }
        if (useTree && c != Collective.ALLREDUCE) {
            throw new IllegalArgumentException("NCCL's tree algorithm runs allreduce only, not " + c.jsonName());
        }
        NcclGraph chosen = useTree ? tree : ring;
        if (chosen == null) {
            throw new IllegalArgumentException("the dump has no " + (useTree
                    ? "tree graph (id=1, pattern 1, 2 or 3)" : "ring graph (id=0, pattern 4)"));
        }
        int channels = chosen.nChannels();
        if (ring != null && tree != null && ring.nChannels() != tree.nChannels()) {
            channels = Math.min(ring.nChannels(), tree.nChannels());
            notes.add("NCCL uses min(ring, tree) = " + channels + " channels (init.cc); "
                    + (chosen.nChannels() > channels ? "the " + (chosen.nChannels() - channels)
                    + " further channels of graph id=" + chosen.id() + " are left out" : "all of this graph's run"));
        }
        NcclDevices devices = new NcclDevices(t);
        List<Integer> nodes = devices.nodes();
        check(chosen, channels, devices, nodes);
        if (!devices.netDevsFromLabels() && nodes.size() > 1) {
            notes.add("NIC labels do not carry NCCL's net dev: net dev d is taken to be nic<d>");
        }
        NetworkGraph g = NetworkGraph.of(t);
        int n = g.acceleratorCount();
        long edges = useTree ? 4L * channels * (n - 1)
                : (c == Collective.ALLREDUCE ? 2L : 1L) * channels * n * (n - 1);
        if (edges > MAX_TREE_EDGES) {
            throw new ScheduleTooLargeException("NCCL's " + (useTree ? "trees" : "rings") + " on " + n + " GPUs over "
                    + channels + " channels make " + edges + " tree edges, more than the " + MAX_TREE_EDGES
                    + " a schedule may hold");
        }
        NcclRoutes routes = new NcclRoutes(g);
        Hops hops = new Hops(chosen, devices, routes, new NcclPxn(g, routes, devices));
        List<Channel> drawn = new ArrayList<>();
        List<ScheduleTree> trees = useTree ? trees(chosen, channels, nodes, hops, drawn)
                : rings(chosen, channels, nodes, hops, c, drawn);
        if (!hops.relayed.isEmpty()) {
            List<String> some = new ArrayList<>(hops.relayed).subList(0, Math.min(3, hops.relayed.size()));
            notes.add("PXN: " + hops.relayed.size() + (hops.relayed.size() == 1 ? " GPU-to-NIC route goes"
                    : " GPU-to-NIC routes go") + " through the NIC's own GPU over NVLink, as NCCL's do unless NCCL_PXN_DISABLE=1 "
                    + "(paths.cc): " + String.join("; ", some) + (hops.relayed.size() > 3 ? "; …" : ""));
        }
        Rational algbw = new LinkLoads(g, trees).algbw();
        Bounds b = Bounds.of(g, Progress.NONE);
        Schedule s = new Schedule(c, useTree ? TREE : RING, t.name(), n, algbw, b.of(c), b.cutOf(c).cut(), trees);
        Schedule file = SwitchOnlyTrees.forFile(g, s);
        if (file != s) {
            notes.add("a schedule file cannot hold a PXN relay (formats.md: a path crosses only switches between"
                    + " two accelerators), so in the file each relayed edge starts at the relaying GPU, which holds"
                    + " the data already, and trees are cut there: the file's algbw " + file.algbw()
                    + " is above NCCL's " + algbw);
        }
        return new Result(s, notes, drawn, file);
    }

    private static String purpose(NcclGraph gr) {
        return switch (gr.pattern()) {
            case NcclGraph.PATTERN_NVLS -> "NVLS";
            case NcclGraph.PATTERN_COLLNET_DIRECT -> "CollNet direct";
            default -> gr.id() == 2 ? "CollNet chain" : gr.id() == 4 ? "CollNet direct"
                    : NcclGraph.patternName(gr.pattern());
        };
    }

    /** Every used channel must visit each GPU of every node once and name NICs the topology has. */
    private static void check(NcclGraph gr, int channels, NcclDevices devices, List<Integer> nodes) {
        for (int ch = 0; ch < channels; ch++) {
            NcclGraph.Channel channel = gr.channels().get(ch);
            String where = "graph id=" + gr.id() + " channel " + ch;
            for (int node : nodes) {
                Map<Integer, String> local = devices.gpus(node);
                Set<Integer> seen = new HashSet<>();
                for (int dev : channel.gpus()) {
                    if (!local.containsKey(dev)) {
                        throw new IllegalArgumentException(where + ": gpu dev=" + hex(dev) + " is not in the topology"
                                + " (no " + prefix(node, nodes) + "gpu" + dev + "; a dump from a different machine?)");
                    }
                    if (!seen.add(dev)) {
                        throw new IllegalArgumentException(where + ": gpu dev=" + hex(dev) + " appears twice; a "
                                + (gr.isRing() ? "ring channel must be a cycle through" : "tree channel must be a chain of")
                                + " every GPU once");
                    }
                }
                if (seen.size() != local.size()) {
                    for (Map.Entry<Integer, String> e : local.entrySet()) {
                        if (!seen.contains(e.getKey())) {
                            throw new IllegalArgumentException(where + " lists " + seen.size() + " GPUs but the node has "
                                    + local.size() + ": " + e.getValue() + " is missing (a dump from a different machine?)");
                        }
                    }
                }
                if (nodes.size() > 1) {
                    if (channel.nets().isEmpty()) {
                        throw new IllegalArgumentException(where + " has no <net>: the dump is from a run on one node, "
                                + "the topology has " + nodes.size());
                    }
                    for (long dev : channel.nets()) {
                        if (devices.nic(node, dev) == null) {
                            throw new IllegalArgumentException(where + ": net dev=" + hex(dev) + " is not in the topology"
                                    + " (no NIC of " + (prefix(node, nodes).isEmpty() ? "the node" : "node n" + node)
                                    + " has net dev " + dev + ")");
                        }
                    }
                }
            }
        }
    }

    private static String prefix(int node, List<Integer> nodes) {
        return nodes.size() == 1 && node == 0 && !nodes.isEmpty() ? "" : "n" + node + ".";
    }

    private static String hex(long dev) {
        return dev == 0 ? "0" : "0x" + Long.toHexString(dev);
    }

    /**
     * Hops between GPUs of a channel: inside a machine GPU to GPU; across machines from the sending GPU
     * to its NIC (through a peer GPU when NCCL's PXN would, {@link NcclPxn}), over the network, and from
     * the receiving NIC to its GPU. Routes between a GPU and a NIC stay inside their machine.
     */
    private static final class Hops {
        final NcclGraph graph;
        final NcclDevices devices;
        final NcclRoutes routes;
        final NcclPxn pxn;
        /** "gpu → nic through peer" of every PXN route taken, in first-use order. */
        final java.util.Set<String> relayed = new java.util.LinkedHashSet<>();

        Hops(NcclGraph graph, NcclDevices devices, NcclRoutes routes, NcclPxn pxn) {
            this.graph = graph;
            this.devices = devices;
            this.routes = routes;
            this.pxn = pxn;
        }

        String gpu(int node, int dev) {
            return devices.gpus(node).get(dev);
        }

        /** ncclTopoGetNetDev: inter[0] for the channel's first GPU, inter[1] for any other. */
        String nic(int node, int channel, int dev) {
            NcclGraph.Channel ch = graph.channels().get(channel);
            int index = ch.gpus().get(0) == dev ? 0 : 1;
            return devices.nic(node, ch.nets().get(index));
        }

        /** The path from GPU dev a of node na to GPU dev b of node nb on a channel. */
        List<String> path(int na, int a, int nb, int b, int channel) {
            if (na == nb) {
                return routes.pathWithinMachine(gpu(na, a), gpu(nb, b), channel);
            }
            String out = nic(na, channel, a);
            String in = nic(nb, channel, b);
            NcclPxn.Send send = pxn.send(na, a, out, channel);
            if (send.relay() != null) {
                relayed.add(gpu(na, a) + " → " + out + " through " + send.relay());
            }
            List<String> p = new ArrayList<>(send.path());
            List<String> mid = routes.path(out, in, channel);
            p.addAll(mid.subList(1, mid.size()));
            List<String> last = routes.pathWithinMachine(in, gpu(nb, b), channel);
            p.addAll(last.subList(1, last.size()));
            return p;
        }

        TreeEdge edge(int na, int a, int nb, int b, int channel) {
            return new TreeEdge(gpu(na, a), gpu(nb, b), path(na, a, nb, b, channel));
        }
    }

    // ------------------------------------------------------------------ rings

    private static List<ScheduleTree> rings(NcclGraph gr, int channels, List<Integer> nodes, Hops hops, Collective c,
                                            List<Channel> drawn) {
        List<ScheduleTree> out = new ArrayList<>();
        Rational share = Rational.of(1, channels);
        for (int ch = 0; ch < channels; ch++) {
            // (node, dev) in ring order
            List<int[]> ring = new ArrayList<>();
            for (int k = 0; k < nodes.size(); k++) {
                int used = gr.crossNic() == 2 && channels % 2 == 0 && k % 2 == 1 ? ch ^ 1 : ch;
                for (int dev : gr.channels().get(used).gpus()) {
                    ring.add(new int[] {nodes.get(k), dev});
                }
            }
            int n = ring.size();
            List<TreeEdge> hop = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                int[] a = ring.get(i);
                int[] b = ring.get((i + 1) % n);
                hop.add(hops.edge(a[0], a[1], b[0], b[1], ch));
            }
            List<Integer> order = new ArrayList<>(n);
            for (int i = 1; i <= n; i++) {
                order.add(i);
            }
            drawn.add(new Channel("channel " + ch + " (ring)", hop, order));
            for (int r = 0; r < n; r++) {
                String root = hops.gpu(ring.get(r)[0], ring.get(r)[1]);
                if (c != Collective.ALLGATHER) {
                    List<TreeEdge> in = new ArrayList<>(n - 1);
                    for (int step = 1; step < n; step++) {
                        in.add(hop.get((r + step) % n)); // r+1 → r+2 → … → r
                    }
                    out.add(new ScheduleTree(root, Phase.REDUCE_SCATTER, 0, Phase.REDUCE_SCATTER.direction(), share, in));
                }
                if (c != Collective.REDUCE_SCATTER) {
                    List<TreeEdge> spread = new ArrayList<>(n - 1);
                    for (int step = 0; step < n - 1; step++) {
                        spread.add(hop.get((r + step) % n)); // r → r+1 → … → r-1
                    }
                    out.add(new ScheduleTree(root, Phase.ALLGATHER, c == Collective.ALLREDUCE ? 1 : 0,
                            Phase.ALLGATHER.direction(), share, spread));
                }
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ trees

    private static List<ScheduleTree> trees(NcclGraph gr, int channels, List<Integer> nodes, Hops hops,
                                            List<Channel> drawn) {
        List<Channel> secondTrees = new ArrayList<>(); // tree 1 runs on channel c + nChannels
        List<ScheduleTree> out = new ArrayList<>();
        Rational share = Rational.of(1, 2L * channels);
        int nn = nodes.size();
        for (int ch = 0; ch < channels; ch++) {
            List<Integer> intra = gr.channels().get(ch).gpus();
            int parentGpu = intra.get(0);
            int child0 = intra.size() > 1 && gr.pattern() != NcclGraph.PATTERN_TREE ? intra.get(1) : intra.get(0);
            int child1 = intra.size() > 1 && gr.pattern() == NcclGraph.PATTERN_SPLIT_TREE ? intra.get(1) : intra.get(0);
            for (int tree = 0; tree < 2; tree++) {
                List<TreeEdge> down = new ArrayList<>();
                List<TreeEdge> up = new ArrayList<>();
                int rootNode = -1;
                for (int k = 0; k < nn; k++) {
                    int node = nodes.get(k);
                    for (int i = 0; i + 1 < intra.size(); i++) {
                        down.add(hops.edge(node, intra.get(i), node, intra.get(i + 1), ch));
                        up.add(hops.edge(node, intra.get(i + 1), node, intra.get(i), ch));
                    }
                    int[] parent = dtreeParent(nn, k, tree);
                    if (parent[0] < 0) {
                        rootNode = node;
                        continue;
                    }
                    int pNode = nodes.get(parent[0]);
                    int pGpu = parent[1] == 0 ? child0 : child1;
                    down.add(hops.edge(pNode, pGpu, node, parentGpu, ch));
                    up.add(hops.edge(node, parentGpu, pNode, pGpu, ch));
                }
                String root = hops.gpu(rootNode, parentGpu);
                out.add(new ScheduleTree(root, Phase.REDUCE, 0, Phase.REDUCE.direction(), share, up));
                out.add(new ScheduleTree(root, Phase.BROADCAST, 0, Phase.BROADCAST.direction(), share, down));
                (tree == 0 ? drawn : secondTrees).add(new Channel("channel " + (ch + tree * channels) + " (tree "
                        + tree + ")", down, depths(root, down)));
            }
        }
        drawn.addAll(secondTrees);
        return out;
    }

    /** The depth below root of the GPU each out-tree edge reaches (1 for the root's children). */
    private static List<Integer> depths(String root, List<TreeEdge> down) {
        Map<String, String> parent = new java.util.HashMap<>();
        for (TreeEdge e : down) {
            parent.put(e.to(), e.from());
        }
        List<Integer> out = new ArrayList<>(down.size());
        for (TreeEdge e : down) {
            int d = 1;
            for (String v = e.from(); !v.equals(root); v = parent.get(v)) {
                d++;
            }
            out.add(d);
        }
        return out;
    }

    /**
     * {parent node, the child type (0 or 1) this node has at its parent} in tree 0 or 1 of
     * ncclGetDtree over nranks nodes; parent -1 at the root.
     */
    static int[] dtreeParent(int nranks, int rank, int tree) {
        if (tree == 0) {
            return btreeParent(nranks, rank);
        }
        if (nranks % 2 == 1) {
            int[] p = btreeParent(nranks, (rank - 1 + nranks) % nranks);
            return new int[] {p[0] < 0 ? -1 : (p[0] + 1) % nranks, p[1]};
        }
        int[] p = btreeParent(nranks, nranks - 1 - rank);
        return new int[] {p[0] < 0 ? -1 : nranks - 1 - p[0], p[1]};
    }

    /** ncclGetBtree's up and parentChildType. */
    static int[] btreeParent(int nranks, int rank) {
        int bit = 1;
        while (bit < nranks && (bit & rank) == 0) {
            bit <<= 1;
        }
        if (rank == 0) {
            return new int[] {-1, 0};
        }
        int up = (rank ^ bit) | (bit << 1);
        if (up >= nranks) {
            up = rank ^ bit;
        }
        return new int[] {up, rank < up ? 0 : 1};
    }
}
