package canopy.engine;

import canopy.model.Link;
import canopy.model.Node;
import canopy.model.Rational;
import canopy.model.Topology;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The directed graph the engine works on: nodes indexed 0..n-1 in file order, duplex links expanded
 * into two arcs, parallel links between one ordered pair summed into one arc with an exact capacity.
 * Immutable.
 */
public final class NetworkGraph {
    private final String[] ids;
    private final boolean[] accelerator;
    /** The node's group (e.g. its box), or null. */
    private final String[] groups;
    private final int[] accelerators;
    private final Map<String, Integer> index;
    private final int[] arcFrom;
    private final int[] arcTo;
    private final Rational[] arcBandwidth;
    /** Smallest latency_us among the links merged into the arc (the one a message takes), or NaN where none gave one. */
    private final double[] arcLatencyUs;
    private final Map<Long, Integer> arcIndex;
    private final int[][] outArcs;
    private final int[][] inArcs;
    /** The integer scale and scaled bandwidths, computed once and shared with the reversed graph. */
    private final Scaled scaled;

    /** Bandwidths as coprime integers: bandwidth(a) × scale = capacity[a]; lcm is the denominators' lcm. */
    private static final class Scaled {
        private final Rational[] bandwidth;
        private volatile Rational scale;
        private BigInteger lcm;
        private BigInteger[] capacity;

        Scaled(Rational[] bandwidth) {
            this.bandwidth = bandwidth;
        }

        synchronized void compute() {
            if (scale != null) {
                return;
            }
            // lcm of the distinct denominators, gcd of the numerators; each distinct L / den once.
            java.util.Map<BigInteger, BigInteger> perDen = new HashMap<>();
            BigInteger l = BigInteger.ONE;
            BigInteger g = BigInteger.ZERO;
            for (Rational b : bandwidth) {
                if (perDen.putIfAbsent(b.denominator(), BigInteger.ZERO) == null) {
                    l = Rational.lcm(l, b.denominator());
                }
                if (!g.equals(BigInteger.ONE)) {
                    g = g.gcd(b.numerator());
                }
            }
            if (g.signum() == 0) {
                g = BigInteger.ONE;
            }
            for (Map.Entry<BigInteger, BigInteger> e : perDen.entrySet()) {
                e.setValue(l.divide(e.getKey()));
            }
            BigInteger[] c = new BigInteger[bandwidth.length];
            for (int a = 0; a < c.length; a++) {
                // gcd of the bandwidths is g / l, so these integers have gcd 1.
                c[a] = bandwidth[a].numerator().divide(g).multiply(perDen.get(bandwidth[a].denominator()));
            }
            lcm = l;
            capacity = c;
            scale = Rational.of(l, g);
        }
    }

    private NetworkGraph(String[] ids, boolean[] accelerator, String[] groups, int[] arcFrom, int[] arcTo,
                         Rational[] arcBandwidth, double[] arcLatencyUs, Scaled scaled) {
        this.scaled = scaled == null ? new Scaled(arcBandwidth) : scaled;
        this.ids = ids;
        this.accelerator = accelerator;
        this.groups = groups;
        this.arcFrom = arcFrom;
        this.arcTo = arcTo;
        this.arcBandwidth = arcBandwidth;
        this.arcLatencyUs = arcLatencyUs;
        this.index = new HashMap<>();
        for (int i = 0; i < ids.length; i++) {
            index.put(ids[i], i);
        }
        int count = 0;
        for (boolean a : accelerator) {
            if (a) {
                count++;
            }
        }
        accelerators = new int[count];
        for (int i = 0, j = 0; i < ids.length; i++) {
            if (accelerator[i]) {
                accelerators[j++] = i;
            }
        }
        arcIndex = new HashMap<>();
        int[] outDeg = new int[ids.length];
        int[] inDeg = new int[ids.length];
        for (int a = 0; a < arcFrom.length; a++) {
            arcIndex.put(key(arcFrom[a], arcTo[a]), a);
            outDeg[arcFrom[a]]++;
            inDeg[arcTo[a]]++;
        }
        outArcs = new int[ids.length][];
        inArcs = new int[ids.length][];
        for (int v = 0; v < ids.length; v++) {
            outArcs[v] = new int[outDeg[v]];
            inArcs[v] = new int[inDeg[v]];
        }
        Arrays.fill(outDeg, 0);
        Arrays.fill(inDeg, 0);
        for (int a = 0; a < arcFrom.length; a++) {
            outArcs[arcFrom[a]][outDeg[arcFrom[a]]++] = a;
            inArcs[arcTo[a]][inDeg[arcTo[a]]++] = a;
        }
    }

