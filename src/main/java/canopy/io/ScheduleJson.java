package canopy.io;

import canopy.model.Collective;
import canopy.model.Direction;
import canopy.model.Phase;
import canopy.model.Rational;
import canopy.model.Schedule;
import canopy.model.ScheduleTree;
import canopy.model.TreeEdge;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes schedule files (formats.md, "schedule/1"). Exact figures (algbw, bound, shares) are
 * written as strings, with float twins for algbw and the bound; reading accepts a number or a string
 * for each exact figure. Lossless: {@code parse(toJson(s)).equals(s)}.
 *
 * <p>Reading checks the file's structure, not the schedule against a topology (that needs the
 * topology; see tools/verify_schedule.py and the engine's checks).
 */
public final class ScheduleJson {
    public static final String FORMAT = "schedule/1";
    /** Exact figures in a schedule may have numerators and denominators up to 10^this. */
    static final int MAX_DIGITS = 1000;

    private ScheduleJson() {
    }

    public static Schedule read(Path file) throws InvalidInputException {
        return fromTree(Json.readTree(file));
    }

    public static Schedule parse(String json) throws InvalidInputException {
        return fromTree(Json.readTree(json));
    }

    /** Pretty-printed JSON with formats.md's field order, ending with a newline. */
    public static String toJson(Schedule s) {
        ObjectNode root = Json.object();
        root.put("format", FORMAT);
        root.put("collective", s.collective().jsonName());
        root.put("algorithm", s.algorithm());
        if (s.topologyName() != null) {
            root.put("topology", s.topologyName());
        }
        root.put("accelerators", s.accelerators());
        twin(root, "algbw", s.algbw());
        root.put("algbw_exact", s.algbw().toString());
        if (s.bound() != null) {
            twin(root, "bound_algbw", s.bound());
            root.put("bound_algbw_exact", s.bound().toString());
        }
        ArrayNode cut = root.putArray("bottleneck_cut");
        s.bottleneckCut().forEach(cut::add);
        ArrayNode trees = root.putArray("trees");
        for (ScheduleTree t : s.trees()) {
            ObjectNode o = trees.addObject();
            o.put("root", t.root());
            o.put("phase", t.phase().jsonName());
            o.put("stage", t.stage());
            o.put("direction", t.direction().jsonName());
            o.put("share", t.share().toString());
            ArrayNode edges = o.putArray("edges");
            for (TreeEdge e : t.edges()) {
                ObjectNode eo = edges.addObject();
                eo.put("from", e.from());
                eo.put("to", e.to());
                ArrayNode path = eo.putArray("path");
                e.path().forEach(path::add);
            }
        }
        return Json.pretty(root);
    }

    public static void write(Schedule s, Path file) throws IOException {
        AtomicFiles.writeString(file, toJson(s));
    }

    private static void twin(ObjectNode root, String field, Rational r) {
        double d = r.toDouble();
        if (Double.isFinite(d)) {
            root.put(field, d);
        } else {
            root.putNull(field);
        }
    }

    // ---------------------------------------------------------------- reading

    private static Schedule fromTree(JsonNode root) throws InvalidInputException {
        String format = Json.optString(root, "format", "schedule");
        if (format != null && !format.equals(FORMAT)) {
            throw new InvalidInputException("format: " + Json.quote(format) + " is not \"" + FORMAT + "\"");
        }
        String c = Json.reqString(root, "collective", "schedule");
        Collective collective = Collective.fromJson(c);
        if (collective == null) {
            throw new InvalidInputException("collective: unknown collective " + Json.quote(c)
                    + " (expected allgather, reduce-scatter or allreduce)");
        }
        String algorithm = Json.reqString(root, "algorithm", "schedule");
        String topology = Json.optString(root, "topology", "schedule");
        int accelerators = nonNegativeInt(root, "accelerators", "accelerators", true, 0);

        Rational algbw = figure(root, "algbw_exact", "algbw");
        if (algbw == null) {
            throw new InvalidInputException("schedule: missing \"algbw_exact\"");
        }
        Rational bound = figure(root, "bound_algbw_exact", "bound_algbw");

        List<String> cut = new ArrayList<>();
        JsonNode cutJson = Json.opt(root, "bottleneck_cut");
        if (cutJson != null) {
            if (!cutJson.isArray()) {
                throw Json.wrongType("schedule", "bottleneck_cut", "an array", cutJson);
            }
            for (int i = 0; i < cutJson.size(); i++) {
                cut.add(stringElement(cutJson.get(i), "bottleneck_cut[" + i + "]"));
            }
        }

        JsonNode treesJson = Json.reqArray(root, "trees", "schedule");
        List<ScheduleTree> trees = new ArrayList<>(treesJson.size());
        for (int i = 0; i < treesJson.size(); i++) {
            trees.add(tree(treesJson.get(i), "trees[" + i + "]"));
        }
        return new Schedule(collective, algorithm, topology, accelerators, algbw, bound, cut, trees);
    }

