package canopy.io;

import canopy.model.Messages;
import canopy.model.Link;
import canopy.model.Node;
import canopy.model.NodeKind;
import canopy.model.Rational;
import canopy.model.Topology;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jgrapht.Graph;
import org.jgrapht.alg.util.Triple;
import org.jgrapht.graph.DirectedPseudograph;
import org.jgrapht.nio.Attribute;
import org.jgrapht.nio.AttributeType;
import org.jgrapht.nio.DefaultAttribute;
import org.jgrapht.nio.ImportException;
import org.jgrapht.nio.graphml.GraphMLEventDrivenImporter;
import org.jgrapht.nio.graphml.GraphMLExporter;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Topologies as GraphML, with JGraphT's io module. Export keeps everything of formats.md as GraphML
 * data keys: per node {@code kind}, {@code label}, {@code x}, {@code y}, {@code group}; per edge
 * {@code bandwidth} (the exact text: "12.5", "100/3"), {@code duplex}, {@code latency_us}; per graph
 * {@code name} and {@code units}. Import reads those keys back ({@code read(write(t))} equals t) and
 * also accepts GraphML from other tools (yEd) with only node ids and edges, given a default kind and
 * bandwidth; what it assumed is reported.
 *
 * <p>Untrusted input: the file is size-capped and first parsed by {@link HardenedXml} (DTDs refused, so
 * no entities of any kind) before JGraphT's importer sees it; schema validation is off.
 */
public final class GraphMlTopology {
    /** Defaults for GraphML without Canopy's keys: null where none is given. */
    public record Defaults(NodeKind kind, Rational bandwidth, boolean oneWay) {
        public static final Defaults NONE = new Defaults(null, null, false);
    }

    /** The imported topology and what was assumed. */
    public record Result(Topology topology, List<String> assumptions) {
        public Result {
            assumptions = List.copyOf(assumptions);
        }
    }

    private GraphMlTopology() {
    }

    // ---------------------------------------------------------------- export

