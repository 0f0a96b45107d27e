package canopy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** validate and bound refuse every file of the bad-topology corpus: exit 2, one line naming the culprit. */
class BadTopologiesCliTest {
    static final Path CORPUS = Path.of("src/test/resources/bad-topologies");

    static List<String[]> index() throws Exception {
        List<String[]> out = new ArrayList<>();
        for (String line : Files.readAllLines(CORPUS.resolve("expected.txt"), StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            out.add(line.split("\t", 2));
        }
        return out;
    }

    @TestFactory
    Stream<DynamicTest> validateAndBoundExitTwoWithOneLine() throws Exception {
        return index().stream().flatMap(e -> Stream.of("validate", "bound").map(cmd ->
                DynamicTest.dynamicTest(cmd + " " + e[0], () -> {
                    CliRun r = CliRun.of(cmd, CORPUS.resolve(e[0]).toString());
                    assertEquals(2, r.exit, r.toString());
                    assertEquals(1, r.err.lines().count(), r.toString());
                    assertTrue(r.err.startsWith("canopy: "), r.err);
                    assertTrue(r.err.contains(e[1]), "[" + e[1] + "] not in " + r.err);
                    assertFalse(r.err.contains("\tat ") || r.err.contains("Exception"), r.err);
                    if (cmd.equals("bound")) {
                        assertEquals("", r.out);
                    }
                })));
    }
}
