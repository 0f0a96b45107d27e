package canopy.io;

import canopy.model.Collective;
import canopy.model.Direction;
import canopy.model.Phase;
import canopy.model.Rational;
import canopy.model.Schedule;
import canopy.model.ScheduleTree;
import canopy.model.TreeEdge;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a schedule/1 document from a streaming parser straight into the model. A schedule of 1,024
 * accelerators is a million edges; as a Jackson tree of exact numbers its 167 MB allreduce file takes
 * 1.4 GB of heap before the model is built, so only small values (a top-level field, a tree's own
 * fields, one edge) are ever held as nodes.
 *
 * <p>The checks and their order are those of a reader that parses the whole file first and then checks
 * it top down: malformed JSON anywhere (a duplicate key, trailing tokens) wins over any other fault;
 * then the top-level fields in a fixed order, then trees[0], trees[1], ..., each tree's own fields
 * before its edges. Since the file may hold fields in any order, the first fault met in the trees is
 * kept and reported only once the whole document has been parsed and the top-level fields pass.
 */
final class ScheduleReader {
    private final JsonParser p;
    /**
     * One String per distinct node id: the file names the same few thousand nodes millions of times,
     * and the model would otherwise hold a copy for each mention. Past MAX_SHARED_IDS distinct ids (no
     * real topology has that many nodes) ids are kept as read, so a file of ever new ids cannot make
     * the table itself a second copy of the model.
     */
    private final Map<String, String> ids = new HashMap<>();
    private static final int MAX_SHARED_IDS = 1 << 20;
    /** The first fault found in the trees, in the order a top-down check would find it; null if none yet. */
    private InvalidInputException treeFault;

    private ScheduleReader(JsonParser p) {
        this.p = p;
    }

    /** The schedule in the document the parser is at the start of; the parser's own exceptions pass through. */
    static Schedule read(JsonParser p) throws IOException, InvalidInputException {
        return new ScheduleReader(p).document();
    }

    private Schedule document() throws IOException, InvalidInputException {
        JsonToken first = p.nextToken();
        if (first == null) {
            throw new InvalidInputException("empty input: expected a JSON object");
        }
        if (first != JsonToken.START_OBJECT) {
            JsonNode value = Json.readValue(p);
            Json.expectEnd(p);
            throw new InvalidInputException("the file must hold a JSON object, not " + Json.typeName(value));
        }
        ObjectNode root = Json.object();
        List<ScheduleTree> trees = null;
        // nextFieldName, as the tree reader uses: it also decodes the value, and words some faults differently
        for (String field = p.nextFieldName(); field != null; field = p.nextFieldName()) {
            JsonToken value = p.nextToken();
            if (field.equals("trees") && value == JsonToken.START_ARRAY) {
                trees = trees();
                root.set(field, Json.NODES.arrayNode()); // stands for the array streamed into trees
            } else {
                root.set(field, Json.readValue(p));
            }
        }
        Json.expectEnd(p);
        return schedule(root, trees);
    }

    private List<ScheduleTree> trees() throws IOException {
        List<ScheduleTree> trees = new ArrayList<>();
        for (int i = 0; p.nextToken() != JsonToken.END_ARRAY; i++) {
            String where = "trees[" + i + "]";
            if (p.currentToken() == JsonToken.START_OBJECT) {
                ScheduleTree t = tree(where);
                if (t != null) {
                    trees.add(t);
                }
            } else {
                JsonNode value = Json.readValue(p);
                keepFirstFault(new InvalidInputException(where + ": must be an object, not " + Json.typeName(value)));
            }
        }
        return trees;
    }

    /** The tree whose START_OBJECT the parser is at, or null when this or an earlier tree is faulty. */
    private ScheduleTree tree(String where) throws IOException {
        ObjectNode fields = Json.object();
        List<TreeEdge> edges = new ArrayList<>();
        InvalidInputException edgeFault = null;
        // nextFieldName, as the tree reader uses: it also decodes the value, and words some faults differently
        for (String field = p.nextFieldName(); field != null; field = p.nextFieldName()) {
            JsonToken value = p.nextToken();
            if (!field.equals("edges") || value != JsonToken.START_ARRAY) {
                fields.set(field, Json.readValue(p));
                continue;
            }
            fields.set(field, Json.NODES.arrayNode()); // stands for the array streamed into edges
            for (int i = 0; p.nextToken() != JsonToken.END_ARRAY; i++) {
                JsonNode edge = Json.readValue(p); // read even after a fault: the rest must still be valid JSON
                if (treeFault == null && edgeFault == null) {
                    try {
                        edges.add(edge(edge, where + ".edges[" + i + "]"));
                    } catch (InvalidInputException e) {
                        edgeFault = e;
                    }
                }
            }
        }
        if (treeFault != null) {
            return null;
        }
        try {
            ScheduleTree t = tree(fields, where, edges);
            if (edgeFault != null) {
                throw edgeFault;
            }
            return t;
        } catch (InvalidInputException e) {
            keepFirstFault(e);
            return null;
        }
    }

    private void keepFirstFault(InvalidInputException e) {
        if (treeFault == null) {
            treeFault = e;
        }
    }

    private String id(String s) {
        String shared = ids.get(s);
        if (shared != null) {
            return shared;
        }
        if (ids.size() < MAX_SHARED_IDS) {
            ids.put(s, s);
        }
        return s;
    }

    // ---------------------------------------------------------------- checks, top down

    private Schedule schedule(JsonNode root, List<ScheduleTree> streamedTrees) throws InvalidInputException {
        String format = Json.optString(root, "format", "schedule");
        if (format != null && !format.equals(ScheduleJson.FORMAT)) {
            throw new InvalidInputException("format: " + Json.quote(format) + " is not \"" + ScheduleJson.FORMAT + "\"");
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

        Json.reqArray(root, "trees", "schedule");
        if (treeFault != null) {
            throw treeFault;
        }
        return new Schedule(collective, algorithm, topology, accelerators, algbw, bound, cut, streamedTrees);
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
            return Json.exact(n, ScheduleJson.MAX_DIGITS);
        } catch (Json.BadNumber e) {
            throw new InvalidInputException(field + ": " + Json.show(n)
                    + (e.absurd ? " is too large or too precise" : " is not a number"));
        }
    }

    /** A tree from its own fields (its "edges" only checked to be an array) and its already checked edges. */
    private ScheduleTree tree(JsonNode o, String where, List<TreeEdge> edges) throws InvalidInputException {
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
        Json.reqArray(o, "edges", where);
        return new ScheduleTree(id(root), phase, stage, direction, share, edges);
    }

    private TreeEdge edge(JsonNode o, String where) throws InvalidInputException {
        if (!o.isObject()) {
            throw new InvalidInputException(where + ": must be an object, not " + Json.typeName(o));
        }
        String from = id(Json.reqString(o, "from", where));
        String to = id(Json.reqString(o, "to", where));
        JsonNode pathJson = Json.opt(o, "path");
        if (pathJson == null) {
            return TreeEdge.direct(from, to);
        }
        if (!pathJson.isArray()) {
            throw Json.wrongType(where, "path", "an array", pathJson);
        }
        List<String> path = new ArrayList<>(pathJson.size());
        for (int i = 0; i < pathJson.size(); i++) {
            path.add(id(stringElement(pathJson.get(i), where + ".path[" + i + "]")));
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
