package canopy.io.msccl;

import canopy.io.InvalidInputException;
import canopy.io.HardenedXml;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Executes an MSCCL algorithm XML on symbolic data, independently of the exporter.
 *
 * <p>Every GPU's input chunk holds a multiset of contributions {(gpu, chunk)}; a send puts the values it
 * reads into the FIFO of its (src, dst, channel) connection, a receive takes the oldest message of its
 * connection (its chunk count must match), reductions add multisets (so a contribution counted twice
 * shows), copies copy. Each threadblock runs its steps in order; a step waits until its dependency
 * (depid, deps) has passed a hasdep step, as the runtime's flags do; a receive waits for data; with a
 * bounded FIFO capacity a send waits for room. The run ends when every threadblock is done, or reports a
 * deadlock when none can move. Reading a slot nothing has written is an error. At the end every GPU's
 * output must hold exactly the expected contributions: allgather o[k] = {(k / C, k)}; reduce-scatter
 * o[k] of GPU g = {(h, g·C + k) for every h}; allreduce o[k] = {(h, k) for every h}, each exactly once.
 *
 * <p>Static checks mirror the runtime's parser: attributes, contiguous threadblock ids, peers, one
 * threadblock per (channel, send peer) and (channel, receive peer), at most 32 of each per channel,
 * counts 1..71, offsets inside the buffers, steps per threadblock, nops that carry exactly one
 * dependency and are followed by a step with one, dependencies on existing steps marked hasdep.
 */
public final class MscclInterpreter {
    /** How the input and output buffers relate: separate, or NCCL's in-place aliasing. */
    public enum Layout { OUT_OF_PLACE, IN_PLACE }

    public record Step(int s, String type, char srcBuf, int srcOff, char dstBuf, int dstOff, int cnt, int depid,
                       int deps, int hasdep) {
    }

    public record Tb(int id, int send, int recv, int chan, List<Step> steps) {
    }

    public record Gpu(int id, int iChunks, int oChunks, int sChunks, List<Tb> tbs) {
    }

    /**
     * A parsed file. minBytes and maxBytes: the message sizes the runtime runs it for (see
     * {@link #runsMessageOf}).
     */
    public record Program(String name, String proto, int nchannels, int nchunksperloop, int ngpus, String coll,
                          int inplace, int outofplace, List<Gpu> gpus, long minBytes, long maxBytes) {
        /**
         * Whether the runtime's selection would run this file for a message of nBytes whole-buffer bytes,
         * as msccl-executor-nccl's mscclInternalSchedulerSelectAlgo decides (count and divisibility
         * aside): nBytes &gt;= minBytes and (maxBytes == 0 or nBytes &lt;= maxBytes).
         */
        public boolean runsMessageOf(long nBytes) {
            return nBytes >= minBytes && (maxBytes == 0 || nBytes <= maxBytes);
        }

        public int steps() {
            int s = 0;
            for (Gpu g : gpus) {
                for (Tb t : g.tbs()) {
                    s += t.steps().size();
                }
            }
            return s;
        }
    }

    /** ok when problems is empty; stepsRun counts executed steps. */
    public record Outcome(List<String> problems, int stepsRun) {
        public boolean ok() {
            return problems.isEmpty();
        }

        public String first() {
            return problems.isEmpty() ? "" : problems.get(0);
        }
    }

    /** Limits the static checks apply. */
    public record Limits(int maxThreadblocks, int maxSteps) {
        public static Limits defaults() {
            return new Limits(108, 64);
        }
    }

    private static final long MAX_BYTES = 64L << 20;

    private MscclInterpreter() {
    }

    // ---- parsing ----

    public static Program parse(Path file) throws InvalidInputException {
        try {
            return read(HardenedXml.parse(file, MAX_BYTES), file.toString());
        } catch (java.nio.file.NoSuchFileException e) {
            throw new InvalidInputException("no such file: " + file, e);
        }
    }

    public static Program parse(String xml) throws InvalidInputException {
        return read(HardenedXml.parse(xml.getBytes(java.nio.charset.StandardCharsets.UTF_8), "MSCCL XML"),
                "MSCCL XML");
    }

