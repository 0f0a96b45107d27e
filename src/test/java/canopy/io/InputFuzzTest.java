package canopy.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import canopy.engine.ForestScheduler;
import canopy.engine.RingScheduler;
import canopy.engine.ScheduleVerifier;
import canopy.model.Collective;
import canopy.model.NodeKind;
import canopy.model.Rational;
import canopy.model.Schedule;
import canopy.model.Topology;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Issue 11's fuzz suite, beside the topology fuzz ({@link FuzzTest}): schedule files read against their
 * topology (and verified when accepted), NCCL topology XML and GraphML, each from valid seeds by random
 * damage and by the generators of the hostile cases, scaled down (deep nesting, many elements,
 * long paths, ever new ids, huge denominators, control characters). Fixed seeds; a few seconds in all.
 * Every input must give a value or an InvalidInputException with one short line, in bounded time.
 */
class InputFuzzTest {
    private static final Duration GUARD = Duration.ofSeconds(60);
    private int accepted;
    private int rejected;

    private void refused(InvalidInputException e, String input) {
        String m = e.getMessage();
        if (m == null || m.isBlank() || m.contains("\n") || m.contains("\r") || m.length() > 600
                || m.contains("\u001b") || m.contains("REDACTED")) {
            fail("bad message [" + m + "] for input:\n" + (input.length() > 1500 ? input.substring(0, 1500) : input));
        }
        rejected++;
    }

    // ---------------------------------------------------------------- schedules

    @Test
    void scheduleFilesAgainstTheirTopology() throws Exception {
        Topology t = TopologyJson.read(Path.of("sample-topologies/two-boxes.json"));
        List<String> seeds = List.of(
                ScheduleJson.toJson(new ForestScheduler().schedule(t, Collective.ALLREDUCE, 0)),
                ScheduleJson.toJson(RingScheduler.schedule(t, Collective.ALLGATHER)));
        Random rnd = new Random(1111);
        assertTimeoutPreemptively(GUARD, () -> {
            for (int i = 0; i < 400; i++) {
                String input = i % 10 == 9 ? hostileSchedule(rnd) : FuzzTest.mutate(seeds.get(rnd.nextInt(2)), rnd);
                trySchedule(t, input);
            }
        });
        assertTrue(accepted > 20, "some mutants are still valid: " + accepted);
        assertTrue(rejected > 200, "most are refused: " + rejected);
    }

    private void trySchedule(Topology t, String input) {
        Schedule s;
        try {
            s = ScheduleJson.parse(input, t);
        } catch (InvalidInputException e) {
            refused(e, input);
            return;
        } catch (Throwable e) {
            throw new AssertionError("unexpected " + e + " for input:\n" + input.substring(0, Math.min(1500, input.length())), e);
        }
        ScheduleVerifier.VerificationResult v = ScheduleVerifier.verify(t, s);
        for (String p : v.problems()) {
            assertFalse(p.contains("\n"), p);
        }
        try {
            assertEquals(s, ScheduleJson.parse(ScheduleJson.toJson(s), t), "round trip");
        } catch (InvalidInputException e) {
            throw new AssertionError("the writer wrote what the reader refuses: " + e.getMessage(), e);
        }
        accepted++;
    }

    /** One of issue 11's hostile schedules, small. */
    private static String hostileSchedule(Random rnd) {
        String head = "{\"collective\": \"allgather\", \"algorithm\": \"x\", \"accelerators\": 8, \"algbw\": 1, ";
        String e = "{\"from\": \"box0-gpu0\", \"to\": \"box0-gpu1\"";
        switch (rnd.nextInt(7)) {
            case 0: { // a long path
                return head + "\"trees\": [{\"root\": \"box0-gpu0\", \"phase\": \"allgather\", \"share\": 1, \"edges\": ["
                        + e + ", \"path\": [\"box0-gpu0\"" + ", \"box0-nvs\"".repeat(20_000) + ", \"box0-gpu1\"]}]}]}";
            }
            case 1: { // ever new ids
                StringBuilder sb = new StringBuilder(head + "\"bottleneck_cut\": [");
                for (int i = 0; i < 5_000; i++) {
                    sb.append(i == 0 ? "" : ",").append("\"id").append(i).append('"');
                }
                return sb.append("], \"trees\": []}").toString();
            }
            case 2: { // unknown fields, deep and wide
                return "{\"x\": " + "[".repeat(900) + "]".repeat(900) + ", \"y\": {\"z\": [" + "1,".repeat(20_000) + "1]}, "
                        + head.substring(1) + "\"trees\": []}";
            }
            case 3: { // many huge coprime denominators
                StringBuilder sb = new StringBuilder(head + "\"trees\": [");
                BigInteger d = BigInteger.TEN.pow(300 + rnd.nextInt(690));
                for (int i = 0; i < 40; i++) {
                    d = d.add(BigInteger.ONE);
                    sb.append(i == 0 ? "" : ",").append("{\"root\": \"box0-gpu0\", \"phase\": \"allgather\", \"share\": \"1/")
                            .append(d).append("\", \"edges\": [").append(e).append("}]}");
                }
                return sb.append("]}").toString();
            }
            case 4: { // control characters, newlines and ANSI escapes in ids
                return head + "\"trees\": [{\"root\": \"gpu\\ncanopy: ok\\u001b[31m" + "x".repeat(rnd.nextInt(5000))
                        + "\", \"phase\": \"allgather\", \"share\": 1, \"edges\": []}]}";
            }
            case 5: { // too many edges for a tree
                return head + "\"trees\": [{\"root\": \"box0-gpu0\", \"phase\": \"allgather\", \"share\": 1, \"edges\": ["
                        + (e + "},").repeat(50) + e + "}]}]}";
            }
            default: { // lone surrogates
                return head + "\"trees\": [{\"root\": \"\\ud800" + "\", \"phase\": \"allgather\", \"share\": 1, \"edges\": []}]}";
            }
        }
    }

