package canopy.io;

import canopy.model.Rational;
import canopy.model.Schedule;
import canopy.model.ScheduleTree;
import canopy.model.TreeEdge;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.Iterator;
import java.util.Map;

/**
 * Writes a schedule/1 document as it goes, byte for byte what {@link Json#pretty} prints for the whole
 * document as one tree, without that tree: a million edges as nodes would take gigabytes. The small
 * parts (the top-level fields, a tree's own fields, a long path) are still printed from nodes by
 * Json's printer; only the long arrays (trees, edges) and the edge objects are written here. Objects
 * that hold other objects are never on one line, so trees with edges and a schedule with trees are
 * always spread out; an edge goes on one line when that line fits the printer's width.
 */
final class ScheduleWriter {
    /** Indentation depths as the printer counts them: the document 0, its fields 1, a tree 2, ... */
    private static final int TREE_DEPTH = 2;
    private static final int EDGE_DEPTH = 4;
    /** Text is handed to the output in pieces of about this many characters. */
    private static final int CHUNK = 1 << 16;

    private final Appendable out;
    private final StringBuilder sb = new StringBuilder(CHUNK + 1024);

    private ScheduleWriter(Appendable out) {
        this.out = out;
    }

    /** Appends the document, ending with a newline, to out. */
    static void write(Schedule s, Appendable out) throws IOException {
        new ScheduleWriter(out).document(s);
    }

    private void document(Schedule s) throws IOException {
        ObjectNode head = head(s);
        if (s.trees().isEmpty()) {
            head.putArray("trees");
            out.append(Json.pretty(head)); // small, and the printer may put it on one line
            return;
        }
        sb.append("{\n");
        fieldsBeforeLast(head, 0);
        sb.append(pad(1)).append("\"trees\": [\n");
        for (int i = 0; i < s.trees().size(); i++) {
            sb.append(pad(TREE_DEPTH));
            tree(s.trees().get(i));
            sb.append(i + 1 < s.trees().size() ? ",\n" : "\n");
        }
        sb.append(pad(1)).append("]\n}\n");
        out.append(sb);
    }

    /** The top-level fields but trees, in formats.md's order. */
    static ObjectNode head(Schedule s) {
        ObjectNode root = Json.object();
        root.put("format", ScheduleJson.FORMAT);
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
        return root;
    }

    /** The float beside an exact figure, for people and plots; null when it has no finite double. */
    private static void twin(ObjectNode root, String field, Rational r) {
        double d = r.toDouble();
        if (Double.isFinite(d)) {
            root.put(field, d);
        } else {
            root.putNull(field);
        }
    }

    private void tree(ScheduleTree t) throws IOException {
        ObjectNode head = Json.object();
        head.put("root", t.root());
        head.put("phase", t.phase().jsonName());
        head.put("stage", t.stage());
        head.put("direction", t.direction().jsonName());
        head.put("share", t.share().toString());
        if (t.edges().isEmpty()) {
            head.putArray("edges");
            Json.write(head, TREE_DEPTH, sb); // the printer may put it on one line
            return;
        }
        sb.append("{\n");
        fieldsBeforeLast(head, TREE_DEPTH);
        sb.append(pad(TREE_DEPTH + 1)).append("\"edges\": [\n");
        for (int i = 0; i < t.edges().size(); i++) {
            sb.append(pad(EDGE_DEPTH));
            edge(t.edges().get(i));
            sb.append(i + 1 < t.edges().size() ? ",\n" : "\n");
            if (sb.length() > CHUNK) {
                out.append(sb);
                sb.setLength(0);
            }
        }
        sb.append(pad(TREE_DEPTH + 1)).append("]\n").append(pad(TREE_DEPTH)).append('}');
    }

    /** {"from": .., "to": .., "path": [..]} on one line when it fits, else one field a line. */
    private void edge(TreeEdge e) {
        int start = sb.length();
        sb.append("{\"from\": ");
        Json.string(e.from(), sb);
        sb.append(", \"to\": ");
        Json.string(e.to(), sb);
        sb.append(", \"path\": [");
        for (int i = 0; i < e.path().size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            Json.string(e.path().get(i), sb);
        }
        sb.append("]}");
        if (sb.length() - start <= Json.INLINE_WIDTH - EDGE_DEPTH) {
            return;
        }
        sb.setLength(start);
        sb.append("{\n").append(pad(EDGE_DEPTH + 1)).append("\"from\": ");
        Json.string(e.from(), sb);
        sb.append(",\n").append(pad(EDGE_DEPTH + 1)).append("\"to\": ");
        Json.string(e.to(), sb);
        sb.append(",\n").append(pad(EDGE_DEPTH + 1)).append("\"path\": ");
        ArrayNode path = Json.NODES.arrayNode();
        e.path().forEach(path::add);
        Json.write(path, EDGE_DEPTH + 1, sb);
        sb.append('\n').append(pad(EDGE_DEPTH)).append('}');
    }

    /** Each field of an object at this depth, one a line, each followed by a comma: a last field follows. */
    private void fieldsBeforeLast(ObjectNode o, int depth) {
        Iterator<Map.Entry<String, JsonNode>> it = o.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> f = it.next();
            sb.append(pad(depth + 1));
            Json.string(f.getKey(), sb);
            sb.append(": ");
            Json.write(f.getValue(), depth + 1, sb);
            sb.append(",\n");
        }
    }

    private static final String[] PADS = {"", "  ", "    ", "      ", "        ", "          "};

    private static String pad(int depth) {
        return PADS[depth];
    }
}