    private static Program read(Document doc, String source) throws InvalidInputException {
        Element algo = doc.getDocumentElement();
        if (!algo.getTagName().equals("algo")) {
            throw new InvalidInputException(source + ": the root element is <" + algo.getTagName() + ">, not <algo>");
        }
        List<Gpu> gpus = new ArrayList<>();
        for (Element g : children(algo, "gpu")) {
            List<Tb> tbs = new ArrayList<>();
            for (Element t : children(g, "tb")) {
                List<Step> steps = new ArrayList<>();
                for (Element s : children(t, "step")) {
                    String srcBuf = str(s, "srcbuf");
                    String dstBuf = str(s, "dstbuf");
                    steps.add(new Step(num(s, "s"), str(s, "type"), srcBuf.isEmpty() ? '?' : srcBuf.charAt(0),
                            num(s, "srcoff"), dstBuf.isEmpty() ? '?' : dstBuf.charAt(0), num(s, "dstoff"),
                            num(s, "cnt"), num(s, "depid"), num(s, "deps"), num(s, "hasdep")));
                    if (srcBuf.length() != 1 || dstBuf.length() != 1) {
                        throw new InvalidInputException(source + ": buffer names are one letter: " + srcBuf + ", "
                                + dstBuf);
                    }
                }
                tbs.add(new Tb(num(t, "id"), num(t, "send"), num(t, "recv"), num(t, "chan"), List.copyOf(steps)));
            }
            gpus.add(new Gpu(num(g, "id"), num(g, "i_chunks"), num(g, "o_chunks"), num(g, "s_chunks"),
                    List.copyOf(tbs)));
        }
        return new Program(str(algo, "name"), str(algo, "proto"), num(algo, "nchannels"),
                num(algo, "nchunksperloop"), num(algo, "ngpus"), str(algo, "coll"), num(algo, "inplace"),
                num(algo, "outofplace"), List.copyOf(gpus), bytes(algo, "minBytes"), bytes(algo, "maxBytes"));
    }

    /**
     * A size attribute as the runtime reads it, both required (mscclXmlGetAttrStr fails on a missing one);
     * refused unless plain decimal, because strtoll(…, 0) reads a leading 0 as octal and 0x as hex.
     */
    private static long bytes(Element e, String attr) throws InvalidInputException {
        String v = str(e, attr);
        if (!v.matches("0|[1-9][0-9]{0,18}")) {
            throw new InvalidInputException("<" + e.getTagName() + "> attribute " + attr
                    + " is not a plain decimal byte count (the runtime's strtoll would misread it): " + v);
        }
        return Long.parseLong(v);
    }

    private static List<Element> children(Element e, String tag) {
        List<Element> out = new ArrayList<>();
        NodeList nl = e.getChildNodes();
        for (int i = 0; i < nl.getLength(); i++) {
            Node nd = nl.item(i);
            if (nd instanceof Element c && c.getTagName().equals(tag)) {
                out.add(c);
            }
        }
        return out;
    }

    private static String str(Element e, String attr) throws InvalidInputException {
        if (!e.hasAttribute(attr)) {
            throw new InvalidInputException("<" + e.getTagName() + "> has no attribute " + attr);
        }
        return e.getAttribute(attr);
    }

