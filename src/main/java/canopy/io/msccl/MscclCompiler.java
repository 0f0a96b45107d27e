package canopy.io.msccl;

import static canopy.io.msccl.MscclXmlExporter.MAX_COUNT;
import static canopy.io.msccl.MscclXmlExporter.MAX_OFFSET;
import static canopy.io.msccl.MscclXmlExporter.MAX_PEERS_PER_CHANNEL;
import static canopy.io.msccl.MscclXmlExporter.MAX_XML_NODES_PER_RANK;

import canopy.io.InvalidInputException;

import canopy.model.Collective;
import canopy.model.Direction;
import canopy.model.Node;
import canopy.model.Phase;
import canopy.model.Rational;
import canopy.model.Schedule;
import canopy.model.ScheduleTree;
import canopy.model.Topology;
import canopy.model.TreeEdge;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The MSCCL compiler's middle: a schedule's trees cut into chunk ranges, given channels, paired into
 * threadblocks and ordered into steps with their dependencies (the algorithm is described on
 * {@link MscclXmlExporter}), lowered to an {@link MscclProgram} that is checked before anything is
 * written. Tries 1, 2, … channels and keeps the first plan that fits every runtime limit.
 */
final class MscclCompiler {
    private MscclCompiler() {
    }

    /** The checked program of schedule s on topology t. */
    static MscclProgram compile(Schedule s, Topology t, MscclXmlExporter.Options o) throws InvalidInputException {
        MscclProgram program = new Builder(s, t, o).build();
        program.check();
        return program;
    }

    /** A tree as the exporter sees it: ranks, parents, children, levels, chunk range. */
    private static final class Tree {
        int index;
        ScheduleTree source;
        boolean out;
        boolean perShard;
        int stageKey;
        int root;
        int[] parent;
        int[][] children;
        int[] level;
        int channel;
        int start;
        int count;
    }

    /** One step of one GPU before it is placed in a threadblock. */
    private static final class Step {
        final int gpu;
        final String type;
        final char srcBuf;
        final int srcOff;
        final char dstBuf;
        final int dstOff;
        final int cnt;
        final int sendPeer;
        final int recvPeer;
        final int channel;
        final long[] key;
        final List<Step> deps = new ArrayList<>();
        Tb tb;
        int index = -1;
        boolean hasDep;
        int[][] depRefs = new int[0][];

        Step(int gpu, String type, char srcBuf, int srcOff, char dstBuf, int dstOff, int cnt, int sendPeer,
             int recvPeer, int channel, long[] key) {
            this.gpu = gpu;
            this.type = type;
            this.srcBuf = srcBuf;
            this.srcOff = srcOff;
            this.dstBuf = dstBuf;
            this.dstOff = dstOff;
            this.cnt = cnt;
            this.sendPeer = sendPeer;
            this.recvPeer = recvPeer;
            this.channel = channel;
            this.key = key;
        }
    }

    private static final class Tb {
        final int channel;
        final int send;
        final int recv;
        int id;
        int count;
        final List<Step> steps = new ArrayList<>();

        Tb(int channel, int send, int recv) {
            this.channel = channel;
            this.send = send;
            this.recv = recv;
        }
    }

    /** A reduction result at a root: chunks [off, off+cnt) of the output, written by step. */
    private record Final(int off, int cnt, Step step) {
    }

    private static final class Plan {
        String failure;
        List<Step> steps = new ArrayList<>();
        List<List<Tb>> tbs = new ArrayList<>();
        int[] scratch;
        int channels;
    }

    private static final Comparator<long[]> KEY_ORDER = Arrays::compare;

    private static final class Builder {
        final Schedule schedule;
        final Topology topology;
        final MscclXmlExporter.Options options;
        final int n;
        final Map<String, Integer> rank = new HashMap<>();
        final List<Tree> trees = new ArrayList<>();
        int c;
        boolean exact;
        Rational maxDeviation = Rational.ZERO;
        int dropped;