    /** The graph of a topology. Links to unknown nodes and self-loops are the validator's business: skipped here. */
    public static NetworkGraph of(Topology topology) {
        List<Node> nodes = topology.nodes();
        String[] ids = new String[nodes.size()];
        boolean[] acc = new boolean[nodes.size()];
        String[] groups = new String[nodes.size()];
        Map<String, Integer> idx = new HashMap<>();
        for (int i = 0; i < ids.length; i++) {
            ids[i] = nodes.get(i).id();
            acc[i] = nodes.get(i).isAccelerator();
            groups[i] = nodes.get(i).group();
            idx.put(ids[i], i);
        }
        // Parallel links' bandwidths are collected and summed once by common scale (Rational.sum).
        Map<Long, Object> cap = new LinkedHashMap<>();
        Map<Long, Double> lat = new HashMap<>();
        for (Link l : topology.links()) {
            Integer u = idx.get(l.from());
            Integer v = idx.get(l.to());
            if (u == null || v == null || u.equals(v)) {
                continue;
            }
            addArc(cap, lat, u, v, l);
            if (l.duplex()) {
                addArc(cap, lat, v, u, l);
            }
        }
        int m = cap.size();
        int[] from = new int[m];
        int[] to = new int[m];
        Rational[] bw = new Rational[m];
        double[] latency = new double[m];
        int a = 0;
        for (Map.Entry<Long, Object> e : cap.entrySet()) {
            from[a] = (int) (e.getKey() >>> 32);
            to[a] = (int) (e.getKey() & 0xffffffffL);
            @SuppressWarnings("unchecked")
            Rational sum = e.getValue() instanceof Rational r ? r : Rational.sum((List<Rational>) e.getValue());
            bw[a] = sum;
            Double l = lat.get(e.getKey());
            latency[a] = l == null ? Double.NaN : l;
            a++;
        }
        return new NetworkGraph(ids, acc, groups, from, to, bw, latency, null);
    }

    private static void addArc(Map<Long, Object> cap, Map<Long, Double> lat, int u, int v, Link l) {
        long k = key(u, v);
        cap.merge(k, l.bandwidth(), (old, b) -> {
            if (old instanceof Rational r) {
                List<Rational> list = new ArrayList<>();
                list.add(r);
                list.add((Rational) b);
                return list;
            }
            @SuppressWarnings("unchecked")
            List<Rational> list = (List<Rational>) old;
            list.add((Rational) b);
            return list;
        });
        if (l.latencyUs() != null) {
            lat.merge(k, l.latencyUs(), Math::min);
        }
    }

    private static long key(int u, int v) {
        return ((long) u << 32) | (v & 0xffffffffL);
    }

    /** The same nodes with every arc turned around (the reduce-scatter view). */
    public NetworkGraph reversed() {
        return new NetworkGraph(ids, accelerator, groups, arcTo.clone(), arcFrom.clone(), arcBandwidth.clone(),
                arcLatencyUs.clone(), scaled);
    }

    public int nodeCount() {
        return ids.length;
    }

    public int arcCount() {
        return arcFrom.length;
    }

    public String id(int v) {
        return ids[v];
    }

    /** The node index of this id, or -1. */
    public int indexOf(String id) {
        Integer i = index.get(id);
        return i == null ? -1 : i;
    }

    /** The node's group from the file (e.g. its box), or null. */
    public String group(int v) {
        return groups[v];
    }

    public boolean isAccelerator(int v) {
        return accelerator[v];
    }

    /** Node indices of the accelerators, in file order. */
    public int[] accelerators() {
        return accelerators.clone();
    }

    public int acceleratorCount() {
        return accelerators.length;
    }

    public int arcFrom(int a) {
        return arcFrom[a];
    }

    public int arcTo(int a) {
        return arcTo[a];
    }

    public Rational bandwidth(int a) {
        return arcBandwidth[a];
    }

    /** latency_us of the arc, or NaN when the file gave none. */
    public double latencyUs(int a) {
        return arcLatencyUs[a];
    }

    /** The arc u→v, or -1. */
    public int arc(int u, int v) {
        Integer a = arcIndex.get(key(u, v));
        return a == null ? -1 : a;
    }

    /** The arc of each hop of a path of node ids, in order; -1 for a hop with no link. */
    public int[] arcsAlong(List<String> path) {
        int[] arcs = new int[path.size() - 1];
        for (int i = 0; i < arcs.length; i++) {
            arcs[i] = arc(indexOf(path.get(i)), indexOf(path.get(i + 1)));
        }
        return arcs;
    }

    public int[] outArcs(int v) {
        return outArcs[v];
    }

    public int[] inArcs(int v) {
        return inArcs[v];
    }

    private Scaled scaled() {
        if (scaled.scale == null) {
            scaled.compute();
        }
        return scaled;
    }

    /** The smallest positive integer L such that L × every bandwidth is an integer. */
    public BigInteger bandwidthScale() {
        return scaled().lcm;
    }

    /**
     * The engine's integer scale: lcm(denominators) / gcd(numerators) of the bandwidths, so that
     * bandwidth × scale is an integer for every arc and these integers have no common factor (a ring
     * of 5e18 links has capacities 1; 1e-9 beside 1e10 gives 1 and 10^19).
     */
    public Rational scale() {
        return scaled().scale;
    }

    /** bandwidth(a) × {@link #scale()}: exact, coprime, arbitrarily large integers. Do not modify. */
    public BigInteger[] scaledBandwidths() {
        return scaled().capacity;
    }

    /**
     * Bandwidths times {@link #scale()} multiplied by factor, as exact longs; throws
     * ArithmeticException when they do not fit in a long.
     */
    public long[] scaledCapacities(BigInteger factor) {
        BigInteger[] big = scaledBandwidths();
        long[] c = new long[big.length];
        for (int a = 0; a < c.length; a++) {
            c[a] = big[a].multiply(factor).longValueExact();
        }
        return c;
    }

    /** Names of the nodes with these indices. */
    public List<String> names(Iterable<Integer> nodes) {
        List<String> out = new ArrayList<>();
        for (int v : nodes) {
            out.add(ids[v]);
        }
        return out;
    }
}