    // ---------------------------------------------------------------- NCCL XML

    private static final String XMLISH = "<>/=\" ?!-&;:x0123456789\u00e9\u0000\n\t";

    static String xmlMutation(String s, Random rnd) {
        StringBuilder sb = new StringBuilder(s);
        for (int r = 1 + (rnd.nextInt(3) == 0 ? rnd.nextInt(3) : 0); r > 0 && sb.length() > 0; r--) {
            int at = rnd.nextInt(sb.length());
            switch (rnd.nextInt(7)) {
                case 0 -> sb.setCharAt(at, (char) (sb.charAt(at) ^ (1 << rnd.nextInt(7))));
                case 1 -> sb.delete(at, Math.min(sb.length(), at + 1 + rnd.nextInt(30)));
                case 2 -> {
                    for (int k = 1 + rnd.nextInt(5); k > 0; k--) {
                        sb.insert(at, XMLISH.charAt(rnd.nextInt(XMLISH.length())));
                    }
                }
                case 3 -> sb.setLength(at);
                case 4 -> {
                    int end = Math.min(sb.length(), at + 1 + rnd.nextInt(400));
                    sb.insert(end, sb.substring(at, end));
                }
                case 5 -> { // an attribute value replaced
                    int q = sb.indexOf("=\"", at);
                    if (q >= 0) {
                        int close = sb.indexOf("\"", q + 2);
                        if (close > 0) {
                            String[] vals = {"", "-1", "x", "0x", "99999999999", "1e308", "\u0663\u0660", "16.0 GT/s PCIe",
                                    "0x068000", "0000:c1:00.0", "&amp;", "NaN"};
                            sb.replace(q + 2, close, vals[rnd.nextInt(vals.length)]);
                        }
                    }
                }
                default -> sb.setCharAt(at, (char) (1 + rnd.nextInt(0xD7FF)));
            }
        }
        return sb.toString();
    }

    @Test
    void ncclTopologyXml() throws Exception {
        String seed = Files.readString(Path.of("src/test/resources/canopy/io/nccl/dgx-a100.xml"));
        Random rnd = new Random(2222);
        assertTimeoutPreemptively(GUARD, () -> {
            for (int i = 0; i < 200; i++) {
                String input = i % 10 == 9 ? hostileNccl(rnd) : xmlMutation(seed, rnd);
                int nodes = rnd.nextInt(10) == 0 ? 4096 : 1 + rnd.nextInt(3);
                tryNccl(input, nodes);
            }
        });
        assertTrue(accepted > 20, "some mutants are still valid: " + accepted);
        assertTrue(rejected > 60, "most are refused: " + rejected);
    }

    private void tryNccl(String input, int nodes) {
        try {
            NcclTopologyImporter.Result r = NcclTopologyImporter.parse(input.getBytes(StandardCharsets.UTF_8), "f.xml", nodes);
            assertTrue(r.topology().nodes().size() <= NcclTopologyImporter.MAX_TOTAL_NODES);
            assertTrue(r.topology().links().size() <= NcclTopologyImporter.MAX_TOTAL_LINKS);
            accepted++;
        } catch (InvalidInputException e) {
            refused(e, input);
        } catch (Throwable e) {
            throw new AssertionError("unexpected " + e + " for input:\n" + input.substring(0, Math.min(1500, input.length())), e);
        }
    }

