package canopy.ui;

import canopy.model.Link;
import canopy.model.Node;
import canopy.model.NodeKind;
import canopy.model.Rational;
import canopy.model.Topology;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * TEMPORARY: a small topology reader for the designer's first window, until canopy.io.TopologyJson lands;
 * then every caller switches to that and this class goes. It reads the fields the window draws (node id,
 * kind, x, y, label, group; link from, to, bandwidth as a number or text, duplex) and checks only what it
 * needs to draw, not the full rules of formats.md.
 */
final class SampleLoader {
    /** The sample the window opens first, from {@link #SAMPLES_DIR} or else the bundled copy. */
    static final String DEFAULT_SAMPLE = "two-boxes.json";
    static final Path SAMPLES_DIR = Path.of("sample-topologies");
    static final String BUNDLED_SAMPLE = "/canopy/samples/two-boxes.json";

    private static final ObjectMapper MAPPER =
            new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private SampleLoader() {
    }

    /**
     * The first topology to show: {@code dir/two-boxes.json}, else the first {@code *.json} in dir by name,
     * else the copy bundled on the class path.
     */
    static Topology loadInitial(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            Path preferred = dir.resolve(DEFAULT_SAMPLE);
            if (Files.isRegularFile(preferred)) {
                return load(preferred);
            }
            try (Stream<Path> files = Files.list(dir)) {
                Path first = files.filter(p -> p.getFileName().toString().endsWith(".json"))
                        .sorted().findFirst().orElse(null);
                if (first != null) {
                    return load(first);
                }
            }
        }
        return loadBundled();
    }

    static Topology loadBundled() throws IOException {
        try (InputStream in = SampleLoader.class.getResourceAsStream(BUNDLED_SAMPLE)) {
            if (in == null) {
                throw new IOException("missing class-path resource " + BUNDLED_SAMPLE);
            }
            return read(MAPPER.readTree(in), BUNDLED_SAMPLE);
        }
    }

    static Topology load(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(MAPPER.readTree(in), file.getFileName().toString());
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new IOException(file.getFileName() + ": not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static Topology read(JsonNode root, String source) throws IOException {
        if (root == null || !root.isObject()) {
            throw new IOException(source + ": not a topology (expected a JSON object)");
        }
        List<Node> nodes = new ArrayList<>();
        for (JsonNode n : root.path("nodes")) {
            String id = text(n, "id");
            if (id == null) {
                throw new IOException(source + ": a node has no id");
            }
            NodeKind kind = NodeKind.fromJson(n.path("kind").asText(""));
            if (kind == null) {
                throw new IOException(source + ": node " + id + " has unknown kind '" + n.path("kind").asText() + "'");
            }
            nodes.add(new Node(id, kind, text(n, "label"), number(n, "x"), number(n, "y"), text(n, "group")));
        }
        List<Link> links = new ArrayList<>();
        for (JsonNode l : root.path("links")) {
            String from = text(l, "from");
            String to = text(l, "to");
            if (from == null || to == null) {
                throw new IOException(source + ": a link lacks 'from' or 'to'");
            }
            JsonNode bw = l.path("bandwidth");
            Rational bandwidth;
            try {
                bandwidth = bw.isNumber() ? Rational.of(bw.decimalValue()) : Rational.parse(bw.asText(""));
            } catch (NumberFormatException e) {
                throw new IOException(source + ": link " + from + "->" + to + ": bad bandwidth: " + e.getMessage(), e);
            }
            links.add(new Link(from, to, bandwidth, l.path("duplex").asBoolean(false), number(l, "latency_us")));
        }
        return new Topology(text(root, "name"), text(root, "units"), nodes, links);
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static Double number(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v != null && v.isNumber() ? v.doubleValue() : null;
    }
}