        Builder(Schedule s, Topology t, MscclXmlExporter.Options o) {
            this.schedule = s;
            this.topology = t;
            this.options = o;
            List<Node> acc = t.accelerators();
            this.n = acc.size();
            for (int i = 0; i < n; i++) {
                rank.put(acc.get(i).id(), i);
            }
        }

        MscclProgram build() throws InvalidInputException {
            if (n < 2) {
                throw new InvalidInputException("the topology has fewer than two accelerators");
            }
            if (schedule.accelerators() != n) {
                throw new InvalidInputException("the schedule is for " + schedule.accelerators()
                        + " accelerators, the topology has " + n);
            }
            readTrees();
            checkPhases();
            chooseChunks();
            if (n * (long) c > MAX_OFFSET + 1L) {
                throw new InvalidInputException(n + " GPUs × " + c + " chunks exceed MSCCL's 16-bit chunk offsets");
            }
            Plan best = null;
            List<String> failures = new ArrayList<>();
            int kMax = Math.min(options.maxChannels(), Math.max(1, trees.size()));
            for (int k = 1; k <= kMax; k++) {
                Plan p = plan(k);
                if (p.failure == null) {
                    best = p;
                    break;
                }
                if (k == 1 || k == kMax) {
                    failures.add("with " + k + (k == 1 ? " channel: " : " channels: ") + p.failure);
                }
            }
            if (best == null) {
                throw new InvalidInputException("cannot fit the schedule into MSCCL's limits ("
                        + options.maxThreadblocks() + " threadblocks per GPU, " + options.maxStepsPerThreadblock()
                        + " steps per threadblock, " + MAX_PEERS_PER_CHANNEL + " peers per channel): "
                        + String.join("; ", failures));
            }
            return lower(best);
        }

        // ---- reading and checking the trees ----

        private int rankOf(String id, String what) throws InvalidInputException {
            Integer r = rank.get(id);
            if (r == null) {
                throw new InvalidInputException(what + " " + id + " is not an accelerator of the topology");
            }
            return r;
        }

        private void readTrees() throws InvalidInputException {
            int idx = 0;
            for (ScheduleTree st : schedule.trees()) {
                String where = "tree " + idx + " (root " + st.root() + ", " + st.phase() + ")";
                idx++;
                if (st.share().signum() < 0) {
                    throw new InvalidInputException(where + ": negative share " + st.share());
                }
                if (st.direction() != st.phase().direction()) {
                    throw new InvalidInputException(where + ": direction " + st.direction().jsonName()
                            + " does not fit phase " + st.phase());
                }
                if (st.share().signum() == 0) {
                    continue;
                }
                Tree t = new Tree();
                t.source = st;
                t.out = st.direction() == Direction.OUT;
                t.perShard = st.phase().perShard();
                t.stageKey = st.stage() * 2 + (t.out ? 1 : 0);
                t.root = rankOf(st.root(), where + ": root");
                t.parent = new int[n];
                Arrays.fill(t.parent, -2);
                t.parent[t.root] = -1;
                List<List<Integer>> kids = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    kids.add(new ArrayList<>());
                }
                for (TreeEdge e : st.edges()) {
                    int from = rankOf(e.from(), where + ": edge end");
                    int to = rankOf(e.to(), where + ": edge end");
                    if (from == to) {
                        throw new InvalidInputException(where + ": self-loop at " + e.from());
                    }
                    int child = t.out ? to : from;
                    int par = t.out ? from : to;
                    if (t.parent[child] != -2) {
                        throw new InvalidInputException(where + ": " + (child == t.root ? "the root "
                                : "accelerator ") + topologyId(child) + " has a second "
                                + (t.out ? "incoming" : "outgoing") + " edge");
                    }
                    t.parent[child] = par;
                    kids.get(par).add(child);
                }
                t.level = new int[n];
                Arrays.fill(t.level, Integer.MIN_VALUE);
                int[] depth = new int[n];
                Arrays.fill(depth, -1);
                depth[t.root] = 0;
                List<Integer> queue = new ArrayList<>(List.of(t.root));
                for (int q = 0; q < queue.size(); q++) {
                    int v = queue.get(q);
                    for (int ch : kids.get(v)) {
                        if (depth[ch] < 0) {
                            depth[ch] = depth[v] + 1;
                            queue.add(ch);
                        }
                    }
                }
                for (int v = 0; v < n; v++) {
                    if (depth[v] < 0) {
                        throw new InvalidInputException(where + ": accelerator " + topologyId(v)
                                + " is not reached by the tree");
                    }
                    t.level[v] = t.out ? depth[v] : -depth[v];
                }
                t.children = new int[n][];
                for (int v = 0; v < n; v++) {
                    t.children[v] = kids.get(v).stream().mapToInt(Integer::intValue).sorted().toArray();
                }
                t.index = trees.size();
                trees.add(t);
            }
            if (trees.isEmpty()) {
                throw new InvalidInputException("the schedule has no tree with a positive share");
            }
            // in-trees (reductions) of a stage before out-trees of it; schedule order otherwise
            trees.sort(Comparator.comparingInt((Tree t) -> t.stageKey).thenComparingInt(t -> t.index));
            for (int i = 0; i < trees.size(); i++) {
                trees.get(i).index = i;
            }
        }