    private static String hostileNccl(Random rnd) {
        String gpu = "<pci busid=\"0000:%x:00.0\" class=\"0x030200\" link_speed=\"16.0 GT/s PCIe\" link_width=\"16\">"
                + "<gpu dev=\"%d\" sm=\"80\"/></pci>";
        switch (rnd.nextInt(4)) {
            case 0: {
                int depth = 50 + rnd.nextInt(3000);
                StringBuilder sb = new StringBuilder("<system><cpu numaid=\"0\">");
                for (int i = 0; i < depth; i++) {
                    sb.append("<pci busid=\"b").append(i).append("\" link_speed=\"8 GT/s\" link_width=\"8\">");
                }
                sb.append(String.format(gpu, 1, 1)).append("</pci>".repeat(depth));
                return sb.append(String.format(gpu, 2, 2)).append("</cpu></system>").toString();
            }
            case 1: {
                StringBuilder sb = new StringBuilder("<system>");
                for (int i = 0; i < 1200; i++) {
                    sb.append("<cpu numaid=\"").append(i).append("\">").append(String.format(gpu, i, i)).append("</cpu>");
                }
                return sb.append("</system>").toString();
            }
            case 2: {
                StringBuilder sb = new StringBuilder("<system><cpu numaid=\"0\">");
                for (int i = 0; i < 200; i++) {
                    sb.append(String.format(gpu, i, i));
                }
                return sb.append("</cpu></system>").toString();
            }
            default:
                return "<system><cpu numaid=\"0\">" + String.format(gpu, 1, 1) + String.format(gpu, 2, 1) + "</cpu></system>";
        }
    }

    // ---------------------------------------------------------------- GraphML

    @Test
    void graphMl() throws Exception {
        List<String> seeds = new ArrayList<>();
        try (var files = Files.list(Path.of("sample-topologies"))) {
            for (Path p : files.filter(f -> f.toString().endsWith(".json")).sorted().limit(4).toList()) {
                seeds.add(GraphMlTopology.toGraphMl(TopologyJson.read(p)));
            }
        }
        Random rnd = new Random(3333);
        for (int i = 0; i < 3; i++) {
            seeds.add(GraphMlTopology.toGraphMl(TestData.randomValid(rnd)));
        }
        assertTimeoutPreemptively(GUARD, () -> {
            for (int i = 0; i < 200; i++) {
                String input = i % 10 == 9 ? hostileGraphMl(rnd) : xmlMutation(seeds.get(rnd.nextInt(seeds.size())), rnd);
                GraphMlTopology.Defaults d = rnd.nextBoolean() ? GraphMlTopology.Defaults.NONE
                        : new GraphMlTopology.Defaults(NodeKind.ACCELERATOR, Rational.of(10), rnd.nextBoolean());
                byte[] bytes = input.getBytes(rnd.nextInt(8) == 0 ? StandardCharsets.UTF_16 : StandardCharsets.UTF_8);
                tryGraphMl(input, bytes, d);
            }
        });
        assertTrue(accepted > 20, "some mutants are still valid: " + accepted);
        assertTrue(rejected > 60, "most are refused: " + rejected);
    }

    private void tryGraphMl(String input, byte[] bytes, GraphMlTopology.Defaults d) {
        Topology t;
        try {
            t = GraphMlTopology.parse(bytes, "g.graphml", d).topology();
        } catch (InvalidInputException e) {
            refused(e, input);
            return;
        } catch (Throwable e) {
            throw new AssertionError("unexpected " + e + " for input:\n" + input.substring(0, Math.min(1500, input.length())), e);
        }
        try {
            GraphMlTopology.checkWritable(t);
        } catch (InvalidInputException e) {
            refused(e, input); // read, but not writable as GraphML: export says so
            return;
        }
        try {
            Topology back = GraphMlTopology.parse(GraphMlTopology.toGraphMl(t).getBytes(StandardCharsets.UTF_8),
                    "back.graphml", GraphMlTopology.Defaults.NONE).topology();
            assertEquals(t.nodes(), back.nodes(), "round trip");
            assertEquals(t.links(), back.links(), "round trip");
        } catch (InvalidInputException e) {
            throw new AssertionError("export wrote what import refuses: " + e.getMessage() + "\n" + input, e);
        }
        accepted++;
    }

    private static String hostileGraphMl(Random rnd) {
        String head = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">"
                + "<key id=\"b\" for=\"edge\" attr.name=\"bandwidth\" attr.type=\"string\"/>"
                + "<key id=\"k\" for=\"node\" attr.name=\"kind\" attr.type=\"string\"/><graph edgedefault=\"directed\">";
        switch (rnd.nextInt(4)) {
            case 0:
                return head + "<node id=\"a\">" + "<data key=\"k\">".repeat(2000) + "</data>".repeat(2000) + "</node></graph></graphml>";
            case 1: {
                StringBuilder sb = new StringBuilder(head);
                for (int i = 0; i < 3000; i++) {
                    sb.append("<node id=\"n").append(i).append("\"><data key=\"k\">accelerator</data></node>");
                }
                for (int i = 0; i < 3000; i++) {
                    sb.append("<edge source=\"n").append(i).append("\" target=\"n").append((i + 1) % 3000)
                            .append("\"><data key=\"b\">").append(rnd.nextBoolean() ? "\u0663\u0660" : "1/3").append("</data></edge>");
                }
                return sb.append("</graph></graphml>").toString();
            }
            case 2:
                return head + "<node id=\"a&#1;b\"><data key=\"k\">accelerator</data></node></graph></graphml>";
            default:
                return head + "<node id=\"a\"><data key=\"k\">accelerator</data></node><node id=\"a\"><data key=\"k\">switch</data>"
                        + "</node></graph></graphml>";
        }
    }
}
