package canopy.io;

import canopy.model.Collective;
import canopy.model.Direction;
import canopy.model.Node;
import canopy.model.Phase;
import canopy.model.Rational;
import canopy.model.Schedule;
import canopy.model.ScheduleTree;
import canopy.model.Topology;
import canopy.model.TreeEdge;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a schedule/1 document from a streaming parser straight into the model. A schedule of 1,024
 * accelerators is a million edges; as a Jackson tree of exact numbers its 167 MB allreduce file takes
 * 1.4 GB of heap before the model is built, so no container of the file is ever built as a tree: the
 * trees, their edges, the paths and {@code bottleneck_cut} are streamed token by token, a field the
 * reader does not know is skipped without being kept, and a known field that holds an object or an array
 * where a scalar belongs is skipped too (its type is all a message needs). Only scalars are held as nodes.
 *
 * <p>Read against a topology (what every command does), every node id is the topology's own String, so
 * the model holds one reference per mention, and a schedule bounds itself by the topology: an id the
 * topology lacks, a tree with more edges than a spanning tree has (N − 1), a path with more nodes than
 * the topology, or a {@code bottleneck_cut} with more ids than the topology are bad input, and once a
 * fault is found nothing more is kept. The shares' common denominator is bounded
 * ({@link ScheduleJson#MAX_COMMON_DENOMINATOR_DIGITS}), so exact link loads stay cheap.
 *
 * <p>The checks and their order are those of a reader that parses the whole file first and then checks
 * it top down: malformed JSON anywhere (a duplicate key, trailing tokens) wins over any other fault;
 * then the top-level fields in a fixed order, then trees[0], trees[1], ..., each tree's own fields
 * before its edges. Since the file may hold fields in any order, the first fault met in the trees is
 * kept and reported only once the whole document has been parsed and the top-level fields pass.
 */
final class ScheduleReader {
    private static final Set<String> TOP_FIELDS = Set.of("format", "collective", "algorithm", "topology",
            "accelerators", "algbw_exact", "algbw", "bound_algbw_exact", "bound_algbw");
    private static final Set<String> TREE_FIELDS = Set.of("root", "phase", "stage", "direction", "share");
    /** Without a topology: at most this many ids in bottleneck_cut. */
    static final int MAX_CUT_WITHOUT_TOPOLOGY = 1 << 20;

    private final JsonParser p;
    /**
     * One String per distinct node id: the file names the same few thousand nodes millions of times,
     * and the model would otherwise hold a copy for each mention. Read against a topology this is the
     * topology's id table, and an id outside it is a fault; without one, past MAX_SHARED_IDS distinct ids
     * ids are kept as read, so a file of ever new ids cannot make the table itself a second copy of the
     * model.
     */
    private final Map<String, String> ids = new HashMap<>();
    private final boolean closedIds;
    private static final int MAX_SHARED_IDS = 1 << 20;
    /** With a topology: edges per tree (N − 1), nodes per path and ids in the cut; else unbounded. */
    private final int maxEdges;
    private final int maxPath;
    private final int maxCut;
    /** The least common multiple of the share denominators so far, and its limit. */
    private BigInteger commonDenominator = BigInteger.ONE;
    private static final BigInteger MAX_COMMON_DENOMINATOR = BigInteger.TEN.pow(ScheduleJson.MAX_COMMON_DENOMINATOR_DIGITS);
    /** The first fault found in the trees, in the order a top-down check would find it; null if none yet. */
    private InvalidInputException treeFault;
    /** The first fault found in bottleneck_cut's elements; null if none. */
    private InvalidInputException cutFault;

    private ScheduleReader(JsonParser p, Topology t) {
        this.p = p;
        if (t != null) {
            closedIds = true;
            for (Node n : t.nodes()) {
                ids.putIfAbsent(n.id(), n.id());
            }
            maxEdges = Math.max(0, t.acceleratorCount() - 1);
            maxPath = Math.max(2, t.nodes().size());
            maxCut = t.nodes().size();
        } else {
            closedIds = false;
            maxEdges = Integer.MAX_VALUE;
            maxPath = Integer.MAX_VALUE;
            maxCut = MAX_CUT_WITHOUT_TOPOLOGY;
        }
    }

    /** The schedule in the document the parser is at the start of; the parser's own exceptions pass through. */
    static Schedule read(JsonParser p) throws IOException, InvalidInputException {
        return new ScheduleReader(p, null).document();
    }

    /** The same, every node id checked against (and shared with) topology t. */
    static Schedule read(JsonParser p, Topology t) throws IOException, InvalidInputException {
        return new ScheduleReader(p, t).document();
    }

    private Schedule document() throws IOException, InvalidInputException {
        JsonToken first = p.nextToken();
        if (first == null) {
            throw new InvalidInputException("empty input: expected a JSON object");
        }
        if (first != JsonToken.START_OBJECT) {
            JsonNode value = small();
            Json.expectEnd(p);
            throw new InvalidInputException("the file must hold a JSON object, not " + Json.typeName(value));
        }
        ObjectNode root = Json.object();
        List<ScheduleTree> trees = null;
        List<String> cut = null;
        // nextFieldName, as the tree reader uses: it also decodes the value, and words some faults differently
        for (String field = p.nextFieldName(); field != null; field = p.nextFieldName()) {
            JsonToken value = p.nextToken();
            if (field.equals("trees") && value == JsonToken.START_ARRAY) {
                trees = trees();
                root.set(field, Json.NODES.arrayNode()); // stands for the array streamed into trees
            } else if (field.equals("bottleneck_cut") && value == JsonToken.START_ARRAY) {
                cut = cut();
                root.set(field, Json.NODES.arrayNode());
            } else if (TOP_FIELDS.contains(field) || field.equals("trees") || field.equals("bottleneck_cut")) {
                root.set(field, small());
            } else {
                p.skipChildren(); // an unknown field: checked to be JSON, never kept
            }
        }
        Json.expectEnd(p);
        return schedule(root, trees, cut);
    }

    /**
     * The scalar value at the parser's current token as a node; an object or an array is skipped (its
     * content still checked to be JSON) and stands as an empty one, which is all a type message needs.
     */
    private JsonNode small() throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.START_OBJECT) {
            p.skipChildren();
            return Json.NODES.objectNode();
        }
        if (t == JsonToken.START_ARRAY) {
            p.skipChildren();
            return Json.NODES.arrayNode();
        }
        return Json.readValue(p);
    }

    private List<String> cut() throws IOException {
        List<String> cut = new ArrayList<>();
        for (int i = 0; p.nextToken() != JsonToken.END_ARRAY; i++) {
            if (cutFault != null) {
                p.skipChildren();
                continue;
            }
            String where = "bottleneck_cut[" + i + "]";
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                cutFault = new InvalidInputException(where + ": must be a string, not " + Json.typeName(small()));
            } else if (cut.size() >= maxCut) {
                cutFault = new InvalidInputException("bottleneck_cut: more than " + maxCut + " ids"
                        + (closedIds ? ", the topology's node count" : ""));
            } else {
                try {
                    cut.add(id(p.getText(), where));
                } catch (InvalidInputException e) {
                    cutFault = e;
                }
            }
        }
        return cut;
    }

    private List<ScheduleTree> trees() throws IOException {
        List<ScheduleTree> trees = new ArrayList<>();
        for (int i = 0; p.nextToken() != JsonToken.END_ARRAY; i++) {
            if (p.currentToken() == JsonToken.START_OBJECT) {
                ScheduleTree t = tree(i);
                if (t != null) {
                    trees.add(t);
                }
            } else {
                JsonNode value = small();
                keepFirstFault(new InvalidInputException("trees[" + i + "]: must be an object, not " + Json.typeName(value)));
            }
        }
        return trees;
    }

    /** The tree whose START_OBJECT the parser is at, or null when this or an earlier tree is faulty. */
    private ScheduleTree tree(int index) throws IOException {
        String where = "trees[" + index + "]";
        ObjectNode fields = Json.object();
        List<TreeEdge> edges = new ArrayList<>();
        InvalidInputException edgeFault = null;
        // nextFieldName, as the tree reader uses: it also decodes the value, and words some faults differently
        for (String field = p.nextFieldName(); field != null; field = p.nextFieldName()) {
            JsonToken value = p.nextToken();
            if (!field.equals("edges") || value != JsonToken.START_ARRAY) {
                if (TREE_FIELDS.contains(field) || field.equals("edges")) {
                    fields.set(field, small());
                } else {
                    p.skipChildren();
                }
                continue;
            }
            fields.set(field, Json.NODES.arrayNode()); // stands for the array streamed into edges
            for (int i = 0; p.nextToken() != JsonToken.END_ARRAY; i++) {
                if (treeFault != null || edgeFault != null) {
                    p.skipChildren(); // read even after a fault: the rest must still be valid JSON
                    continue;
                }
                try {
                    TreeEdge e = edge(where, i);
                    if (edges.size() >= maxEdges) {
                        edgeFault = new InvalidInputException(where + ".edges: more than " + maxEdges
                                + " edges, more than a tree over the topology's " + (maxEdges + 1) + " accelerators has");
                    } else {
                        edges.add(e);
                    }
                } catch (InvalidInputException e) {
                    edgeFault = e;
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

    /** The shared String for id s; read against a topology, a fault when the topology has no such node. */
    private String id(String s, String where) throws InvalidInputException {
        String shared = ids.get(s);
        if (shared != null) {
            return shared;
        }
        if (closedIds) {
            throw new InvalidInputException("the schedule does not fit the topology: " + where + ": "
                    + Json.quote(s) + " is not a node of the topology");
        }
        if (ids.size() < MAX_SHARED_IDS) {
            ids.put(s, s);
        }
        return s;
    }

    // ---------------------------------------------------------------- checks, top down

    private Schedule schedule(JsonNode root, List<ScheduleTree> streamedTrees, List<String> streamedCut)
            throws InvalidInputException {
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
            if (cutFault != null) {
                throw cutFault;
            }
            cut = streamedCut;
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
                        + phase.direction().jsonName() + "\", not \"" + Json.clip(d, 60) + "\"");
            }
        }
        Rational share = exact(Json.req(o, "share", where), where + ".share");
        if (share.signum() <= 0 || share.compareTo(Rational.ONE) > 0) {
            throw new InvalidInputException(where + ".share: " + Json.clip(share.toString(), 60)
                    + " is not in (0, 1]");
        }
        BigInteger d2 = share.denominator();
        if (commonDenominator.mod(d2).signum() != 0) {
            BigInteger next = commonDenominator.divide(commonDenominator.gcd(d2)).multiply(d2);
            if (next.compareTo(MAX_COMMON_DENOMINATOR) > 0) {
                throw new InvalidInputException(where + ".share: " + Json.clip(share.toString(), 60)
                        + " takes the shares' common denominator past 10^" + ScheduleJson.MAX_COMMON_DENOMINATOR_DIGITS
                        + " (the least common multiple of all share denominators may have at most "
                        + ScheduleJson.MAX_COMMON_DENOMINATOR_DIGITS + " digits)");
            }
            commonDenominator = next;
        }
        Json.reqArray(o, "edges", where);
        return new ScheduleTree(id(root, where + ".root"), phase, stage, direction, share, edges);
    }

    /**
     * The edge whose first token the parser is at; the parser is left on its last token. Faults are
     * those of a check of the whole edge object, in the order from, to, path: a fault in one field is
     * reported only once the object has been read, the first in that order.
     */
    private TreeEdge edge(String tree, int index) throws IOException, InvalidInputException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            JsonNode v = small();
            throw new InvalidInputException(tree + ".edges[" + index + "]: must be an object, not " + Json.typeName(v));
        }
        JsonNode fromJson = null;
        JsonNode toJson = null;
        JsonNode pathJson = null;
        List<String> path = null;
        String pathMissingWhere = null;
        InvalidInputException pathFault = null;
        for (String f = p.nextFieldName(); f != null; f = p.nextFieldName()) {
            JsonToken t = p.nextToken();
            switch (f) {
                case "from" -> fromJson = small();
                case "to" -> toJson = small();
                case "path" -> {
                    if (t == JsonToken.VALUE_NULL) {
                        pathJson = null;
                    } else if (t != JsonToken.START_ARRAY) {
                        pathJson = small();
                    } else {
                        pathJson = Json.NODES.arrayNode();
                        path = new ArrayList<>();
                        pathFault = null;
                        for (int i = 0; p.nextToken() != JsonToken.END_ARRAY; i++) {
                            if (pathFault != null) {
                                p.skipChildren();
                                continue;
                            }
                            String where = tree + ".edges[" + index + "].path[" + i + "]";
                            if (p.currentToken() != JsonToken.VALUE_STRING) {
                                pathFault = new InvalidInputException(where + ": must be a string, not "
                                        + Json.typeName(small()));
                            } else if (path.size() >= maxPath) {
                                pathFault = new InvalidInputException(tree + ".edges[" + index + "].path: more than "
                                        + maxPath + " nodes, more than the topology has (a path visits a node once)");
                            } else {
                                try {
                                    path.add(id(p.getText(), where));
                                } catch (InvalidInputException e) {
                                    pathFault = e;
                                }
                            }
                        }
                    }
                }
                default -> p.skipChildren();
            }
        }
        String where = tree + ".edges[" + index + "]";
        String from = id(edgeEnd(fromJson, "from", where), where + ".from");
        String to = id(edgeEnd(toJson, "to", where), where + ".to");
        if (pathJson == null) {
            return TreeEdge.direct(from, to);
        }
        if (!pathJson.isArray()) {
            throw Json.wrongType(where, "path", "an array", pathJson);
        }
        if (pathFault != null) {
            throw pathFault;
        }
        if (path.size() < 2 || !path.get(0).equals(from) || !path.get(path.size() - 1).equals(to)) {
            throw new InvalidInputException(where + ".path: must run from " + Json.quote(from) + " to "
                    + Json.quote(to) + " over at least two nodes");
        }
        return new TreeEdge(from, to, path);
    }

    private static String edgeEnd(JsonNode n, String field, String where) throws InvalidInputException {
        if (n == null || n.isNull()) {
            throw new InvalidInputException(where + ": missing \"" + field + "\"");
        }
        if (!n.isTextual()) {
            throw Json.wrongType(where, field, "a string", n);
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
