package canopy.io;

import canopy.model.TopologyValidator;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import canopy.model.Schedule;
import canopy.model.Topology;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;

/**
 * Random damage to valid files: the readers must return a value or throw InvalidInputException with a
 * one-line message, never another exception and never hang. Accepted results must round-trip.
 */
class FuzzTest {
    private static final ObjectMapper M = new ObjectMapper();
    private static final String RAW = "\u0000RAW\u0000";
    private static final int BATCHES = 8;
    private static final int PER_BATCH = 500;

    /** Counts, to check the fuzzing reaches both outcomes. */
    private int accepted;
    private int rejected;

    private static List<String> topologySeeds() throws Exception {
        List<String> out = new ArrayList<>();
        for (Path p : TestData.referenceTopologies()) {
            out.add(Files.readString(p));
        }
        Random rnd = new Random(1);
        for (int i = 0; i < 3; i++) {
            out.add(TopologyJson.toJson(TestData.randomValid(rnd)));
        }
        return out;
    }

    @Test
    void topologyReaderSurvivesDamage() throws Exception {
        List<String> seeds = topologySeeds();
        Random rnd = new Random(20240611L);
        for (int b = 0; b < BATCHES; b++) {
            assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
                for (int i = 0; i < PER_BATCH; i++) {
                    String input = mutate(seeds.get(rnd.nextInt(seeds.size())), rnd);
                    tryTopology(input);
                }
            }, "hang guard");
        }
        assertTrue(accepted > 100, "some mutants are still valid: " + accepted);
        assertTrue(rejected > 1000, "most mutants are rejected: " + rejected);
    }

    @Test
    void scheduleReaderSurvivesDamage() throws Exception {
        List<String> seeds = List.of(ScheduleJson.toJson(TestData.sampleSchedule()));
        Random rnd = new Random(99);
        for (int b = 0; b < BATCHES; b++) {
            assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
                for (int i = 0; i < PER_BATCH; i++) {
                    trySchedule(mutate(seeds.get(0), rnd));
                }
            }, "hang guard");
        }
        assertTrue(accepted > 100, "some mutants are still valid: " + accepted);
        assertTrue(rejected > 1000, "most mutants are rejected: " + rejected);
    }

    private void tryTopology(String input) {
        Topology t;
        try {
            t = TopologyJson.parseUnchecked(input);
        } catch (InvalidInputException e) {
            checkMessage(e, input);
            return;
        } catch (Throwable e) {
            throw new AssertionError("unexpected " + e + " for input:\n" + clip(input), e);
        }
        try {
            // The validator works on whatever the structural reader accepts.
            List<TopologyValidator.Problem> problems = TopologyValidator.problems(t);
            for (TopologyValidator.Problem p : problems) {
                assertFalse(p.message().isBlank() || p.message().contains("\n"), p.toString());
            }
            Topology checked = TopologyJson.parse(input);
            assertTrue(problems.isEmpty());
            assertEquals(checked, TopologyJson.parse(TopologyJson.toJson(checked)), "round trip");
            accepted++;
        } catch (InvalidInputException e) {
            checkMessage(e, input);
        } catch (AssertionError e) {
            throw e;
        } catch (Throwable e) {
            throw new AssertionError("unexpected " + e + " for input:\n" + clip(input), e);
        }
    }

    private void trySchedule(String input) {
        try {
            Schedule s = ScheduleJson.parse(input);
            assertEquals(s, ScheduleJson.parse(ScheduleJson.toJson(s)), "round trip");
            accepted++;
        } catch (InvalidInputException e) {
            checkMessage(e, input);
        } catch (AssertionError e) {
            throw e;
        } catch (Throwable e) {
            throw new AssertionError("unexpected " + e + " for input:\n" + clip(input), e);
        }
    }

    private void checkMessage(InvalidInputException e, String input) {
        String m = e.getMessage();
        if (m == null || m.isBlank() || m.contains("\n") || m.contains("\r") || m.length() > 500) {
            fail("bad message [" + m + "] for input:\n" + clip(input));
        }
        rejected++;
    }

    private static String clip(String s) {
        return s.length() > 2000 ? s.substring(0, 2000) + "..." : s;
    }

    // ---------------------------------------------------------------- mutations

    static String mutate(String seed, Random rnd) throws Exception {
        String s = seed;
        int rounds = 1 + (rnd.nextInt(4) == 0 ? rnd.nextInt(3) : 0);
        for (int r = 0; r < rounds; r++) {
            s = rnd.nextInt(5) < 2 ? textMutation(s, rnd) : structuralMutation(s, rnd);
        }
        return s;
    }

    private static final String JSONISH = "{}[]\",:0123456789-+.eE/ \\tnulfasr\u00e9\u0000\n";

    private static String textMutation(String s, Random rnd) {
        if (s.isEmpty()) {
            return "{";
        }
        StringBuilder sb = new StringBuilder(s);
        int at = rnd.nextInt(sb.length());
        switch (rnd.nextInt(6)) {
            case 0: // flip a character
                sb.setCharAt(at, (char) (sb.charAt(at) ^ (1 << rnd.nextInt(7))));
                break;
            case 1: // delete a run
                sb.delete(at, Math.min(sb.length(), at + 1 + rnd.nextInt(20)));
                break;
            case 2: // insert JSON-ish characters
                for (int k = 1 + rnd.nextInt(5); k > 0; k--) {
                    sb.insert(at, JSONISH.charAt(rnd.nextInt(JSONISH.length())));
                }
                break;
            case 3: // cut the file short
                sb.setLength(at);
                break;
            case 4: // duplicate a run
                int end = Math.min(sb.length(), at + 1 + rnd.nextInt(60));
                sb.insert(end, sb.substring(at, end));
                break;
            default: // replace with a random character, any code point
                sb.setCharAt(at, (char) rnd.nextInt(0xFFFF));
                break;
        }
        return sb.toString();
    }

    private static String structuralMutation(String s, Random rnd) throws Exception {
        JsonNode root;
        try {
            root = M.readTree(s);
        } catch (Exception e) {
            return textMutation(s, rnd);
        }
        if (root == null || !root.isContainerNode()) {
            return textMutation(s, rnd);
        }
        List<JsonNode> containers = new ArrayList<>();
        collect(root, containers);
        JsonNode target = containers.get(rnd.nextInt(containers.size()));
        String raw = null;
        if (target.isObject() && target.size() > 0) {
            ObjectNode o = (ObjectNode) target;
            List<String> names = new ArrayList<>();
            for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
                names.add(it.next());
            }
            String f = names.get(rnd.nextInt(names.size()));
            switch (rnd.nextInt(13)) {
                case 0:
                    o.remove(f);
                    break;
                case 1:
                    o.put(f, 0);
                    break;
                case 2:
                    o.put(f, -1);
                    break;
                case 3:
                    raw = "1e308";
                    break;
                case 4:
                    raw = "1e-308";
                    break;
                case 5:
                    o.put(f, "text");
                    break;
                case 6:
                    raw = "9".repeat(1 + rnd.nextInt(rnd.nextBoolean() ? 40 : 3000));
                    break;
                case 7:
                    o.put(f, "1" + "0".repeat(rnd.nextInt(200)) + (rnd.nextBoolean() ? "/3" : "e-" + rnd.nextInt(999999)));
                    break;
                case 8:
                    raw = "[".repeat(1 + rnd.nextInt(1500)) + "]".repeat(0);
                    break;
                case 9: // wrong types
                    switch (rnd.nextInt(5)) {
                        case 0 -> o.putArray(f).add(1);
                        case 1 -> o.putObject(f).put("x", 1);
                        case 2 -> o.put(f, true);
                        case 3 -> o.putNull(f);
                        default -> o.put(f, 2.5);
                    }
                    break;
                case 10:
                    o.put(f, String.valueOf(rnd.nextInt(7) - 3) + "/" + (rnd.nextInt(5) - 1));
                    break;
                case 11:
                    raw = rnd.nextBoolean() ? "1e999999999" : "-0.0";
                    break;
                default:
                    o.put(f + "_extra", "unknown field");
                    break;
            }
            if (raw != null) {
                o.put(f, RAW);
            }
        } else if (target.isArray() && target.size() > 0) {
            ArrayNode a = (ArrayNode) target;
            int i = rnd.nextInt(a.size());
            switch (rnd.nextInt(4)) {
                case 0 -> a.remove(i);
                case 1 -> a.add(a.get(i).deepCopy());
                case 2 -> a.insert(i, "stray");
                default -> {
                    a.insert(i, RAW);
                    raw = "[".repeat(1 + rnd.nextInt(1500));
                }
            }
        }
        String out = M.writeValueAsString(root);
        if (raw != null) {
            String r = raw.startsWith("[") ? raw + "]".repeat(raw.length()) : raw;
            out = out.replace("\"\\u0000RAW\\u0000\"", r);
        }
        return out;
    }

    private static void collect(JsonNode n, List<JsonNode> out) {
        if (n.isContainerNode()) {
            out.add(n);
            for (JsonNode c : n) {
                collect(c, out);
            }
        }
    }
}