    private static int num(Element e, String attr) throws InvalidInputException {
        String v = str(e, attr);
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException x) {
            throw new InvalidInputException("<" + e.getTagName() + "> attribute " + attr + " is not an integer: " + v);
        }
    }

    // ---- static checks ----

    private static final Set<String> SENDS = Set.of("s", "rcs", "rrs", "rrcs");
    private static final Set<String> RECVS = Set.of("r", "rcs", "rrs", "rrc", "rrcs");
    private static final Set<String> READ_SRC = Set.of("s", "rrs", "rrc", "rrcs", "cpy", "re");
    private static final Set<String> WRITE_DST = Set.of("r", "rcs", "rrc", "rrcs", "cpy", "re");
    private static final Set<String> TYPES = Set.of("s", "r", "rcs", "rrs", "rrc", "rrcs", "cpy", "re", "nop");

    public static List<String> check(Program p, Limits limits) {
        List<String> problems = new ArrayList<>();
        if (!Set.of("Simple", "LL", "LL128").contains(p.proto())) {
            problems.add("unknown protocol " + p.proto());
        }
        int n = p.ngpus();
        if (p.gpus().size() != n) {
            problems.add("ngpus is " + n + " but there are " + p.gpus().size() + " <gpu> elements");
        }
        if (p.nchannels() < 1 || p.nchannels() > 32) {
            problems.add("nchannels " + p.nchannels() + " outside 1..32");
        }
        int perLoop = p.nchunksperloop();
        Set<Integer> ids = new HashSet<>();
        for (Gpu g : p.gpus()) {
            String at = "GPU " + g.id();
            if (g.id() < 0 || g.id() >= n || !ids.add(g.id())) {
                problems.add(at + ": bad or duplicate id");
                continue;
            }
            switch (p.coll()) {
                case "allgather" -> {
                    if (g.oChunks() != perLoop || g.iChunks() * n != perLoop) {
                        problems.add(at + ": allgather needs o_chunks = nchunksperloop = ngpus × i_chunks");
                    }
                }
                case "reducescatter" -> {
                    if (g.iChunks() != perLoop || g.oChunks() * n != perLoop) {
                        problems.add(at + ": reducescatter needs i_chunks = nchunksperloop = ngpus × o_chunks");
                    }
                }
                case "allreduce" -> {
                    if (g.iChunks() != perLoop || g.oChunks() != perLoop) {
                        problems.add(at + ": allreduce needs i_chunks = o_chunks = nchunksperloop");
                    }
                }
                default -> problems.add("unsupported coll " + p.coll());
            }
            if (g.tbs().size() > limits.maxThreadblocks()) {
                problems.add(at + ": " + g.tbs().size() + " threadblocks (limit " + limits.maxThreadblocks() + ")");
            }
            Set<List<Integer>> sendConn = new HashSet<>();
            Set<List<Integer>> recvConn = new HashSet<>();
            Map<Integer, int[]> perChannel = new HashMap<>();
            for (int ti = 0; ti < g.tbs().size(); ti++) {
                Tb tb = g.tbs().get(ti);
                String tat = at + " tb " + tb.id();
                if (tb.id() != ti) {
                    problems.add(tat + ": threadblock ids must be 0, 1, 2, … in order");
                }
                if (tb.send() < -1 || tb.send() >= n || tb.send() == g.id()
                        || tb.recv() < -1 || tb.recv() >= n || tb.recv() == g.id()) {
                    problems.add(tat + ": bad peer send=" + tb.send() + " recv=" + tb.recv());
                }
                if (tb.chan() < 0 || tb.chan() >= p.nchannels()) {
                    problems.add(tat + ": channel " + tb.chan() + " outside 0.." + (p.nchannels() - 1));
                }
                int[] pc = perChannel.computeIfAbsent(tb.chan(), x -> new int[2]);
                if (tb.send() >= 0) {
                    pc[0]++;
                    if (!sendConn.add(List.of(tb.chan(), tb.send()))) {
                        problems.add(tat + ": a second threadblock sends to " + tb.send() + " on channel " + tb.chan());
                    }
                }
                if (tb.recv() >= 0) {
                    pc[1]++;
                    if (!recvConn.add(List.of(tb.chan(), tb.recv()))) {
                        problems.add(tat + ": a second threadblock receives from " + tb.recv() + " on channel "
                                + tb.chan());
                    }
                }
                if (tb.steps().size() > limits.maxSteps()) {
                    problems.add(tat + ": " + tb.steps().size() + " steps (limit " + limits.maxSteps() + ")");
                }
                for (int si = 0; si < tb.steps().size(); si++) {
                    Step s = tb.steps().get(si);
                    String sat = tat + " step " + si;
                    if (s.s() != si) {
                        problems.add(sat + ": s=" + s.s() + ", steps must be numbered 0, 1, 2, …");
                    }
                    if (!TYPES.contains(s.type())) {
                        problems.add(sat + ": unknown type " + s.type());
                        continue;
                    }
                    if (s.hasdep() != 0 && s.hasdep() != 1) {
                        problems.add(sat + ": hasdep must be 0 or 1");
                    }
                    if (s.depid() >= 0) {
                        if (s.depid() >= g.tbs().size()) {
                            problems.add(sat + ": depends on missing threadblock " + s.depid());
                        } else {
                            Tb d = g.tbs().get(s.depid());
                            if (s.deps() < 0 || s.deps() >= d.steps().size()) {
                                problems.add(sat + ": depends on missing step " + s.deps() + " of tb " + s.depid());
                            } else if (d.steps().get(s.deps()).hasdep() != 1) {
                                problems.add(sat + ": depends on tb " + s.depid() + " step " + s.deps()
                                        + ", which does not have hasdep=\"1\"");
                            }
                        }
                    }
                    if (s.type().equals("nop")) {
                        if (s.depid() < 0) {
                            problems.add(sat + ": a nop without a dependency");
                        }
                        if (si + 1 >= tb.steps().size() || tb.steps().get(si + 1).depid() < 0) {
                            problems.add(sat + ": a nop must be followed by a step with a dependency");
                        }
                        if (s.hasdep() == 1) {
                            problems.add(sat + ": hasdep on a nop has no effect");
                        }
                        continue;
                    }
                    if (s.cnt() < 1 || s.cnt() > 71) {
                        problems.add(sat + ": cnt " + s.cnt() + " outside 1..71");
                    }
                    if (SENDS.contains(s.type()) && tb.send() < 0) {
                        problems.add(sat + ": " + s.type() + " in a threadblock without a send peer");
                    }
                    if (RECVS.contains(s.type()) && tb.recv() < 0) {
                        problems.add(sat + ": " + s.type() + " in a threadblock without a receive peer");
                    }
                    if (READ_SRC.contains(s.type())) {
                        bounds(problems, sat + " source", g, s.srcBuf(), s.srcOff(), s.cnt());
                    }
                    if (WRITE_DST.contains(s.type())) {
                        bounds(problems, sat + " destination", g, s.dstBuf(), s.dstOff(), s.cnt());
                    }
                }
            }
            for (Map.Entry<Integer, int[]> e : perChannel.entrySet()) {
                if (e.getValue()[0] > 32 || e.getValue()[1] > 32) {
                    problems.add(at + ": more than 32 send or receive peers on channel " + e.getKey());
                }
            }
        }
        return problems;
    }

    private static void bounds(List<String> problems, String at, Gpu g, char buf, int off, int cnt) {
        int size = switch (buf) {
            case 'i' -> g.iChunks();
            case 'o' -> g.oChunks();
            case 's' -> g.sChunks();
            default -> -1;
        };
        if (size < 0) {
            problems.add(at + ": unknown buffer " + buf);
        } else if (off < 0 || off + cnt > size) {
            problems.add(at + ": " + buf + "[" + off + ".." + (off + cnt) + ") outside the " + size + " chunks");
        }
    }

    // ---- execution ----

    /** A multiset of contributions, (gpu << 32 | chunk) → multiplicity. Immutable. */
    private record Value(Map<Long, Integer> parts) {
        static Value of(int gpu, int chunk) {
            return new Value(Map.of(((long) gpu << 32) | chunk, 1));
        }

        Value plus(Value o) {
            Map<Long, Integer> m = new HashMap<>(parts);
            o.parts.forEach((k, v) -> m.merge(k, v, Integer::sum));
            return new Value(Collections.unmodifiableMap(m));
        }

        @Override
        public String toString() {
            Map<Long, Integer> sorted = new TreeMap<>(parts);
            StringBuilder sb = new StringBuilder("{");
            int shown = 0;
            for (Map.Entry<Long, Integer> e : sorted.entrySet()) {
                if (shown++ == 6) {
                    sb.append(", … ").append(sorted.size() - 6).append(" more");
                    break;
                }
                sb.append(shown > 1 ? ", " : "").append('(').append(e.getKey() >> 32).append(',')
                        .append((int) (long) e.getKey()).append(')');
                if (e.getValue() != 1) {
                    sb.append('×').append(e.getValue());
                }
            }
            return sb.append('}').toString();
        }
    }

    private record Conn(int src, int dst, int chan) {
    }

    /** Runs p (after the static checks) with FIFOs of the given capacity in messages (0: unbounded). */
    public static Outcome run(Program p, Layout layout, int fifoCapacity) {
        return run(p, layout, fifoCapacity, Limits.defaults());
    }

    public static Outcome run(Program p, Layout layout, int fifoCapacity, Limits limits) {
        List<String> problems = new ArrayList<>(check(p, limits));
        if (!problems.isEmpty()) {
            return new Outcome(problems, 0);
        }
        return new Machine(p, layout, fifoCapacity).run();
    }

    private static final class Machine {
        final Program p;
        final Layout layout;
        final int capacity;
        final int n;
        final Value[][] in;
        final Value[][] out;
        final Value[][] scratch;
        final int[][] pc;
        final int[][] flag;
        final Map<Conn, ArrayDeque<Value[]>> fifos = new HashMap<>();
        final List<String> problems = new ArrayList<>();
        final int shard;
        int stepsRun;

        Machine(Program p, Layout layout, int capacity) {
            this.p = p;
            this.layout = layout;
            this.capacity = capacity;
            this.n = p.ngpus();
            this.in = new Value[n][];
            this.out = new Value[n][];
            this.scratch = new Value[n][];
            this.pc = new int[n][];
            this.flag = new int[n][];
            int sh = switch (p.coll()) {
                case "allgather" -> p.gpus().get(0).iChunks();
                case "reducescatter" -> p.gpus().get(0).oChunks();
                default -> p.nchunksperloop() / n;
            };
            this.shard = sh;
            for (Gpu g : p.gpus()) {
                int id = g.id();
                in[id] = new Value[g.iChunks()];
                for (int k = 0; k < g.iChunks(); k++) {
                    in[id][k] = p.coll().equals("allgather") ? Value.of(id, id * sh + k) : Value.of(id, k);
                }
                out[id] = new Value[g.oChunks()];
                scratch[id] = new Value[g.sChunks()];
                if (layout == Layout.IN_PLACE) {
                    // the input lives inside the output (allgather, allreduce) or holds it (reduce-scatter)
                    for (int k = 0; k < g.iChunks(); k++) {
                        int[] w = where(id, 'i', k);
                        if (w[0] == 'o' && w[1] < g.oChunks()) {
                            out[id][w[1]] = in[id][k];
                        }
                    }
                }
                pc[id] = new int[g.tbs().size()];
                flag[id] = new int[g.tbs().size()];
                java.util.Arrays.fill(flag[id], -1);
            }
        }

        /** The storage array and index of buf[off] on gpu g, following the in-place aliasing. */
        private Value[] array(int g, char buf) {
            return switch (buf) {
                case 'i' -> in[g];
                case 'o' -> out[g];
                default -> scratch[g];
            };
        }

        private int[] where(int g, char buf, int off) {
            if (layout == Layout.IN_PLACE) {
                switch (p.coll()) {
                    case "allgather" -> {
                        if (buf == 'i') {
                            return new int[] {'o', g * shard + off};
                        }
                    }
                    case "reducescatter" -> {
                        if (buf == 'o') {
                            return new int[] {'i', g * shard + off};
                        }
                    }
                    default -> {
                        if (buf == 'i') {
                            return new int[] {'o', off};
                        }
                    }
                }
            }
            return new int[] {buf, off};
        }

        private Value get(int g, char buf, int off) {
            int[] w = where(g, buf, off);
            return array(g, (char) w[0])[w[1]];
        }

        private void set(int g, char buf, int off, Value v) {
            int[] w = where(g, buf, off);
            array(g, (char) w[0])[w[1]] = v;
        }

        private Value[] read(int g, char buf, int off, int cnt, String at) {
            Value[] vals = new Value[cnt];
            for (int k = 0; k < cnt; k++) {
                vals[k] = get(g, buf, off + k);
                if (vals[k] == null) {
                    problems.add(at + " reads " + buf + "[" + (off + k) + "], which nothing has written");
                    return null;
                }
            }
            return vals;
        }

        private void write(int g, char buf, int off, Value[] vals) {
            for (int k = 0; k < vals.length; k++) {
                set(g, buf, off + k, vals[k]);
            }
        }

        private static Value[] plus(Value[] a, Value[] b) {
            Value[] r = new Value[a.length];
            for (int k = 0; k < a.length; k++) {
                r[k] = a[k].plus(b[k]);
            }
            return r;
        }

        Outcome run() {
            boolean progress = true;
            while (progress && problems.isEmpty()) {
                progress = false;
                for (Gpu g : p.gpus()) {
                    for (Tb tb : g.tbs()) {
                        while (problems.isEmpty() && pc[g.id()][tb.id()] < tb.steps().size() && tryStep(g, tb)) {
                            progress = true;
                        }
                    }
                }
            }
            if (!problems.isEmpty()) {
                return new Outcome(problems, stepsRun);
            }
            List<String> blocked = new ArrayList<>();
            for (Gpu g : p.gpus()) {
                for (Tb tb : g.tbs()) {
                    int at = pc[g.id()][tb.id()];
                    if (at < tb.steps().size()) {
                        Step s = tb.steps().get(at);
                        blocked.add("GPU " + g.id() + " tb " + tb.id() + " step " + at + " (" + s.type() + ")");
                    }
                }
            }
            if (!blocked.isEmpty()) {
                problems.add("deadlock: no threadblock can progress; " + blocked.size() + " blocked, e.g. "
                        + String.join(", ", blocked.subList(0, Math.min(6, blocked.size()))));
                return new Outcome(problems, stepsRun);
            }
            fifos.forEach((c, q) -> {
                if (!q.isEmpty()) {
                    problems.add(q.size() + " messages sent from GPU " + c.src() + " to GPU " + c.dst() + " on channel "
                            + c.chan() + " were never received");
                }
            });
            expect();
            return new Outcome(problems, stepsRun);
        }

        private boolean tryStep(Gpu g, Tb tb) {
            int id = g.id();
            int idx = pc[id][tb.id()];
            Step s = tb.steps().get(idx);
            if (s.depid() >= 0 && flag[id][s.depid()] < s.deps()) {
                return false;
            }
            Conn inConn = new Conn(tb.recv(), id, tb.chan());
            Conn outConn = new Conn(id, tb.send(), tb.chan());
            boolean recv = RECVS.contains(s.type());
            boolean send = SENDS.contains(s.type());
            if (recv) {
                ArrayDeque<Value[]> q = fifos.get(inConn);
                if (q == null || q.isEmpty()) {
                    return false;
                }
            }
            if (send && capacity > 0) {
                ArrayDeque<Value[]> q = fifos.get(outConn);
                if (q != null && q.size() >= capacity) {
                    return false;
                }
            }
            String at = "GPU " + id + " tb " + tb.id() + " step " + idx + " (" + s.type() + ")";
            Value[] msg = null;
            if (recv) {
                msg = fifos.get(inConn).peekFirst();
                if (msg.length != s.cnt()) {
                    problems.add(at + " receives " + s.cnt() + " chunks but GPU " + tb.recv() + " sent "
                            + msg.length + " on channel " + tb.chan());
                    return false;
                }
                fifos.get(inConn).pollFirst();
            }
            Value[] src = READ_SRC.contains(s.type()) ? read(id, s.srcBuf(), s.srcOff(), s.cnt(), at) : null;
            if (READ_SRC.contains(s.type()) && src == null) {
                return false;
            }
            Value[] toSend = null;
            switch (s.type()) {
                case "s" -> toSend = src;
                case "r" -> write(id, s.dstBuf(), s.dstOff(), msg);
                case "rcs" -> {
                    write(id, s.dstBuf(), s.dstOff(), msg);
                    toSend = msg;
                }
                case "rrs" -> toSend = plus(msg, src);
                case "rrc" -> write(id, s.dstBuf(), s.dstOff(), plus(msg, src));
                case "rrcs" -> {
                    toSend = plus(msg, src);
                    write(id, s.dstBuf(), s.dstOff(), toSend);
                }
                case "cpy" -> write(id, s.dstBuf(), s.dstOff(), src);
                case "re" -> {
                    Value[] dst = read(id, s.dstBuf(), s.dstOff(), s.cnt(), at);
                    if (dst == null) {
                        return false;
                    }
                    write(id, s.dstBuf(), s.dstOff(), plus(dst, src));
                }
                default -> {
                    // nop: only its dependency
                }
            }
            if (toSend != null) {
                fifos.computeIfAbsent(outConn, x -> new ArrayDeque<>()).addLast(toSend);
            }
            if (s.hasdep() == 1 && !s.type().equals("nop")) {
                flag[id][tb.id()] = idx;
            }
            pc[id][tb.id()]++;
            stepsRun++;
            return true;
        }

        private void expect() {
            int limit = 10;
            for (Gpu g : p.gpus()) {
                int id = g.id();
                for (int k = 0; k < g.oChunks() && problems.size() < limit; k++) {
                    Map<Long, Integer> want = new HashMap<>();
                    switch (p.coll()) {
                        case "allgather" -> want.put(((long) (k / shard) << 32) | k, 1);
                        case "reducescatter" -> {
                            for (int h = 0; h < n; h++) {
                                want.put(((long) h << 32) | (id * shard + k), 1);
                            }
                        }
                        default -> {
                            for (int h = 0; h < n; h++) {
                                want.put(((long) h << 32) | k, 1);
                            }
                        }
                    }
                    Value got = get(id, 'o', k);
                    if (got == null) {
                        problems.add("GPU " + id + " o[" + k + "] was never written; expected " + new Value(want));
                    } else if (!got.parts().equals(want)) {
                        problems.add("GPU " + id + " o[" + k + "] holds " + got + "; expected " + new Value(want));
                    }
                }
            }
        }
    }
}
