package canopy.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/** Every file in src/test/resources/bad-topologies is refused with the message fragment of expected.txt. */
class BadTopologiesTest {
    static final Path CORPUS = Path.of("src/test/resources/bad-topologies");

    /** file name and expected message fragment, from expected.txt. */
    static List<String[]> index() throws Exception {
        List<String[]> out = new ArrayList<>();
        for (String line : Files.readAllLines(CORPUS.resolve("expected.txt"), StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\t", 2);
            assertEquals(2, parts.length, "file<TAB>fragment: " + line);
            out.add(parts);
        }
        return out;
    }

    @Test
    void indexCoversEveryFileAndThereAreEnough() throws Exception {
        Set<String> listed = new TreeSet<>();
        for (String[] e : index()) {
            assertTrue(listed.add(e[0]), "listed twice: " + e[0]);
        }
        Set<String> present = new TreeSet<>();
        try (Stream<Path> s = Files.list(CORPUS)) {
            s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).forEach(present::add);
        }
        assertEquals(present, listed);
        assertTrue(listed.size() >= 20, "at least 20 bad files");
    }

    @TestFactory
    Stream<DynamicTest> eachBadFileIsRejectedNamingTheCulprit() throws Exception {
        return index().stream().map(e -> DynamicTest.dynamicTest(e[0], () -> {
            Path f = CORPUS.resolve(e[0]);
            InvalidInputException ex = assertThrows(InvalidInputException.class, () -> TopologyJson.read(f));
            String m = ex.getMessage();
            assertTrue(m.contains(e[1]), "message for " + e[0] + " should contain [" + e[1] + "] but is [" + m + "]");
            assertFalse(m.contains("\n"), m);
            assertTrue(m.length() < 400, m);
            // The same through parse(String), where the file reads as text.
            byte[] bytes = Files.readAllBytes(f);
            InvalidInputException ex2 = assertThrows(InvalidInputException.class,
                    () -> TopologyJson.parse(new String(bytes, StandardCharsets.UTF_8)));
            assertTrue(ex2.getMessage().contains(e[1]), ex2.getMessage());
        }));
    }
}
