package canopy.generate;

import static canopy.generate.TopologyGenerators.require;
import static canopy.generate.TopologyGenerators.requirePositive;
import static canopy.generate.TopologyGenerators.spread;

import canopy.model.Link;
import canopy.model.Node;
import canopy.model.NodeKind;
import canopy.model.Rational;
import canopy.model.Topology;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Generators of the topology classes the engine must handle at scale (issue 10): a three-tier k-ary fat
 * tree, a dragonfly, a 3D torus, a random regular direct-connect graph, a heterogeneous leaf-spine with
 * per-leaf oversubscription, and servers whose GPUs and NICs hang under PCIe switches and CPUs. NIC
 * nodes for the DGX and MI250 boxes are {@link TopologyGenerators}' {@code nicNodes} variants.
 *
 * <p>As in {@link TopologyGenerators}: every node has a label and a position, boxes, pods, groups and
 * servers are {@code group}s, every link is duplex (so every switch is balanced: it receives what it
 * sends) with a {@code latency_us}, bandwidths are exact {@link Rational}s in GB/s per direction, and the
 * result obeys every rule of formats.md. Sizes are checked before anything is built: at most
 * {@link #MAX_ACCELERATORS} accelerators and {@link #MAX_LINKS} links, so a nonsense option is refused
 * with an {@link IllegalArgumentException} instead of filling the heap.
 */
public final class TopologyClasses {
    /** The generators' limit on accelerators. */
    public static final int MAX_ACCELERATORS = 65_536;
    /** The generators' limit on links (each duplex link counted once). */
    public static final long MAX_LINKS = 1L << 21;

    /** Default bandwidth of the switched classes' links: InfiniBand HDR, 25 GB/s per direction. */
    public static final Rational DEFAULT_NET_BW = TopologyGenerators.IB_HDR;
    /**
     * GB/s per direction between the two CPUs of a server: NCCL's own model of an AMD inter-socket
     * link ({@code AMD_BW} = 16 in NCCL's {@code src/graph/topo.h}), the figure {@code import nccl-xml} uses.
     */
    public static final Rational CPU_LINK_BW = Rational.of(16);

    private static final double DX = 70;
    private static final double GAP = 80;
    private static final double LATENCY_US = TopologyGenerators.DEFAULT_LATENCY_US;

    private TopologyClasses() {
    }

    // ---------------------------------------------------------------- size checks

    /** a × b × … without overflow: saturates at Long.MAX_VALUE. */
    public static long product(long... factors) {
        long p = 1;
        for (long f : factors) {
            try {
                p = Math.multiplyExact(p, f);
            } catch (ArithmeticException e) {
                return Long.MAX_VALUE;
            }
        }
        return p;
    }

    public static long sum(long... terms) {
        long s = 0;
        for (long t : terms) {
            try {
                s = Math.addExact(s, t);
            } catch (ArithmeticException e) {
                return Long.MAX_VALUE;
            }
        }
        return s;
    }

    /** Refuses more than MAX_ACCELERATORS accelerators or MAX_LINKS links, before anything is built. */
    public static void requireSize(long accelerators, long links) {
        if (accelerators > MAX_ACCELERATORS) {
            throw new IllegalArgumentException("that would be " + (accelerators == Long.MAX_VALUE ? "more than 2^63"
                    : Long.toString(accelerators)) + " accelerators; the generators' limit is " + MAX_ACCELERATORS);
        }
        if (links > MAX_LINKS) {
            throw new IllegalArgumentException("that would be " + (links == Long.MAX_VALUE ? "more than 2^63"
                    : Long.toString(links)) + " links; the generators' limit is " + MAX_LINKS);
        }
    }

    // ---------------------------------------------------------------- three-tier fat tree

    /** The classic k = 4 three-tier fat tree: 16 hosts, 25 GB/s everywhere. */
    public static Topology fatTree3Tier() {
        return fatTree3Tier(4, DEFAULT_NET_BW, DEFAULT_NET_BW);
    }

    /**
     * The classic three-tier k-ary fat tree (Al-Fares et al., SIGCOMM 2008): k pods, each with k/2 edge
     * switches {@code p<pod>e<e>} and k/2 aggregation switches {@code p<pod>a<a>}; every edge switch has
     * k/2 hosts {@code h<pod>_<e>_<i>} ({@code hostBw}) and a link to every aggregation switch of its pod;
     * aggregation switch a of every pod links to the k/2 core switches {@code core<a·k/2 + j>}; there are
     * (k/2)² cores and k³/4 hosts. Switch-to-switch links have {@code linkBw}; with linkBw = hostBw every
     * switch has as much bandwidth up as down (full bisection). Groups: {@code pod<p>}.
     */
    public static Topology fatTree3Tier(int k, Rational hostBw, Rational linkBw) {
        require(k >= 2 && k % 2 == 0, "k must be an even number of at least 2");
        requirePositive(hostBw, "host bandwidth");
        requirePositive(linkBw, "link bandwidth");
        long hosts = product(k, k, k) / 4;
        requireSize(hosts, product(hosts, 3));
        int half = k / 2;
        int cores = half * half;
        List<Node> nodes = new ArrayList<>((int) hosts + k * k + cores);
        List<Link> links = new ArrayList<>((int) hosts * 3);
        double podWidth = half * half * DX;
        double width = k * (podWidth + GAP) - GAP;
        for (int c = 0; c < cores; c++) {
            nodes.add(new Node("core" + c, NodeKind.SWITCH, "Core " + c, spread(c, cores, width), 0.0, null));
        }
        for (int p = 0; p < k; p++) {
            double x0 = p * (podWidth + GAP);
            String group = "pod" + p;
            for (int a = 0; a < half; a++) {
                String agg = "p" + p + "a" + a;
                nodes.add(new Node(agg, NodeKind.SWITCH, "Pod " + p + " aggregation " + a,
                        x0 + spread(a, half, podWidth), 150.0, group));
                for (int j = 0; j < half; j++) {
                    links.add(new Link(agg, "core" + (a * half + j), linkBw, true, LATENCY_US));
                }
            }
            for (int e = 0; e < half; e++) {
                String edge = "p" + p + "e" + e;
                double ex = x0 + e * half * DX;
                nodes.add(new Node(edge, NodeKind.SWITCH, "Pod " + p + " edge " + e, ex + (half - 1) * DX / 2, 270.0,
                        group));
                for (int a = 0; a < half; a++) {
                    links.add(new Link(edge, "p" + p + "a" + a, linkBw, true, LATENCY_US));
                }
                for (int h = 0; h < half; h++) {
                    String id = "h" + p + "_" + e + "_" + h;
                    nodes.add(new Node(id, NodeKind.ACCELERATOR, "Pod " + p + " edge " + e + " host " + h,
                            ex + h * DX, 390.0, group));
                    links.add(new Link(id, edge, hostBw, true, LATENCY_US));
                }
            }
        }
        String name = "Three-tier fat tree, k=" + k + " (" + hosts + " hosts, " + k + " pods, " + cores + " cores)";
        return new Topology(name, "GB/s", nodes, links);
    }

    // ---------------------------------------------------------------- dragonfly

    /** The smallest balanced dragonfly of the largest size for its routers: a=4, p=h=2, 9 groups, 72 hosts. */
    public static Topology dragonfly() {
        return dragonfly(9, 4, 2, 2, DEFAULT_NET_BW, DEFAULT_NET_BW, DEFAULT_NET_BW);
    }

    /**
     * A dragonfly (Kim, Dally, Scott and Abts, ISCA 2008): {@code groups} groups of {@code routersPerGroup}
     * routers {@code g<i>r<r>} (switches), each with {@code hostsPerRouter} accelerators
     * {@code g<i>r<r>h<k>} ({@code hostBw}); the routers of a group are joined all-to-all ({@code localBw})
     * and each router has up to {@code globalLinksPerRouter} global links ({@code globalBw}) to routers of
     * other groups. The balanced dragonfly has a = 2p = 2h; with g = a·h + 1 groups every pair of groups
     * shares exactly one global link.
     *
     * <p>Global links are laid out by group offsets: offset d = 1, 2, … joins every group i to group
     * i + d (mod g), which uses two global ports of each group (one when d = g/2), cycling through the
     * offsets again while ports remain; port q of a group sits on router q mod a. Offset 1 comes first,
     * so the groups form a ring and the network is connected. Parallel global links between the same two
     * routers are merged into one link of their summed bandwidth. Groups: {@code group<i>}.
     */
    public static Topology dragonfly(int groups, int routersPerGroup, int hostsPerRouter, int globalLinksPerRouter,
                                     Rational hostBw, Rational localBw, Rational globalBw) {
        require(groups >= 1, "groups must be at least 1");
        require(routersPerGroup >= 1, "routers per group must be at least 1");
        require(hostsPerRouter >= 1, "hosts per router must be at least 1");
        require(globalLinksPerRouter >= 0, "global links per router must not be negative");
        requirePositive(hostBw, "host bandwidth");
        requirePositive(localBw, "local bandwidth");
        requirePositive(globalBw, "global bandwidth");
        long hosts = product(groups, routersPerGroup, hostsPerRouter);
        long ports = product(routersPerGroup, globalLinksPerRouter);
        long local = product(groups, routersPerGroup, routersPerGroup - 1) / 2;
        requireSize(hosts, sum(hosts, local, product(groups, ports) / 2));
        require(hosts >= 2, "need at least two accelerators");
        require(groups == 1 || ports >= 1, "several groups need at least one global link per group");
        require(groups <= 2 || ports >= 2, "more than two groups need at least two global links per group "
                + "(routers per group x global links per router)");
        int a = routersPerGroup;
        List<Node> nodes = new ArrayList<>((int) (hosts + (long) groups * a));
        List<Link> links = new ArrayList<>();
        double routerWidth = hostsPerRouter * DX;
        double groupWidth = a * routerWidth;
        for (int i = 0; i < groups; i++) {
            double x0 = i * (groupWidth + GAP);
            String group = "group" + i;
            for (int r = 0; r < a; r++) {
                String router = router(i, r);
                double rx = x0 + r * routerWidth;
                nodes.add(new Node(router, NodeKind.SWITCH, "Group " + i + " router " + r,
                        rx + (hostsPerRouter - 1) * DX / 2, 160.0, group));
                for (int h = 0; h < hostsPerRouter; h++) {
                    String id = router + "h" + h;
                    nodes.add(new Node(id, NodeKind.ACCELERATOR, "Group " + i + " router " + r + " host " + h,
                            rx + h * DX, 280.0, group));
                    links.add(new Link(id, router, hostBw, true, LATENCY_US));
                }
            }
            for (int r = 0; r < a; r++) {
                for (int s = r + 1; s < a; s++) {
                    links.add(new Link(router(i, r), router(i, s), localBw, true, LATENCY_US));
                }
            }
        }
        for (Map.Entry<String, int[]> e : globalLinks(groups, a, globalLinksPerRouter).entrySet()) {
            int[] l = e.getValue();
            links.add(new Link(router(l[0], l[1]), router(l[2], l[3]), globalBw.multiply(l[4]), true,
                    TopologyGenerators.NET_LATENCY_US));
        }
        String name = "Dragonfly (" + groups + " groups x " + a + " routers x " + hostsPerRouter + " hosts, "
                + globalLinksPerRouter + " global link" + (globalLinksPerRouter == 1 ? "" : "s") + " per router)";
        return new Topology(name, "GB/s", nodes, links);
    }

    /**
     * The dragonfly's global links: group pairs by offsets, ports to routers round-robin (see
     * {@link #dragonfly}); per router pair {group, router, group, router, parallel links}, in order.
     */
    static Map<String, int[]> globalLinks(int groups, int a, int h) {
        int[] used = new int[groups];
        Map<String, int[]> global = new LinkedHashMap<>();
        long remaining = groups == 1 ? 0 : (long) a * h;
        int half = groups / 2;
        boolean added = true;
        while (remaining > 0 && added) {
            added = false;
            for (int d = 1; d <= half && remaining > 0; d++) {
                boolean single = groups % 2 == 0 && d == half;
                int cost = single ? 1 : 2;
                if (cost > remaining) {
                    continue;
                }
                for (int i = 0; i < (single ? half : groups); i++) {
                    int from = i;
                    int j = (i + d) % groups;
                    int r = used[i]++ % a;
                    int q = used[j]++ % a;
                    global.computeIfAbsent(i + "." + r + "|" + j + "." + q, x -> new int[] {from, r, j, q, 0})[4]++;
                }
                remaining -= cost;
                added = true;
            }
        }
        return global;
    }

    /** The links {@link #dragonfly} makes with these counts (parallel global links merged), without building it. */
    public static long dragonflyLinkCount(int groups, int routersPerGroup, int hostsPerRouter, int globalLinksPerRouter) {
        return (long) groups * routersPerGroup * hostsPerRouter
                + (long) groups * routersPerGroup * (routersPerGroup - 1) / 2
                + globalLinks(groups, routersPerGroup, globalLinksPerRouter).size();
    }

    private static String router(int group, int r) {
        return "g" + group + "r" + r;
    }

    // ---------------------------------------------------------------- 3D torus

    /** A 4x4x4 3D torus with 100 GB/s links. */
    public static Topology torus3d() {
        return torus3d(4, 4, 4, TopologyGenerators.DEFAULT_DIRECT_BW);
    }

    /**
     * A 3D torus of accelerators {@code t<r>_<c>_<d>} (no switches): duplex links of {@code bw} to the next
     * neighbour along each of the three dimensions, wrapping around; along a dimension of size 2 the
     * wrap-around link would duplicate the direct one and is left out, along a dimension of size 1 there
     * are no links. Depth 1 is {@link TopologyGenerators#torus(int, int, Rational)}, the 2D torus. The
     * layers (one per depth) are drawn side by side as groups {@code layer<d>}.
     */
    public static Topology torus3d(int rows, int cols, int depth, Rational bw) {
        require(rows >= 1 && cols >= 1 && depth >= 1, "rows, columns and depth must be at least 1");
        requirePositive(bw, "bandwidth");
        long n = product(rows, cols, depth);
        requireSize(n, product(n, 3));
        if (depth == 1) {
            return TopologyGenerators.torus(rows, cols, bw);
        }
        require(n >= 2, "need at least two accelerators");
        List<Node> nodes = new ArrayList<>((int) n);
        List<Link> links = new ArrayList<>((int) n * 3);
        double grid = 90;
        double layerWidth = cols * grid + 120;
        for (int d = 0; d < depth; d++) {
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    nodes.add(new Node(torusId(r, c, d), NodeKind.ACCELERATOR, "(" + r + "," + c + "," + d + ")",
                            d * layerWidth + c * grid + (r % 2) * 10.0, r * grid + c * 6.0, "layer" + d));
                }
            }
        }
        for (int d = 0; d < depth; d++) {
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    String id = torusId(r, c, d);
                    torusLink(links, id, cols, c, torusId(r, (c + 1) % cols, d), bw);
                    torusLink(links, id, rows, r, torusId((r + 1) % rows, c, d), bw);
                    torusLink(links, id, depth, d, torusId(r, c, (d + 1) % depth), bw);
                }
            }
        }
        return new Topology("3D torus " + rows + "x" + cols + "x" + depth, "GB/s", nodes, links);
    }

    /** The link to the next neighbour along a dimension of this size, from position at. */
    private static void torusLink(List<Link> links, String id, int size, int at, String next, Rational bw) {
        if (at + 1 < size || size > 2) {
            if (size > 1) {
                links.add(new Link(id, next, bw, true, LATENCY_US));
            }
        }
    }

    private static String torusId(int r, int c, int d) {
        return "t" + r + "_" + c + "_" + d;
    }

    // ---------------------------------------------------------------- random regular graph

    /** 64 accelerators, degree 4, seed 1, 100 GB/s links. */
    public static Topology randomRegular() {
        return randomRegular(64, 4, 1, TopologyGenerators.DEFAULT_DIRECT_BW);
    }

    /**
     * A random {@code degree}-regular simple graph on {@code n} accelerators {@code v<i>} (no switches),
     * duplex links of {@code bw}, deterministic for a seed and always connected. It starts from a
     * circulant graph (i joined to i ± 1 … i ± degree/2, and to i + n/2 when the degree is odd), mixes it
     * with 10 × (links) random double-edge swaps ({@code java.util.Random(seed)}; a swap that would make a
     * self-loop or a parallel link is skipped), then repairs connectivity: while there are several
     * components, one swap between a non-bridge link of the first component and a link of another
     * joins them, keeping every degree.
     */
    public static Topology randomRegular(int n, int degree, long seed, Rational bw) {
        require(n >= 2, "need at least two accelerators");
        require(degree >= 1, "the degree must be at least 1");
        require(degree < n, "the degree must be below the number of accelerators (" + n + ")");
        require(product(n, degree) % 2 == 0, "accelerators x degree must be even (an odd degree needs an even "
                + "number of accelerators)");
        require(degree >= 2 || n == 2, "a 1-regular graph is connected only with two accelerators");
        requirePositive(bw, "bandwidth");
        long e = product(n, degree) / 2;
        requireSize(n, e);
        int m = (int) e;
        int[] eu = new int[m];
        int[] ev = new int[m];
        Set<Long> present = new HashSet<>(m * 2);
        int k = 0;
        for (int i = 0; i < n; i++) {
            for (int d = 1; d <= degree / 2; d++) {
                eu[k] = i;
                ev[k] = (i + d) % n;
                present.add(key(eu[k], ev[k]));
                k++;
            }
            if (degree % 2 == 1 && i < n / 2) {
                eu[k] = i;
                ev[k] = i + n / 2;
                present.add(key(eu[k], ev[k]));
                k++;
            }
        }
        Random rnd = new Random(seed);
        long swaps = Math.min(10L * m, 50_000_000L);
        for (long t = 0; t < swaps && m >= 2; t++) {
            int i = rnd.nextInt(m);
            int j = rnd.nextInt(m);
            boolean flip = rnd.nextBoolean();
            if (i != j) {
                swap(eu, ev, present, i, j, flip);
            }
        }
        // repair: join the other components to the first, one swap each
        while (true) {
            int[] comp = components(n, eu, ev);
            int other = -1;
            for (int v = 0; v < n && other < 0; v++) {
                if (comp[v] != comp[0]) {
                    other = comp[v];
                }
            }
            if (other < 0) {
                break;
            }
            int inFirst = nonBridge(n, eu, ev, comp, comp[0]);
            int inOther = -1;
            for (int x = 0; x < m && inOther < 0; x++) {
                if (comp[eu[x]] == other) {
                    inOther = x;
                }
            }
            if (!swap(eu, ev, present, inFirst, inOther, false)) {
                throw new IllegalStateException("random-regular: repair swap refused");
            }
        }
        List<Node> nodes = new ArrayList<>(n);
        double radius = Math.max(120, n * DX / (2 * Math.PI));
        for (int i = 0; i < n; i++) {
            double angle = 2 * Math.PI * i / n - Math.PI / 2;
            nodes.add(new Node("v" + i, NodeKind.ACCELERATOR, "Acc " + i, radius + radius * Math.cos(angle),
                    radius + radius * Math.sin(angle), null));
        }
        Integer[] order = new Integer[m];
        for (int x = 0; x < m; x++) {
            order[x] = x;
        }
        // links in a canonical order: by smaller end, then larger end
        Arrays.sort(order, (p, q) -> Long.compare(key(eu[p], ev[p]), key(eu[q], ev[q])));
        List<Link> links = new ArrayList<>(m);
        for (int x : order) {
            int u = Math.min(eu[x], ev[x]);
            int v = Math.max(eu[x], ev[x]);
            links.add(new Link("v" + u, "v" + v, bw, true, LATENCY_US));
        }
        String name = "Random " + degree + "-regular graph (" + n + " accelerators, seed " + seed + ")";
        return new Topology(name, "GB/s", nodes, links);
    }

    private static long key(int u, int v) {
        return u < v ? ((long) u << 32) | v : ((long) v << 32) | u;
    }

    /** Links i = (a, b) and j = (c, e) become (a, c) and (b, e) (or (a, e), (b, c) when flip), if simple. */
    private static boolean swap(int[] eu, int[] ev, Set<Long> present, int i, int j, boolean flip) {
        int a = eu[i];
        int b = ev[i];
        int c = flip ? ev[j] : eu[j];
        int e = flip ? eu[j] : ev[j];
        if (a == c || b == e || present.contains(key(a, c)) || present.contains(key(b, e))) {
            return false;
        }
        present.remove(key(a, b));
        present.remove(key(eu[j], ev[j]));
        present.add(key(a, c));
        present.add(key(b, e));
        eu[i] = a;
        ev[i] = c;
        eu[j] = b;
        ev[j] = e;
        return true;
    }

    private static int[][] adjacency(int n, int[] eu, int[] ev) {
        int[] deg = new int[n];
        for (int x = 0; x < eu.length; x++) {
            deg[eu[x]]++;
            deg[ev[x]]++;
        }
        int[][] adj = new int[n][];
        for (int v = 0; v < n; v++) {
            adj[v] = new int[deg[v]];
        }
        int[] fill = new int[n];
        for (int x = 0; x < eu.length; x++) {
            adj[eu[x]][fill[eu[x]]++] = x;
            adj[ev[x]][fill[ev[x]]++] = x;
        }
        return adj;
    }

    private static int[] components(int n, int[] eu, int[] ev) {
        int[][] adj = adjacency(n, eu, ev);
        int[] comp = new int[n];
        Arrays.fill(comp, -1);
        int c = 0;
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int s = 0; s < n; s++) {
            if (comp[s] >= 0) {
                continue;
            }
            comp[s] = c;
            queue.add(s);
            while (!queue.isEmpty()) {
                int v = queue.poll();
                for (int x : adj[v]) {
                    int w = eu[x] == v ? ev[x] : eu[x];
                    if (comp[w] < 0) {
                        comp[w] = c;
                        queue.add(w);
                    }
                }
            }
            c++;
        }
        return comp;
    }

    /** A link of component c whose removal keeps its ends joined (every component of degree ≥ 2 has a cycle). */
    private static int nonBridge(int n, int[] eu, int[] ev, int[] comp, int c) {
        int[][] adj = adjacency(n, eu, ev);
        boolean[] seen = new boolean[n];
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int x = 0; x < eu.length; x++) {
            if (comp[eu[x]] != c) {
                continue;
            }
            Arrays.fill(seen, false);
            seen[eu[x]] = true;
            queue.clear();
            queue.add(eu[x]);
            while (!queue.isEmpty()) {
                int v = queue.poll();
                for (int y : adj[v]) {
                    if (y == x) {
                        continue;
                    }
                    int w = eu[y] == v ? ev[y] : eu[y];
                    if (!seen[w]) {
                        seen[w] = true;
                        queue.add(w);
                    }
                }
            }
            if (seen[ev[x]]) {
                return x;
            }
        }
        throw new IllegalStateException("random-regular: no cycle in a component");
    }

    // ---------------------------------------------------------------- heterogeneous leaf-spine

    /**
     * Eight leaves under four spines, alternately 16 hosts at 25 GB/s with full bisection and 8 hosts at
     * 50 GB/s with 2:1 oversubscription.
     */
    public static Topology leafSpine() {
        return leafSpine(8, new int[] {16, 8}, 4, new Rational[] {Rational.of(25), Rational.of(50)},
                new Rational[] {Rational.ONE, Rational.of(2)});
    }

    /**
     * A two-level leaf-spine fabric whose leaves differ: leaf l has {@code hostsPerLeaf[l mod length]}
     * accelerators {@code h<l>_<i>} at {@code hostBw[l mod length]} and links to every spine
     * {@code spine<s>} of (its hosts' bandwidth) / spines / {@code oversubscription[l mod length]}, so its
     * uplinks carry 1/oversubscription of what its hosts can send (1: full bisection). Every link is
     * duplex, so every switch stays balanced however the leaves differ. Groups: {@code leaf<l>}.
     */
    public static Topology leafSpine(int leaves, int[] hostsPerLeaf, int spines, Rational[] hostBw,
                                     Rational[] oversubscription) {
        require(leaves >= 1, "leaves must be at least 1");
        require(spines >= 1, "spines must be at least 1");
        require(hostsPerLeaf != null && hostsPerLeaf.length >= 1, "give at least one hosts-per-leaf count");
        require(hostBw != null && hostBw.length >= 1, "give at least one host bandwidth");
        require(oversubscription != null && oversubscription.length >= 1, "give at least one oversubscription");
        long hosts = 0;
        for (int l = 0; l < leaves; l++) {
            int h = hostsPerLeaf[l % hostsPerLeaf.length];
            require(h >= 1, "hosts per leaf must be at least 1, not " + h);
            hosts = sum(hosts, h);
            if (hosts > MAX_ACCELERATORS) {
                break;
            }
        }
        for (Rational b : hostBw) {
            requirePositive(b, "host bandwidth");
        }
        for (Rational x : oversubscription) {
            require(x != null && x.compareTo(Rational.ONE) >= 0, "oversubscription must be at least 1");
        }
        requireSize(hosts, sum(hosts, product(leaves, spines)));
        require(hosts >= 2, "need at least two hosts");
        List<Node> nodes = new ArrayList<>();
        List<Link> links = new ArrayList<>();
        int widest = 0;
        for (int h : hostsPerLeaf) {
            widest = Math.max(widest, h);
        }
        double leafWidth = widest * DX;
        double width = leaves * (leafWidth + GAP) - GAP;
        for (int s = 0; s < spines; s++) {
            nodes.add(new Node("spine" + s, NodeKind.SWITCH, "Spine " + s, spread(s, spines, width), 0.0, null));
        }
        for (int l = 0; l < leaves; l++) {
            int h = hostsPerLeaf[l % hostsPerLeaf.length];
            Rational bw = hostBw[l % hostBw.length];
            Rational x = oversubscription[l % oversubscription.length];
            double x0 = l * (leafWidth + GAP);
            String leaf = "leaf" + l;
            String group = "leaf" + l;
            nodes.add(new Node(leaf, NodeKind.SWITCH, "Leaf " + l + " (" + h + " x " + bw + " GB/s"
                    + (x.equals(Rational.ONE) ? "" : ", " + x + ":1") + ")", x0 + (h - 1) * DX / 2, 160.0, group));
            Rational uplink = bw.multiply(h).divide(spines).divide(x);
            for (int s = 0; s < spines; s++) {
                links.add(new Link(leaf, "spine" + s, uplink, true, LATENCY_US));
            }
            for (int i = 0; i < h; i++) {
                String id = "h" + l + "_" + i;
                nodes.add(new Node(id, NodeKind.ACCELERATOR, "Leaf " + l + " host " + i, x0 + i * DX, 280.0, group));
                links.add(new Link(id, leaf, bw, true, LATENCY_US));
            }
        }
        String name = "Leaf-spine (" + leaves + " leaves, " + hosts + " hosts, " + spines + " spines; hosts per leaf "
                + join(hostsPerLeaf) + ", " + join(hostBw) + " GB/s, oversubscription " + join(oversubscription) + ")";
        return new Topology(name, "GB/s", nodes, links);
    }

    private static String join(int[] values) {
        StringBuilder sb = new StringBuilder();
        for (int v : values) {
            sb.append(sb.length() == 0 ? "" : ",").append(v);
        }
        return sb.toString();
    }

    private static String join(Rational[] values) {
        StringBuilder sb = new StringBuilder();
        for (Rational v : values) {
            sb.append(sb.length() == 0 ? "" : ",").append(v);
        }
        return sb.toString();
    }

    // ---------------------------------------------------------------- PCIe-tree servers

    /** PCIe switches per server by default: two under each of the two CPUs, as in a DGX A100. */
    public static final int PCIE_SWITCHES = 4;

    /** Two servers of 8 GPUs and 4 NICs under 4 PCIe switches and 2 CPUs, no NVLink, one network switch. */
    public static Topology pcieServers() {
        return pcieServers(2, 8, 4, PCIE_SWITCHES, false, 1, TopologyGenerators.PCIE_GEN4_X16, DEFAULT_NET_BW);
    }

    /**
     * Servers as NCCL models them (its topology XML; compare {@code import nccl-xml}): in server i,
     * {@code pcieSwitches} PCIe switches {@code s<i>.pci<j>} under one CPU {@code s<i>.cpu<c>} each (the
     * first half under CPU 0, the rest under CPU 1; a single switch has one CPU), the CPUs joined by an
     * inter-socket link ({@link #CPU_LINK_BW}). GPU g {@code s<i>.gpu<g>} sits under PCIe switch
     * g·P/G, NIC j {@code s<i>.nic<j>} (a switch: it forwards only) under switch j·P/N; every PCIe link
     * (GPU or NIC to PCIe switch, PCIe switch to CPU) has {@code pcieBw}. With {@code nvlink} the GPUs of a
     * server also share an NVSwitch {@code s<i>.nvs} at 300 GB/s (A100). NIC j of every server links
     * ({@code nicBw}) to rail switch {@code rail<j mod rails>}, or with one rail to the network switch
     * {@code net}. CPUs and PCIe switches are switches too. Groups: {@code server<i>}.
     */
    public static Topology pcieServers(int servers, int gpusPerServer, int nicsPerServer, int pcieSwitches,
                                       boolean nvlink, int rails, Rational pcieBw, Rational nicBw) {
        require(servers >= 1, "servers must be at least 1");
        require(gpusPerServer >= 1, "GPUs per server must be at least 1");
        require(nicsPerServer >= 1, "NICs per server must be at least 1");
        require(pcieSwitches >= 1, "PCIe switches per server must be at least 1");
        require(pcieSwitches <= gpusPerServer, "PCIe switches per server (" + pcieSwitches
                + ") must not exceed the GPUs per server (" + gpusPerServer + ")");
        require(rails >= 1, "rails must be at least 1");
        require(rails <= nicsPerServer, "rails (" + rails + ") must not exceed the NICs per server (" + nicsPerServer
                + ")");
        requirePositive(pcieBw, "PCIe bandwidth");
        requirePositive(nicBw, "NIC bandwidth");
        long gpus = product(servers, gpusPerServer);
        int cpus = pcieSwitches >= 2 ? 2 : 1;
        long perServer = sum(gpusPerServer, 2L * nicsPerServer, pcieSwitches, cpus - 1, nvlink ? gpusPerServer : 0);
        requireSize(gpus, product(servers, perServer));
        require(gpus >= 2, "need at least two GPUs");
        List<Node> nodes = new ArrayList<>();
        List<Link> links = new ArrayList<>();
        int g = gpusPerServer;
        int nics = nicsPerServer;
        int p = pcieSwitches;
        double serverWidth = Math.max(g, nics) * DX + DX;
        double width = servers * (serverWidth + GAP) - GAP;
        for (int r = 0; r < rails; r++) {
            String id = rails == 1 ? "net" : "rail" + r;
            nodes.add(new Node(id, NodeKind.SWITCH, rails == 1 ? "Network switch" : "Rail " + r,
                    spread(r, rails, width), 0.0, null));
        }
        for (int s = 0; s < servers; s++) {
            double x0 = s * (serverWidth + GAP);
            String group = "server" + s;
            String pre = "s" + s + ".";
            for (int c = 0; c < cpus; c++) {
                nodes.add(new Node(pre + "cpu" + c, NodeKind.SWITCH, "Server " + s + " CPU " + c,
                        x0 + spread(c, cpus, serverWidth), 160.0, group));
            }
            if (cpus == 2) {
                links.add(new Link(pre + "cpu0", pre + "cpu1", CPU_LINK_BW, true, TopologyGenerators.PCIE_LATENCY_US));
            }
            for (int j = 0; j < p; j++) {
                String pci = pre + "pci" + j;
                nodes.add(new Node(pci, NodeKind.SWITCH, "Server " + s + " PCIe switch " + j,
                        x0 + spread(j, p, serverWidth), 250.0, group));
                links.add(new Link(pre + "cpu" + (j * cpus / p), pci, pcieBw, true, TopologyGenerators.PCIE_LATENCY_US));
            }
            for (int k = 0; k < g; k++) {
                String gpu = pre + "gpu" + k;
                nodes.add(new Node(gpu, NodeKind.ACCELERATOR, "Server " + s + " GPU " + k, x0 + k * DX, 380.0, group));
                links.add(new Link(pre + "pci" + (int) ((long) k * p / g), gpu, pcieBw, true,
                        TopologyGenerators.PCIE_LATENCY_US));
            }
            for (int j = 0; j < nics; j++) {
                String nic = pre + "nic" + j;
                nodes.add(new Node(nic, NodeKind.SWITCH, "Server " + s + " NIC " + j,
                        x0 + spread(j, nics, serverWidth), 320.0, group));
                links.add(new Link(pre + "pci" + (int) ((long) j * p / nics), nic, pcieBw, true,
                        TopologyGenerators.PCIE_LATENCY_US));
                links.add(new Link(nic, rails == 1 ? "net" : "rail" + (j % rails), nicBw, true,
                        TopologyGenerators.NET_LATENCY_US));
            }
            if (nvlink) {
                String nvs = pre + "nvs";
                nodes.add(new Node(nvs, NodeKind.SWITCH, "Server " + s + " NVSwitch", x0 + (g - 1) * DX / 2, 460.0,
                        group));
                for (int k = 0; k < g; k++) {
                    links.add(new Link(pre + "gpu" + k, nvs, TopologyGenerators.A100_NVLINK, true,
                            TopologyGenerators.NVLINK_LATENCY_US));
                }
            }
        }
        String name = servers + "x PCIe server (" + gpus + " GPUs, " + g + " GPUs and " + nics + " NICs under "
                + p + " PCIe switch" + (p == 1 ? "" : "es") + " per server, " + (nvlink ? "NVSwitch" : "no NVLink")
                + ", " + (rails == 1 ? "one network switch" : rails + " rails") + ")";
        return new Topology(name, "GB/s", nodes, links);
    }
}
