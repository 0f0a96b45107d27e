package canopy.io;

import canopy.model.TopologyValidator;
import canopy.model.Link;
import canopy.model.Node;
import canopy.model.NodeKind;
import canopy.model.Rational;
import canopy.model.Topology;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes topology files (formats.md, "topology/1"). Reading checks the structure (JSON, field
 * types, required fields, exact bandwidths) and then every rule of {@link TopologyValidator}; writing
 * is lossless: {@code parse(toJson(t)).equals(t)} for every valid t.
 */
public final class TopologyJson {
    public static final String FORMAT = "topology/1";

    private TopologyJson() {
    }

    /** Reads and validates a topology file; an unreadable file is reported naming it. */
    public static Topology read(Path file) throws InvalidInputException {
        Topology t = fromTree(Json.readTree(file));
        check(t);
        return t;
    }

    /** Parses and validates a topology. */
    public static Topology parse(String json) throws InvalidInputException {
        Topology t = fromTree(Json.readTree(json));
        check(t);
        return t;
    }

    /**
     * Refuses a topology that breaks a rule of {@link TopologyValidator}, with the first problem's
     * message: the one gate every reader and importer passes a topology through.
     */
    public static void check(Topology t) throws InvalidInputException {
        List<TopologyValidator.Problem> p = TopologyValidator.problems(t);
        if (!p.isEmpty()) {
            throw new InvalidInputException(p.get(0).message());
        }
    }

    /**
     * Parses the structure only, without the rules of {@link TopologyValidator}: for the designer, which
     * opens a broken topology to let its user fix it and lists the problems.
     */
    public static Topology parseUnchecked(String json) throws InvalidInputException {
        return fromTree(Json.readTree(json));
    }

    /** Like {@link #parseUnchecked(String)} for a file. */
    public static Topology readUnchecked(Path file) throws InvalidInputException {
        return fromTree(Json.readTree(file));
    }

    /** Pretty-printed JSON with a stable field order, ending with a newline. Does not validate. */
    public static String toJson(Topology t) {
        ObjectNode root = Json.object();
        root.put("format", FORMAT);
        if (t.name() != null) {
            root.put("name", t.name());
        }
        if (t.units() != null) {
            root.put("units", t.units());
        }
        ArrayNode nodes = root.putArray("nodes");
        for (Node n : t.nodes()) {
            ObjectNode o = nodes.addObject();
            o.put("id", n.id());
            o.put("kind", n.kind().jsonName());
            if (n.label() != null) {
                o.put("label", n.label());
            }
            // Positions are for display only; a non-finite one cannot be written in JSON and is dropped.
            if (n.x() != null && Double.isFinite(n.x())) {
                o.put("x", n.x());
            }
            if (n.y() != null && Double.isFinite(n.y())) {
                o.put("y", n.y());
            }
            if (n.group() != null) {
                o.put("group", n.group());
            }
        }
        ArrayNode links = root.putArray("links");
        for (Link l : t.links()) {
            ObjectNode o = links.addObject();
            o.put("from", l.from());
            o.put("to", l.to());
            o.set("bandwidth", Json.exactNumberOrString(l.bandwidth()));
            o.put("duplex", l.duplex());
            if (l.latencyUs() != null && Double.isFinite(l.latencyUs())) {
                o.put("latency_us", l.latencyUs());
            }
        }
        return Json.pretty(root);
    }

    /** Writes {@link #toJson} atomically (see {@link AtomicFiles}). */
    public static void write(Topology t, Path file) throws IOException {
        AtomicFiles.writeString(file, toJson(t));
    }

    // ---------------------------------------------------------------- structure

    private static Topology fromTree(JsonNode root) throws InvalidInputException {
        String format = Json.optString(root, "format", "topology");
        if (format != null && !format.equals(FORMAT)) {
            throw new InvalidInputException("format: " + Json.quote(format) + " is not \"" + FORMAT + "\"");
        }
        String name = Json.optString(root, "name", "topology");
        String units = Json.optString(root, "units", "topology");
        JsonNode nodesJson = Json.reqArray(root, "nodes", "topology");
        JsonNode linksJson = Json.reqArray(root, "links", "topology");

        List<Node> nodes = new ArrayList<>(nodesJson.size());
        for (int i = 0; i < nodesJson.size(); i++) {
            nodes.add(node(nodesJson.get(i), i));
        }

        List<String[]> ends = new ArrayList<>(linksJson.size());
        for (JsonNode l : linksJson) {
            JsonNode f = l.get("from");
            JsonNode to = l.get("to");
            ends.add(new String[] {f != null && f.isTextual() ? f.textValue() : null,
                    to != null && to.isTextual() ? to.textValue() : null});
        }
        List<String> names = TopologyValidator.namesOf(ends);
        List<Link> links = new ArrayList<>(linksJson.size());
        for (int i = 0; i < linksJson.size(); i++) {
            links.add(link(linksJson.get(i), TopologyValidator.where(names.get(i))));
        }
        return new Topology(name, units, nodes, links);
    }

    private static Node node(JsonNode o, int i) throws InvalidInputException {
        String where = "node #" + i;
        if (!o.isObject()) {
            throw new InvalidInputException(where + ": must be an object, not " + Json.typeName(o));
        }
        String id = Json.reqString(o, "id", where);
        if (id.isBlank()) {
            throw new InvalidInputException(where + ": empty \"id\"");
        }
        where = "node " + Json.clip(id, 60);
        String kindText = Json.reqString(o, "kind", where);
        NodeKind kind = NodeKind.fromJson(kindText);
        if (kind == null) {
            throw new InvalidInputException(where + ": unknown kind " + Json.quote(kindText)
                    + " (expected \"accelerator\" or \"switch\")");
        }
        String label = Json.optString(o, "label", where);
        Double x = Json.optFiniteDouble(o, "x", where);
        Double y = Json.optFiniteDouble(o, "y", where);
        String group = Json.optString(o, "group", where);
        return new Node(id, kind, label, x, y, group);
    }

    private static Link link(JsonNode o, String where) throws InvalidInputException {
        if (!o.isObject()) {
            throw new InvalidInputException(where + ": must be an object, not " + Json.typeName(o));
        }
        String from = Json.reqString(o, "from", where);
        String to = Json.reqString(o, "to", where);
        JsonNode bw = Json.req(o, "bandwidth", where);
        if (!bw.isNumber() && !bw.isTextual()) {
            throw Json.wrongType(where, "bandwidth", "a number or a string", bw);
        }
        Rational bandwidth;
        try {
            bandwidth = Json.exact(bw, TopologyValidator.MAX_BANDWIDTH_DIGITS);
        } catch (Json.BadNumber e) {
            throw new InvalidInputException(where + ": bandwidth " + Json.show(bw) + (e.absurd
                    ? " is not a sensible bandwidth (numerator or denominator above 10^"
                    + TopologyValidator.MAX_BANDWIDTH_DIGITS + ")"
                    : " is not a positive finite number"));
        }
        JsonNode d = Json.opt(o, "duplex");
        if (d != null && !d.isBoolean()) {
            throw Json.wrongType(where, "duplex", "true or false", d);
        }
        boolean duplex = d != null && d.booleanValue();
        Double latency = Json.optFiniteDouble(o, "latency_us", where);
        if (latency != null && latency < 0) {
            throw new InvalidInputException(where + ": \"latency_us\" " + latency + " is negative");
        }
        return new Link(from, to, bandwidth, duplex, latency);
    }
}