        private String topologyId(int r) {
            return topology.accelerators().get(r).id();
        }

        private void checkPhases() throws InvalidInputException {
            Collective col = schedule.collective();
            Map<Phase, Integer> phases = new TreeMap<>();
            for (Tree t : trees) {
                phases.merge(t.source.phase(), 1, Integer::sum);
            }
            boolean ok = switch (col) {
                case ALLGATHER -> phases.keySet().equals(java.util.Set.of(Phase.ALLGATHER));
                case REDUCE_SCATTER -> phases.keySet().equals(java.util.Set.of(Phase.REDUCE_SCATTER));
                case ALLREDUCE -> phases.keySet().equals(java.util.Set.of(Phase.REDUCE_SCATTER, Phase.ALLGATHER))
                        || phases.keySet().equals(java.util.Set.of(Phase.REDUCE, Phase.BROADCAST));
            };
            if (!ok) {
                throw new InvalidInputException(col + " cannot be exported from trees of phases " + phases.keySet()
                        + " (allgather: allgather trees; reduce-scatter: reduce-scatter trees; allreduce: "
                        + "reduce-scatter then allgather, or reduce then broadcast)");
            }
            String order = canopy.engine.ScheduleVerifier.stageOrderProblem(col, schedule.trees());
            if (order != null) {
                throw new InvalidInputException(order);
            }
            // shares add up to one per (phase, root) for shard trees, per phase for whole-buffer trees
            Map<String, Rational> sums = new LinkedHashMap<>();
            for (Tree t : trees) {
                String key = t.source.phase() + (t.perShard ? " trees of root " + topologyId(t.root) : " trees");
                sums.merge(key, t.source.share(), Rational::add);
            }
            for (Phase p : phases.keySet()) {
                if (p.perShard()) {
                    for (int r = 0; r < n; r++) {
                        sums.putIfAbsent(p + " trees of root " + topologyId(r), Rational.ZERO);
                    }
                }
            }
            for (Map.Entry<String, Rational> e : sums.entrySet()) {
                if (!e.getValue().equals(Rational.ONE)) {
                    throw new InvalidInputException("the shares of the " + e.getKey() + " add up to "
                            + e.getValue() + ", not 1");
                }
            }
        }

        // ---- chunking ----

