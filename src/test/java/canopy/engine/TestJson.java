package canopy.engine;

import canopy.model.Link;
import canopy.model.Node;
import canopy.model.NodeKind;
import canopy.model.Rational;
import canopy.model.Schedule;
import canopy.model.ScheduleTree;
import canopy.model.Topology;
import canopy.model.TreeEdge;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** A tiny formats.md reader / writer for tests only (canopy.io is written elsewhere). */
final class TestJson {
    static final Path SHARED = Path.of("../shared");
    static final Path TOPOLOGIES = SHARED.resolve("topologies");
    static final Path VERIFY_PY = Path.of("/work/shared/tools/verify_schedule.py");
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private TestJson() {
    }

    /** The reference topology files (expected.json excluded), sorted; empty when the folder is missing. */
    static List<Path> sharedTopologies() throws IOException {
        if (!Files.isDirectory(TOPOLOGIES)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(TOPOLOGIES)) {
            return s.filter(p -> p.toString().endsWith(".json") && !p.getFileName().toString().equals("expected.json"))
                    .sorted().toList();
        }
    }

    static String stem(Path p) {
        String f = p.getFileName().toString();
        return f.substring(0, f.length() - ".json".length());
    }

    static JsonNode expected() throws IOException {
        return MAPPER.readTree(TOPOLOGIES.resolve("expected.json").toFile());
    }

    static Rational number(JsonNode n) {
        return n.isTextual() ? Rational.parse(n.asText()) : Rational.of(n.decimalValue());
    }

    static Topology readTopology(Path p) throws IOException {
        JsonNode doc = MAPPER.readTree(p.toFile());
        List<Node> nodes = new ArrayList<>();
        for (JsonNode n : doc.get("nodes")) {
            nodes.add(new Node(n.get("id").asText(), NodeKind.fromJson(n.get("kind").asText()),
                    n.hasNonNull("label") ? n.get("label").asText() : null,
                    n.hasNonNull("x") ? n.get("x").asDouble() : null, n.hasNonNull("y") ? n.get("y").asDouble() : null,
                    n.hasNonNull("group") ? n.get("group").asText() : null));
        }
        List<Link> links = new ArrayList<>();
        for (JsonNode l : doc.get("links")) {
            links.add(new Link(l.get("from").asText(), l.get("to").asText(), number(l.get("bandwidth")),
                    l.path("duplex").asBoolean(false),
                    l.hasNonNull("latency_us") ? l.get("latency_us").asDouble() : null));
        }
        return new Topology(doc.path("name").asText(null), doc.path("units").asText(null), nodes, links);
    }

    static void writeTopology(Topology t, Path p) throws IOException {
        ObjectNode doc = MAPPER.createObjectNode();
        doc.put("format", "topology/1");
        doc.put("name", t.name());
        ArrayNode nodes = doc.putArray("nodes");
        for (Node n : t.nodes()) {
            nodes.addObject().put("id", n.id()).put("kind", n.kind().jsonName());
        }
        ArrayNode links = doc.putArray("links");
        for (Link l : t.links()) {
            links.addObject().put("from", l.from()).put("to", l.to()).put("bandwidth", l.bandwidth().toString())
                    .put("duplex", l.duplex());
        }
        MAPPER.writeValue(p.toFile(), doc);
    }

    static void writeSchedule(Schedule s, Path p) throws IOException {
        ObjectNode doc = MAPPER.createObjectNode();
        doc.put("format", "schedule/1");
        doc.put("collective", s.collective().jsonName());
        doc.put("algorithm", s.algorithm());
        doc.put("topology", s.topologyName());
        doc.put("accelerators", s.accelerators());
        doc.put("algbw", s.algbw().toDouble());
        doc.put("algbw_exact", s.algbw().toString());
        ArrayNode trees = doc.putArray("trees");
        for (ScheduleTree t : s.trees()) {
            ObjectNode o = trees.addObject();
            o.put("root", t.root()).put("phase", t.phase().jsonName()).put("stage", t.stage())
                    .put("direction", t.direction().jsonName()).put("share", t.share().toString());
            ArrayNode edges = o.putArray("edges");
            for (TreeEdge e : t.edges()) {
                ArrayNode path = edges.addObject().put("from", e.from()).put("to", e.to()).putArray("path");
                e.path().forEach(path::add);
            }
        }
        MAPPER.writeValue(p.toFile(), doc);
    }

    /** Runs verify_schedule.py; returns its JSON output, or null when python3 or the tool is missing. */
    static JsonNode runPythonVerifier(Path topo, Path sched, boolean expectOptimal) throws Exception {
        if (!Files.isRegularFile(VERIFY_PY)) {
            return null;
        }
        List<String> cmd = new ArrayList<>(List.of("python3", VERIFY_PY.toString(), topo.toString(), sched.toString()));
        if (expectOptimal) {
            cmd.add("--expect-optimal");
        }
        Process proc;
        try {
            proc = new ProcessBuilder(cmd).redirectErrorStream(false).start();
        } catch (IOException e) {
            return null; // no python3
        }
        String out = new String(proc.getInputStream().readAllBytes());
        proc.waitFor();
        return MAPPER.readTree(out);
    }
}
