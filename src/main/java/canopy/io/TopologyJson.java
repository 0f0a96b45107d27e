package canopy.io;

import canopy.model.TopologyValidator;
import canopy.model.Link;
import canopy.model.Node;
import canopy.model.NodeKind;
import canopy.model.Rational;
import canopy.model.Topology;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
        Topology t = readUnchecked(file);
        check(t);
        return t;
    }

    /** Parses and validates a topology. */
    public static Topology parse(String json) throws InvalidInputException {
        Topology t = parseUnchecked(json);
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
        if (json == null) {
            throw new InvalidInputException("no input: expected a JSON object");
        }
        if (json.length() > Json.MAX_BYTES) {
            throw Json.tooLarge(Json.MAX_BYTES);
        }
        try (JsonParser p = Json.streamingParser(json)) {
            return fromParser(p);
        } catch (IOException | RuntimeException e) {
            throw Json.malformed(e);
        }
    }

    /** Like {@link #parseUnchecked(String)} for a file. */
    public static Topology readUnchecked(Path file) throws InvalidInputException {
        InputStream raw;
        try {
            Json.refuseLargerFile(file, Json.MAX_BYTES);
            raw = Files.newInputStream(file);
        } catch (IOException e) {
            throw new InvalidInputException("cannot read " + file + ": " + Json.describe(e), e);
        }
        try (InputStream in = new SizeLimitedInput(raw, Json.MAX_BYTES);
             JsonParser p = Json.streamingParser(in)) {
            return fromParser(p);
        } catch (SizeLimitedInput.TooLarge e) {
            throw Json.tooLarge(file, Json.MAX_BYTES);
        } catch (SizeLimitedInput.ReadFailed e) {
            throw new InvalidInputException("cannot read " + file + ": " + Json.describe(e.getCause()), e);
        } catch (IOException | RuntimeException e) {
            throw Json.malformed(e);
        }
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

    /**
     * Reads the document as a stream: the outer object and the two arrays token by token, each node and
     * link as its own small tree, so memory holds the model and one element, never a tree of the file
     * (a 50 MB topology read in a 256 MB heap; as a whole tree it needed 512 MB). Links share their
     * nodes' id Strings. Problems are reported in the order the tree reader found them: format, name,
     * units, the two arrays, the first bad node, the first bad link (named after all links are seen,
     * since a repeated from->to pair is named by its index).
     */
    private static Topology fromParser(JsonParser p) throws IOException, InvalidInputException {
        JsonToken first = p.nextToken();
        if (first == null) {
            throw new InvalidInputException("empty input: expected a JSON object");
        }
        if (first != JsonToken.START_OBJECT) {
            JsonNode v = first == JsonToken.START_ARRAY ? Json.NODES.arrayNode() : Json.readValue(p);
            throw new InvalidInputException("the file must hold a JSON object, not " + Json.typeName(v));
        }
        ObjectNode head = Json.object();
        Elements elements = new Elements();
        boolean sawNodes = false;
        boolean sawLinks = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            boolean array = value == JsonToken.START_ARRAY;
            if (field.equals("nodes") && array) {
                sawNodes = true;
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    elements.node(Json.readValue(p));
                }
            } else if (field.equals("links") && array) {
                sawLinks = true;
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    elements.link(Json.readValue(p));
                }
            } else if (field.equals("format") || field.equals("name") || field.equals("units")
                    || field.equals("nodes") || field.equals("links")) {
                head.set(field, Json.readValue(p));
            } else {
                p.skipChildren(); // a field formats.md does not define: ignored, never held
            }
        }
        Json.expectEnd(p);

        String format = Json.optString(head, "format", "topology");
        if (format != null && !format.equals(FORMAT)) {
            throw new InvalidInputException("format: " + Json.quote(format) + " is not \"" + FORMAT + "\"");
        }
        String name = Json.optString(head, "name", "topology");
        String units = Json.optString(head, "units", "topology");
        if (!sawNodes) {
            Json.reqArray(head, "nodes", "topology");
        }
        if (!sawLinks) {
            Json.reqArray(head, "links", "topology");
        }
        return new Topology(name, units, elements.nodes(), elements.links());
    }

    /** The nodes and links as they stream past; the first bad one is kept to be reported at the end. */
    private static final class Elements {
        private final List<Node> nodes = new ArrayList<>();
        private final Map<String, String> ids = new HashMap<>();
        private InvalidInputException badNode;
        private final List<Link> links = new ArrayList<>();
        private final List<String[]> ends = new ArrayList<>();
        private JsonNode badLink;
        private int badLinkIndex;

        void node(JsonNode o) {
            if (badNode != null) {
                return;
            }
            try {
                Node n = TopologyJson.node(o, nodes.size());
                nodes.add(n);
                ids.putIfAbsent(n.id(), n.id());
            } catch (InvalidInputException e) {
                badNode = e;
            }
        }

        void link(JsonNode o) {
            JsonNode f = o.get("from");
            JsonNode to = o.get("to");
            ends.add(new String[] {f != null && f.isTextual() ? shared(f.textValue()) : null,
                    to != null && to.isTextual() ? shared(to.textValue()) : null});
            if (badLink != null) {
                return;
            }
            try {
                Link l = TopologyJson.link(o, "");
                links.add(new Link(shared(l.from()), shared(l.to()), l.bandwidth(), l.duplex(), l.latencyUs()));
            } catch (InvalidInputException e) {
                badLink = o;
                badLinkIndex = ends.size() - 1;
            }
        }

        /** The node's own id String when a node has this id (links may come first: then their own). */
        private String shared(String id) {
            return ids.getOrDefault(id, id);
        }

        List<Node> nodes() throws InvalidInputException {
            if (badNode != null) {
                throw badNode;
            }
            return nodes;
        }

        List<Link> links() throws InvalidInputException {
            if (badLink != null) {
                // throws again, now with the link's name among all links
                TopologyJson.link(badLink, TopologyValidator.where(TopologyValidator.namesOf(ends).get(badLinkIndex)));
                throw new IllegalStateException("links[" + badLinkIndex + "] was refused once and then accepted");
            }
            return links;
        }
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