        private void chooseChunks() {
            BigInteger lcm = BigInteger.ONE;
            BigInteger bn = BigInteger.valueOf(n);
            for (Tree t : trees) {
                BigInteger den = t.source.share().denominator();
                if (!t.perShard) {
                    den = den.divide(den.gcd(bn));
                }
                lcm = lcm.divide(lcm.gcd(den)).multiply(den);
            }
            int cap = Math.max(1, Math.min(options.maxChunks(), (MAX_OFFSET + 1) / n));
            exact = lcm.compareTo(BigInteger.valueOf(cap)) <= 0;
            c = exact ? lcm.intValueExact() : cap;
            // apportion per group: (phase, root) for shard trees, phase for whole-buffer trees
            Map<String, List<Tree>> groups = new LinkedHashMap<>();
            for (Tree t : trees) {
                groups.computeIfAbsent(t.source.phase() + (t.perShard ? "/" + t.root : ""), k -> new ArrayList<>())
                        .add(t);
            }
            for (List<Tree> g : groups.values()) {
                int total = g.get(0).perShard ? c : n * c;
                apportion(g, total);
            }
            List<Tree> kept = new ArrayList<>();
            for (Tree t : trees) {
                if (t.count > 0) {
                    kept.add(t);
                } else {
                    dropped++;
                }
            }
            trees.clear();
            trees.addAll(kept);
            for (int i = 0; i < trees.size(); i++) {
                trees.get(i).index = i;
            }
        }