    /** The topology as GraphML (UTF-8 text). Links are edges in file order, with ids e0, e1, …. */
    public static String toGraphMl(Topology t) {
        try {
            checkWritable(t);
        } catch (InvalidInputException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        Graph<String, Integer> g = new DirectedPseudograph<>(null, null, false);
        for (Node n : t.nodes()) {
            g.addVertex(n.id());
        }
        for (int i = 0; i < t.links().size(); i++) {
            Link l = t.links().get(i);
            g.addEdge(l.from(), l.to(), i);
        }
        Map<String, Node> byId = new HashMap<>();
        for (Node n : t.nodes()) {
            byId.put(n.id(), n);
        }
        GraphMLExporter<String, Integer> ex = new GraphMLExporter<>(v -> v);
        ex.setEdgeIdProvider(e -> "e" + e);
        ex.setExportVertexLabels(false);
        ex.setExportEdgeLabels(false);
        ex.setExportEdgeWeights(false);
        ex.registerAttribute("name", GraphMLExporter.AttributeCategory.GRAPH, AttributeType.STRING);
        ex.registerAttribute("units", GraphMLExporter.AttributeCategory.GRAPH, AttributeType.STRING);
        ex.registerAttribute("kind", GraphMLExporter.AttributeCategory.NODE, AttributeType.STRING);
        ex.registerAttribute("label", GraphMLExporter.AttributeCategory.NODE, AttributeType.STRING);
        ex.registerAttribute("x", GraphMLExporter.AttributeCategory.NODE, AttributeType.DOUBLE);
        ex.registerAttribute("y", GraphMLExporter.AttributeCategory.NODE, AttributeType.DOUBLE);
        ex.registerAttribute("group", GraphMLExporter.AttributeCategory.NODE, AttributeType.STRING);
        ex.registerAttribute("bandwidth", GraphMLExporter.AttributeCategory.EDGE, AttributeType.STRING);
        ex.registerAttribute("duplex", GraphMLExporter.AttributeCategory.EDGE, AttributeType.BOOLEAN);
        ex.registerAttribute("latency_us", GraphMLExporter.AttributeCategory.EDGE, AttributeType.DOUBLE);
        ex.setGraphAttributeProvider(() -> {
            Map<String, Attribute> m = new LinkedHashMap<>();
            if (t.name() != null) {
                m.put("name", DefaultAttribute.createAttribute(t.name()));
            }
            if (t.units() != null) {
                m.put("units", DefaultAttribute.createAttribute(t.units()));
            }
            return m;
        });
        ex.setVertexAttributeProvider(v -> {
            Node n = byId.get(v);
            Map<String, Attribute> m = new LinkedHashMap<>();
            m.put("kind", DefaultAttribute.createAttribute(n.kind().jsonName()));
            if (n.label() != null) {
                m.put("label", DefaultAttribute.createAttribute(n.label()));
            }
            if (n.x() != null && Double.isFinite(n.x())) {
                m.put("x", DefaultAttribute.createAttribute(n.x()));
            }
            if (n.y() != null && Double.isFinite(n.y())) {
                m.put("y", DefaultAttribute.createAttribute(n.y()));
            }
            if (n.group() != null) {
                m.put("group", DefaultAttribute.createAttribute(n.group()));
            }
            return m;
        });
        ex.setEdgeAttributeProvider(e -> {
            Link l = t.links().get(e);
            Map<String, Attribute> m = new LinkedHashMap<>();
            m.put("bandwidth", DefaultAttribute.createAttribute(l.bandwidth().toString()));
            m.put("duplex", DefaultAttribute.createAttribute(l.duplex()));
            if (l.latencyUs() != null && Double.isFinite(l.latencyUs())) {
                m.put("latency_us", DefaultAttribute.createAttribute(l.latencyUs()));
            }
            return m;
        });
        StringWriter w = new StringWriter();
        ex.exportGraph(g, w);
        return withGraphData(w.toString(), t);
    }

    /**
     * JGraphT 1.5.2's exporter declares graph keys but writes no graph data: add the name and units
     * right after the graph's start tag, escaped.
     */
    private static String withGraphData(String xml, Topology t) {
        StringBuilder data = new StringBuilder();
        for (String[] kv : new String[][] {{"name", t.name()}, {"units", t.units()}}) {
            if (kv[1] == null) {
                continue;
            }
            java.util.regex.Matcher m = java.util.regex.Pattern
                    .compile("<key id=\"([^\"]+)\" for=\"graph\" attr.name=\"" + kv[0] + "\"").matcher(xml);
            if (!m.find()) {
                throw new IllegalStateException("no graph key for " + kv[0]);
            }
            data.append("\n        <data key=\"").append(m.group(1)).append("\">").append(escape(kv[1])).append("</data>");
        }
        int graph = xml.indexOf("<graph ");
        int end = xml.indexOf('>', graph);
        return xml.substring(0, end + 1) + data + xml.substring(end + 1);
    }

    private static String escape(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    /**
     * Refuses (naming the node or link) a topology whose text XML cannot carry unchanged, so export never
     * writes a file import refuses or reads differently: ids (attributes) may not hold control
     * characters, tab, newline or carriage return (a parser turns them into spaces), other text no
     * control characters but tab and newline; no text may hold an unpaired surrogate or U+FFFE/U+FFFF.
     */
    public static void checkWritable(Topology t) throws InvalidInputException {
        for (int i = 0; i < t.nodes().size(); i++) {
            Node n = t.nodes().get(i);
            String where = "node " + Messages.quote(n.id());
            xmlText(n.id(), true, where + ": id");
            xmlText(n.label(), false, where + ": label");
            xmlText(n.group(), false, where + ": group");
        }
        xmlText(t.name(), false, "name");
        xmlText(t.units(), false, "units");
    }

    private static void xmlText(String s, boolean attribute, String where) throws InvalidInputException {
        if (s == null) {
            return;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok;
            if (Character.isHighSurrogate(c)) {
                ok = i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
                i += ok ? 1 : 0;
            } else if (Character.isLowSurrogate(c)) {
                ok = false;
            } else if (c < 0x20) {
                ok = !attribute && (c == '\t' || c == '\n');
            } else {
                ok = c != '\uFFFE' && c != '\uFFFF';
            }
            if (!ok) {
                throw new InvalidInputException(where + " holds " + String.format("U+%04X", (int) c)
                        + " at character " + i + ", which GraphML (XML 1.0) cannot carry" + (attribute ? " in an id" : "")
                        + "; rename it to export");
            }
        }
    }

    /** Writes {@link #toGraphMl} atomically. */
    public static void write(Topology t, Path file) throws IOException {
        AtomicFiles.writeString(file, toGraphMl(t));
    }

    // ---------------------------------------------------------------- import

    public static Result read(Path file, Defaults defaults) throws InvalidInputException, NoSuchFileException {
        return read(file, defaults, HardenedXml.DEFAULT_MAX_BYTES);
    }

    public static Result read(Path file, Defaults defaults, long maxBytes)
            throws InvalidInputException, NoSuchFileException {
        byte[] bytes = HardenedXml.read(file, maxBytes);
        return parse(bytes, file.getFileName().toString(), defaults);
    }

    /** Imports GraphML and validates the topology (formats.md); what names the input in messages. */
    public static Result parse(byte[] bytes, String what, Defaults defaults) throws InvalidInputException {
        // The hardened parse first: nothing with a DTD, an entity or malformed XML reaches JGraphT.
        Document doc = HardenedXml.parse(bytes, what);
        Element root = doc.getDocumentElement();
        if (!root.getLocalName().equals("graphml")) {
            throw new InvalidInputException(what + ": root element <" + NcclTopologyImporter.clip(root.getTagName())
                    + "> is not <graphml>");
        }
        NodeList graphs = doc.getElementsByTagNameNS("*", "graph");
        if (graphs.getLength() != 1) {
            throw new InvalidInputException(what + ": " + (graphs.getLength() == 0 ? "no <graph> element"
                    : graphs.getLength() + " <graph> elements (nested graphs are not supported); expected one"));
        }
        boolean undirected = "undirected".equals(((Element) graphs.item(0)).getAttribute("edgedefault"));
        Map<String, Boolean> edgeDirected = new HashMap<>();
        NodeList edgeElements = doc.getElementsByTagNameNS("*", "edge");
        for (int i = 0; i < edgeElements.getLength(); i++) {
            Element e = (Element) edgeElements.item(i);
            if (e.hasAttribute("directed")) {
                edgeDirected.put(Integer.toString(i), "true".equals(e.getAttribute("directed")));
            }
        }

        List<String> ids = new ArrayList<>();
        Map<String, Map<String, Attribute>> nodeAttrMap = new HashMap<>();
        List<Triple<String, String, Double>> edges = new ArrayList<>();
        Map<Triple<String, String, Double>, Map<String, Attribute>> edgeAttrMap = new IdentityHashMap<>();
        GraphMLEventDrivenImporter im = new GraphMLEventDrivenImporter();
        im.setSchemaValidation(false);
        im.addVertexConsumer(ids::add);
        im.addVertexAttributeConsumer((p, a) -> nodeAttrMap.computeIfAbsent(p.getFirst(), k -> new HashMap<>())
                .put(p.getSecond(), a));
        im.addEdgeConsumer(edges::add);
        im.addEdgeAttributeConsumer((p, a) -> edgeAttrMap.computeIfAbsent(p.getFirst(), k -> new HashMap<>())
                .put(p.getSecond(), a));
        try {
            // the encoding the hardened parser found (BOM or declaration): UTF-16 GraphML reads too
            java.nio.charset.Charset cs = StandardCharsets.UTF_8;
            if (doc.getInputEncoding() != null) {
                try {
                    cs = java.nio.charset.Charset.forName(doc.getInputEncoding());
                } catch (RuntimeException e) {
                    // keep UTF-8
                }
            }
            String text = new String(bytes, cs);
            if (text.startsWith("\uFEFF")) {
                text = text.substring(1); // a byte order mark, decoded
            }
            im.importInput(new java.io.StringReader(text));
        } catch (ImportException | IllegalArgumentException e) {
            Throwable c = e.getCause() != null ? e.getCause() : e;
            throw new InvalidInputException(what + ": not GraphML JGraphT can read: "
                    + Messages.clip(String.valueOf(c.getMessage()), 200), e);
        }

        List<Map<String, Attribute>> nodeAttrs = new ArrayList<>();
        for (String id : ids) {
            nodeAttrs.add(nodeAttrMap.getOrDefault(id, Map.of()));
        }
        List<String[]> edgeEnds = new ArrayList<>();
        List<Map<String, Attribute>> edgeAttrs = new ArrayList<>();
        for (Triple<String, String, Double> e : edges) {
            edgeEnds.add(new String[] {e.getFirst(), e.getSecond()});
            edgeAttrs.add(edgeAttrMap.getOrDefault(e, Map.of()));
        }
        Map<String, String> graphAttrs = graphData(doc);
        Map<String, Integer> assumed = new LinkedHashMap<>();
        List<Node> nodes = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            String where = "node " + NcclTopologyImporter.clip(id);
            if (!seen.add(id)) {
                throw new InvalidInputException(where + ": duplicate id");
            }
            Map<String, Attribute> a = nodeAttrs.get(i);
            NodeKind kind;
            String k = value(a, "kind");
            if (k != null) {
                kind = NodeKind.fromJson(k.strip());
                if (kind == null) {
                    throw new InvalidInputException(where + ": kind " + NcclTopologyImporter.quote(k)
                            + " is not \"accelerator\" or \"switch\"");
                }
            } else if (defaults.kind() != null) {
                kind = defaults.kind();
                assumed.merge("nodes without a kind key are " + kind.jsonName() + "s (--default-kind)", 1, Integer::sum);
            } else {
                throw new InvalidInputException(where + ": no kind (give the GraphML a \"kind\" key with accelerator or "
                        + "switch, or use --default-kind)");
            }
            Double x = number(a, "x", where);
            Double y = number(a, "y", where);
            nodes.add(new Node(id, kind, value(a, "label"), x, y, value(a, "group")));
        }
        List<Link> links = new ArrayList<>();
        for (int i = 0; i < edgeEnds.size(); i++) {
            String from = edgeEnds.get(i)[0];
            String to = edgeEnds.get(i)[1];
            String where = "edge #" + i + " (" + NcclTopologyImporter.clip(from) + "->" + NcclTopologyImporter.clip(to) + ")";
            Map<String, Attribute> a = edgeAttrs.get(i);
            String b = value(a, "bandwidth");
            Rational bw;
            if (b != null) {
                try {
                    bw = ExactNumbers.parse(b); // ASCII digits only, as the JSON reader
                } catch (NumberFormatException e) {
                    throw new InvalidInputException(where + ": bandwidth " + NcclTopologyImporter.quote(b)
                            + " is not a number");
                }
            } else if (defaults.bandwidth() != null) {
                bw = defaults.bandwidth();
                assumed.merge("edges without a bandwidth key have " + bw + " per direction (--default-bandwidth)", 1,
                        Integer::sum);
            } else {
                throw new InvalidInputException(where + ": no bandwidth (give the GraphML a \"bandwidth\" key, or use "
                        + "--default-bandwidth)");
            }
            if (bw.signum() <= 0) {
                throw new InvalidInputException(where + ": bandwidth " + bw + " is not positive");
            }
            String d = value(a, "duplex");
            boolean duplex;
            if (d != null) {
                if (!d.strip().equals("true") && !d.strip().equals("false")) {
                    throw new InvalidInputException(where + ": duplex " + NcclTopologyImporter.quote(d)
                            + " is not true or false");
                }
                duplex = d.strip().equals("true");
            } else {
                Boolean directed = edgeDirected.get(Integer.toString(i));
                if (directed != null) {
                    duplex = !directed;
                    assumed.merge("edges without a duplex key follow their directed attribute", 1, Integer::sum);
                } else if (undirected) {
                    duplex = true;
                    assumed.merge("edges without a duplex key in an undirected graph are duplex", 1, Integer::sum);
                } else {
                    duplex = !defaults.oneWay();
                    assumed.merge("edges without a duplex key are " + (duplex ? "duplex (cables; --one-way to change)"
                            : "one-way (--one-way)"), 1, Integer::sum);
                }
            }
            Double latency = number(a, "latency_us", where);
            if (latency != null && latency < 0) {
                throw new InvalidInputException(where + ": latency_us " + latency + " is negative");
            }
            links.add(new Link(from, to, bw, duplex, latency));
        }
        String name = graphAttrs.get("name");
        String units = graphAttrs.get("units");
        if (units == null && defaults.bandwidth() != null) {
            units = "GB/s";
        }
        Topology t = new Topology(name, units, nodes, links);
        TopologyJson.check(t);
        List<String> report = new ArrayList<>();
        for (Map.Entry<String, Integer> e : assumed.entrySet()) {
            report.add(e.getKey() + " (" + e.getValue() + "×)");
        }
        return new Result(t, report);
    }

    /** The graph's own data (JGraphT's importer reports none): attr.name → text. */
    private static Map<String, String> graphData(Document doc) {
        Map<String, String> keyNames = new HashMap<>();
        NodeList keys = doc.getElementsByTagNameNS("*", "key");
        for (int i = 0; i < keys.getLength(); i++) {
            Element k = (Element) keys.item(i);
            if (k.getAttribute("for").equals("graph") && k.hasAttribute("attr.name")) {
                keyNames.put(k.getAttribute("id"), k.getAttribute("attr.name"));
            }
        }
        Map<String, String> out = new HashMap<>();
        Element graph = (Element) doc.getElementsByTagNameNS("*", "graph").item(0);
        for (org.w3c.dom.Node c = graph.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c instanceof Element e && "data".equals(e.getLocalName()) && keyNames.containsKey(e.getAttribute("key"))) {
                out.put(keyNames.get(e.getAttribute("key")), e.getTextContent());
            }
        }
        return out;
    }

    private static String value(Map<String, Attribute> a, String key) {
        Attribute v = a.get(key);
        return v == null ? null : v.getValue();
    }

    private static Double number(Map<String, Attribute> a, String key, String where) throws InvalidInputException {
        String v = value(a, key);
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            double d = Double.parseDouble(v.strip());
            if (!Double.isFinite(d)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new InvalidInputException(where + ": " + key + " " + NcclTopologyImporter.quote(v)
                    + " is not a finite number");
        }
    }
}