    /** The exact figure from exactField, else from the float twin read as an exact decimal; null if neither. */
    private static Rational figure(JsonNode root, String exactField, String twinField) throws InvalidInputException {
        JsonNode n = Json.opt(root, exactField);
        String field = exactField;
        if (n == null) {
            n = Json.opt(root, twinField);
            field = twinField;
        }
        if (n == null) {
            return null;
        }
        Rational r = exact(n, field);
        if (r.signum() < 0) {
            throw new InvalidInputException(field + ": " + Json.show(n) + " is negative");
        }
        return r;
    }

    private static Rational exact(JsonNode n, String field) throws InvalidInputException {
        if (!n.isNumber() && !n.isTextual()) {
            throw new InvalidInputException(field + ": must be a number or a string, not " + Json.typeName(n));
        }
        try {
            return Json.exact(n, MAX_DIGITS);
        } catch (Json.BadNumber e) {
            throw new InvalidInputException(field + ": " + Json.show(n)
                    + (e.absurd ? " is too large or too precise" : " is not a number"));
        }
    }

    private static ScheduleTree tree(JsonNode o, String where) throws InvalidInputException {
        if (!o.isObject()) {
            throw new InvalidInputException(where + ": must be an object, not " + Json.typeName(o));
        }
        String root = Json.reqString(o, "root", where);
        String p = Json.reqString(o, "phase", where);
        Phase phase = Phase.fromJson(p);
        if (phase == null) {
            throw new InvalidInputException(where + ".phase: unknown phase " + Json.quote(p)
                    + " (expected allgather, reduce-scatter, reduce or broadcast)");
        }
        int stage = nonNegativeInt(o, "stage", where + ".stage", false, 0);
        String d = Json.optString(o, "direction", where);
        Direction direction = phase.direction();
        if (d != null) {
            direction = Direction.fromJson(d);
            if (direction == null) {
                throw new InvalidInputException(where + ".direction: unknown direction " + Json.quote(d)
                        + " (expected \"in\" or \"out\")");
            }
            if (direction != phase.direction()) {
                throw new InvalidInputException(where + ".direction: a " + phase.jsonName() + " tree is \""
                        + phase.direction().jsonName() + "\", not \"" + d + "\"");
            }
        }
        Rational share = exact(Json.req(o, "share", where), where + ".share");
        if (share.signum() <= 0 || share.compareTo(Rational.ONE) > 0) {
            throw new InvalidInputException(where + ".share: " + Json.clip(share.toString(), 60)
                    + " is not in (0, 1]");
        }
        JsonNode edgesJson = Json.reqArray(o, "edges", where);
        List<TreeEdge> edges = new ArrayList<>(edgesJson.size());
        for (int i = 0; i < edgesJson.size(); i++) {
            edges.add(edge(edgesJson.get(i), where + ".edges[" + i + "]"));
        }
        return new ScheduleTree(root, phase, stage, direction, share, edges);
    }

    private static TreeEdge edge(JsonNode o, String where) throws InvalidInputException {
        if (!o.isObject()) {
            throw new InvalidInputException(where + ": must be an object, not " + Json.typeName(o));
        }
        String from = Json.reqString(o, "from", where);
        String to = Json.reqString(o, "to", where);
        JsonNode pathJson = Json.opt(o, "path");
        if (pathJson == null) {
            return TreeEdge.direct(from, to);
        }
        if (!pathJson.isArray()) {
            throw Json.wrongType(where, "path", "an array", pathJson);
        }
        List<String> path = new ArrayList<>(pathJson.size());
        for (int i = 0; i < pathJson.size(); i++) {
            path.add(stringElement(pathJson.get(i), where + ".path[" + i + "]"));
        }
        if (path.size() < 2 || !path.get(0).equals(from) || !path.get(path.size() - 1).equals(to)) {
            throw new InvalidInputException(where + ".path: must run from " + Json.quote(from) + " to "
                    + Json.quote(to) + " over at least two nodes");
        }
        return new TreeEdge(from, to, path);
    }

    private static String stringElement(JsonNode n, String where) throws InvalidInputException {
        if (!n.isTextual()) {
            throw new InvalidInputException(where + ": must be a string, not " + Json.typeName(n));
        }
        return n.textValue();
    }

    private static int nonNegativeInt(JsonNode o, String field, String where, boolean required, int dflt)
            throws InvalidInputException {
        JsonNode n = Json.opt(o, field);
        if (n == null) {
            if (required) {
                throw new InvalidInputException("schedule: missing \"" + field + "\"");
            }
            return dflt;
        }
        if (!n.isIntegralNumber()) {
            throw new InvalidInputException(where + ": must be a whole number, not "
                    + (n.isNumber() ? Json.show(n) : Json.typeName(n)));
        }
        if (n.bigIntegerValue().signum() < 0 || n.bigIntegerValue().bitLength() > 31) {
            throw new InvalidInputException(where + ": " + Json.show(n) + " is out of range");
        }
        return n.bigIntegerValue().intValueExact();
    }
}