        /** Largest-remainder apportionment of total chunks to the trees of one group, in order. */
        private void apportion(List<Tree> g, int total) {
            int given = 0;
            Rational[] rest = new Rational[g.size()];
            for (int i = 0; i < g.size(); i++) {
                Rational quota = g.get(i).source.share().multiply(total);
                int fl = quota.floor().intValueExact();
                g.get(i).count = fl;
                rest[i] = quota.subtract(Rational.of(fl));
                given += fl;
            }
            Integer[] order = new Integer[g.size()];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> {
                int cmp = rest[b].compareTo(rest[a]);
                return cmp != 0 ? cmp : Integer.compare(a, b);
            });
            for (int j = 0; given < total; j++) {
                g.get(order[j % order.length]).count++;
                given++;
            }
            int start = 0;
            for (Tree t : g) {
                t.start = start;
                start += t.count;
                Rational dev = Rational.of(t.count, total).subtract(t.source.share());
                if (dev.signum() < 0) {
                    dev = dev.negate();
                }
                maxDeviation = maxDeviation.max(dev);
            }
        }

        // ---- offsets ----

        /** Where a tree's chunk x (0-based in its range coordinate) lives in the output buffer. */
        private int outOffset(Tree t, int x) {
            Collective col = schedule.collective();
            if (!t.perShard) {
                return x;
            }
            if (col == Collective.REDUCE_SCATTER) {
                return x; // the output is the own shard
            }
            return t.root * c + x;
        }

        /** Where a GPU's contribution to an in-tree's chunk x lives in the input buffer. */
        private int inOffset(Tree t, int x) {
            return t.perShard ? t.root * c + x : x;
        }

        // ---- planning ----

        private record GpuChannel(int gpu, int channel) {
        }

        private Plan plan(int k) throws InvalidInputException {
            Plan p = new Plan();
            p.channels = 0;
            for (Tree t : trees) {
                t.channel = t.index % k;
                p.channels = Math.max(p.channels, t.channel + 1);
            }
            // greedy matching of send and receive peers per (gpu, channel), weighted by fusable steps
            Map<GpuChannel, Map<Long, Integer>> weights = new HashMap<>();
            for (Tree t : trees) {
                int pieces = (t.count + MAX_COUNT - 1) / MAX_COUNT;
                for (int v = 0; v < n; v++) {
                    int par = t.parent[v];
                    if (par < 0 || t.children[v].length == 0) {
                        continue;
                    }
                    Map<Long, Integer> w = weights.computeIfAbsent(new GpuChannel(v, t.channel), x -> new HashMap<>());
                    for (int ch : t.children[v]) {
                        long pair = t.out ? pair(ch, par) : pair(par, ch);
                        w.merge(pair, pieces, Integer::sum);
                    }
                }
            }
            Map<GpuChannel, Map<Integer, Integer>> recvOfSend = new HashMap<>();
            Map<GpuChannel, Map<Integer, Integer>> sendOfRecv = new HashMap<>();
            for (Map.Entry<GpuChannel, Map<Long, Integer>> e : weights.entrySet()) {
                List<Map.Entry<Long, Integer>> list = new ArrayList<>(e.getValue().entrySet());
                list.sort((a, b) -> a.getValue().equals(b.getValue()) ? Long.compare(a.getKey(), b.getKey())
                        : Integer.compare(b.getValue(), a.getValue()));
                Map<Integer, Integer> rs = new HashMap<>();
                Map<Integer, Integer> sr = new HashMap<>();
                for (Map.Entry<Long, Integer> pe : list) {
                    int send = (int) (pe.getKey() >> 32);
                    int recv = (int) (long) pe.getKey();
                    if (!rs.containsKey(send) && !sr.containsKey(recv)) {
                        rs.put(send, recv);
                        sr.put(recv, send);
                    }
                }
                recvOfSend.put(e.getKey(), rs);
                sendOfRecv.put(e.getKey(), sr);
            }
            p.scratch = new int[n];
            List<List<Final>> finals = new ArrayList<>();
            for (int g = 0; g < n; g++) {
                finals.add(new ArrayList<>());
            }
            long seq = 0;
            if (schedule.collective() == Collective.ALLGATHER) {
                int agKey = trees.get(0).stageKey;
                for (int g = 0; g < n; g++) {
                    for (int x = 0, piece = 0; x < c; x += MAX_COUNT, piece++) {
                        int cnt = Math.min(MAX_COUNT, c - x);
                        p.steps.add(new Step(g, "cpy", 'i', x, 'o', g * c + x, cnt, -1, -1, 0,
                                new long[] {agKey, -1, piece, 0, 0, seq++}));
                    }
                }
            }
            for (Tree t : trees) {
                for (int x = 0, piece = 0; x < t.count; x += MAX_COUNT, piece++) {
                    int cnt = Math.min(MAX_COUNT, t.count - x);
                    int a = t.start + x;
                    for (int v = 0; v < n; v++) {
                        GpuChannel gc = new GpuChannel(v, t.channel);
                        Map<Integer, Integer> rs = recvOfSend.getOrDefault(gc, Map.of());
                        long[] base = {t.stageKey, t.index, piece, t.level[v], 0, 0};
                        if (t.out) {
                            seq = outTreeSteps(p, t, v, a, cnt, base, rs, finals, seq);
                        } else {
                            seq = inTreeSteps(p, t, v, a, cnt, base, rs, finals, seq);
                        }
                        if (p.failure != null) {
                            return p;
                        }
                    }
                }
            }
            place(p, recvOfSend, sendOfRecv);
            if (p.failure == null) {
                check(p);
            }
            return p;
        }

        private static long pair(int send, int recv) {
            return ((long) send << 32) | (recv & 0xffffffffL);
        }

        private static long[] key(long[] base, int pos, long seq) {
            long[] k = base.clone();
            k[4] = pos;
            k[5] = seq;
            return k;
        }

        private long outTreeSteps(Plan p, Tree t, int v, int a, int cnt, long[] base, Map<Integer, Integer> rs,
                                  List<List<Final>> finals, long seq) throws InvalidInputException {
            int par = t.parent[v];
            int[] kids = t.children[v];
            int off = outOffset(t, a);
            if (par < 0) {
                char buf = schedule.collective() == Collective.ALLGATHER ? 'i' : 'o';
                int src = schedule.collective() == Collective.ALLGATHER ? a : off;
                List<Step> deps = new ArrayList<>();
                if (buf == 'o') {
                    int covered = 0;
                    for (Final f : finals.get(v)) {
                        int lo = Math.max(f.off(), off);
                        int hi = Math.min(f.off() + f.cnt(), off + cnt);
                        if (lo < hi) {
                            deps.add(f.step());
                            covered += hi - lo;
                        }
                    }
                    if (covered != cnt) {
                        p.failure = "the " + t.source.phase() + " tree rooted at " + topologyId(v)
                                + " sends chunks that no reduction tree rooted there produces";
                        throw new InvalidInputException(p.failure);
                    }
                }
                int pos = 0;
                for (int ch : kids) {
                    Step s = new Step(v, "s", buf, src, buf, src, cnt, ch, -1, t.channel, key(base, pos++, seq++));
                    s.deps.addAll(deps);
                    p.steps.add(s);
                }
                return seq;
            }
            if (kids.length == 0) {
                p.steps.add(new Step(v, "r", 'o', off, 'o', off, cnt, -1, par, t.channel, key(base, 0, seq++)));
                return seq;
            }
            int fused = -1;
            for (int ch : kids) {
                Integer r = rs.get(ch);
                if (r != null && r == par) {
                    fused = ch;
                    break;
                }
            }
            Step recv = fused >= 0
                    ? new Step(v, "rcs", 'o', off, 'o', off, cnt, fused, par, t.channel, key(base, 0, seq++))
                    : new Step(v, "r", 'o', off, 'o', off, cnt, -1, par, t.channel, key(base, 0, seq++));
            p.steps.add(recv);
            int pos = 1;
            for (int ch : kids) {
                if (ch == fused) {
                    continue;
                }
                Step s = new Step(v, "s", 'o', off, 'o', off, cnt, ch, -1, t.channel, key(base, pos++, seq++));
                s.deps.add(recv);
                p.steps.add(s);
            }
            return seq;
        }

        private long inTreeSteps(Plan p, Tree t, int v, int a, int cnt, long[] base, Map<Integer, Integer> rs,
                                 List<List<Final>> finals, long seq) {
            int par = t.parent[v];
            int[] kids = t.children[v];
            int contrib = inOffset(t, a);
            if (kids.length == 0) {
                p.steps.add(new Step(v, "s", 'i', contrib, 'i', contrib, cnt, par, -1, t.channel,
                        key(base, 0, seq++)));
                return seq;
            }
            if (par < 0) {
                int fin = outOffset(t, a);
                Step prev = null;
                int pos = 0;
                for (int ch : kids) {
                    char sb = prev == null ? 'i' : 'o';
                    int so = prev == null ? contrib : fin;
                    Step s = new Step(v, "rrc", sb, so, 'o', fin, cnt, -1, ch, t.channel, key(base, pos++, seq++));
                    if (prev != null) {
                        s.deps.add(prev);
                    }
                    p.steps.add(s);
                    prev = s;
                }
                finals.get(v).add(new Final(fin, cnt, prev));
                return seq;
            }
            Integer fusedChild = rs.get(par);
            int fused = -1;
            if (fusedChild != null) {
                for (int ch : kids) {
                    if (ch == fusedChild) {
                        fused = ch;
                    }
                }
            }
            if (kids.length == 1 && fused >= 0) {
                p.steps.add(new Step(v, "rrs", 'i', contrib, 'i', contrib, cnt, par, fused, t.channel,
                        key(base, 0, seq++)));
                return seq;
            }
            int acc = p.scratch[v];
            p.scratch[v] += cnt;
            Step prev = null;
            int pos = 0;
            for (int ch : kids) {
                if (ch == fused) {
                    continue;
                }
                char sb = prev == null ? 'i' : 's';
                int so = prev == null ? contrib : acc;
                Step s = new Step(v, "rrc", sb, so, 's', acc, cnt, -1, ch, t.channel, key(base, pos++, seq++));
                if (prev != null) {
                    s.deps.add(prev);
                }
                p.steps.add(s);
                prev = s;
            }
            Step last = fused >= 0
                    ? new Step(v, "rrs", 's', acc, 's', acc, cnt, par, fused, t.channel, key(base, pos, seq++))
                    : new Step(v, "s", 's', acc, 's', acc, cnt, par, -1, t.channel, key(base, pos, seq++));
            last.deps.add(prev);
            p.steps.add(last);
            return seq;
        }

        /** Threadblocks, step order, indices and dependencies. */
        private void place(Plan p, Map<GpuChannel, Map<Integer, Integer>> recvOfSend,
                           Map<GpuChannel, Map<Integer, Integer>> sendOfRecv) {
            List<Map<List<Integer>, Tb>> byKey = new ArrayList<>();
            for (int g = 0; g < n; g++) {
                byKey.add(new TreeMap<>((x, y) -> {
                    for (int i = 0; i < 3; i++) {
                        int cmp = Integer.compare(x.get(i), y.get(i));
                        if (cmp != 0) {
                            return cmp;
                        }
                    }
                    return 0;
                }));
            }
            for (Step s : p.steps) {
                GpuChannel gc = new GpuChannel(s.gpu, s.channel);
                int send;
                int recv;
                if (s.sendPeer >= 0) {
                    send = s.sendPeer;
                    recv = recvOfSend.getOrDefault(gc, Map.of()).getOrDefault(send, -1);
                    if (s.recvPeer >= 0 && recv != s.recvPeer) {
                        throw new IllegalStateException("fused step on an unmatched pair");
                    }
                } else if (s.recvPeer >= 0) {
                    recv = s.recvPeer;
                    send = sendOfRecv.getOrDefault(gc, Map.of()).getOrDefault(recv, -1);
                } else {
                    send = -1;
                    recv = -1;
                }
                int fs = send;
                int fr = recv;
                s.tb = byKey.get(s.gpu).computeIfAbsent(List.of(s.channel, send, recv), x -> new Tb(s.channel, fs, fr));
            }
            for (int g = 0; g < n; g++) {
                List<Tb> list = new ArrayList<>(byKey.get(g).values());
                for (int i = 0; i < list.size(); i++) {
                    list.get(i).id = i;
                }
                p.tbs.add(list);
            }
            List<Step> order = new ArrayList<>(p.steps);
            order.sort((x, y) -> KEY_ORDER.compare(x.key, y.key));
            for (Step s : order) {
                Map<Integer, Step> latest = new TreeMap<>();
                for (Step d : s.deps) {
                    if (d.index < 0) {
                        throw new IllegalStateException("a dependency comes later in the step order");
                    }
                    if (d.tb == s.tb) {
                        continue; // same threadblock: its order is enough
                    }
                    latest.merge(d.tb.id, d, (x, y) -> x.index >= y.index ? x : y);
                }
                int[][] refs = new int[latest.size()][];
                int i = 0;
                for (Step d : latest.values()) {
                    d.hasDep = true;
                    refs[i++] = new int[] {d.tb.id, d.index};
                }
                s.depRefs = refs;
                int nops = Math.max(0, refs.length - 1);
                s.index = s.tb.count + nops;
                s.tb.count += nops + 1;
                s.tb.steps.add(s);
            }
        }

        private void check(Plan p) {
            for (int g = 0; g < n; g++) {
                List<Tb> tbs = p.tbs.get(g);
                if (tbs.size() > options.maxThreadblocks()) {
                    p.failure = "GPU " + g + " (" + topologyId(g) + ") needs " + tbs.size()
                            + " threadblocks (limit " + options.maxThreadblocks() + ")";
                    return;
                }
                int nodes = 1 + n + tbs.size();
                Map<Integer, int[]> peersPerChannel = new HashMap<>();
                for (Tb tb : tbs) {
                    if (tb.count > options.maxStepsPerThreadblock()) {
                        p.failure = "threadblock " + tb.id + " of GPU " + g + " (" + topologyId(g) + ") needs "
                                + tb.count + " steps (limit " + options.maxStepsPerThreadblock() + ")";
                        return;
                    }
                    nodes += tb.count;
                    int[] pc = peersPerChannel.computeIfAbsent(tb.channel, x -> new int[2]);
                    pc[0] += tb.send >= 0 ? 1 : 0;
                    pc[1] += tb.recv >= 0 ? 1 : 0;
                }
                for (Map.Entry<Integer, int[]> e : peersPerChannel.entrySet()) {
                    if (e.getValue()[0] > MAX_PEERS_PER_CHANNEL || e.getValue()[1] > MAX_PEERS_PER_CHANNEL) {
                        p.failure = "GPU " + g + " (" + topologyId(g) + ") has more than " + MAX_PEERS_PER_CHANNEL
                                + " peers on channel " + e.getKey();
                        return;
                    }
                }
                if (nodes > MAX_XML_NODES_PER_RANK) {
                    p.failure = "GPU " + g + " (" + topologyId(g) + ") needs " + nodes + " XML elements (limit "
                            + MAX_XML_NODES_PER_RANK + ")";
                    return;
                }
                if (p.scratch[g] > MAX_OFFSET + 1) {
                    p.failure = "GPU " + g + " needs " + p.scratch[g] + " scratch chunks (16-bit offsets)";
                    return;
                }
            }
        }

        // ---- writing ----

        /** The plan as the program the writer prints: nops in front of steps with several producers. */
        private MscclProgram lower(Plan p) {
            Collective col = schedule.collective();
            int perLoop = n * c;
            int iChunks = col == Collective.ALLGATHER ? c : perLoop;
            int oChunks = col == Collective.REDUCE_SCATTER ? c : perLoop;
            List<MscclProgram.Gpu> gpus = new ArrayList<>();
            for (int g = 0; g < n; g++) {
                List<MscclProgram.Threadblock> tbs = new ArrayList<>();
                for (Tb tb : p.tbs.get(g)) {
                    List<MscclProgram.Step> steps = new ArrayList<>();
                    for (Step s : tb.steps) {
                        for (int d = 0; d + 1 < s.depRefs.length; d++) {
                            steps.add(new MscclProgram.Step("nop", 'i', 0, 'i', 0, 0, s.depRefs[d][0], s.depRefs[d][1],
                                    false));
                        }
                        int[] last = s.depRefs.length == 0 ? new int[] {-1, -1} : s.depRefs[s.depRefs.length - 1];
                        if (steps.size() != s.index) {
                            throw new IllegalStateException("step index mismatch");
                        }
                        steps.add(new MscclProgram.Step(s.type, s.srcBuf, s.srcOff, s.dstBuf, s.dstOff, s.cnt, last[0],
                                last[1], s.hasDep));
                    }
                    tbs.add(new MscclProgram.Threadblock(tb.id, tb.send, tb.recv, tb.channel, steps));
                }
                gpus.add(new MscclProgram.Gpu(g, iChunks, oChunks, p.scratch[g], tbs));
            }
            return new MscclProgram(name(), col, options.proto(), p.channels, c, exact, maxDeviation, dropped, gpus);
        }

        /** "canopy forest allgather 16 GPUs, 13 chunks per shard" (ASCII, no quotes; the runtime's parser is naive). */
        private String name() {
            String algo = schedule.algorithm() == null ? "schedule"
                    : schedule.algorithm().replaceAll("[^A-Za-z0-9._+-]", "_");
            if (algo.length() > 60) {
                algo = algo.substring(0, 60);
            }
            String name = "canopy " + algo + " " + schedule.collective() + " " + n + " GPUs, " + c
                    + " chunks per shard";
            if (!exact) {
                name += ", shares rounded to the chunk grid (max share deviation "
                        + String.format(Locale.ROOT, "%.3g", maxDeviation.toDouble()) + ")";
            }
            if (dropped > 0) {
                name += ", " + dropped + " trees dropped";
            }
            return name;
        }
    }
}
