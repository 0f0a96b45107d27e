package canopy.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The streaming reader sees fields in the file's order but reports faults in the order of a reader that
 * parses the whole file first and then checks it top down.
 */
class ScheduleReaderTest {
    private static final String HEAD = "\"collective\": \"allgather\", \"algorithm\": \"x\", \"accelerators\": 2,"
            + " \"algbw\": 12.5";
    private static final String TREE = "{\"root\": \"a\", \"phase\": \"allgather\", \"share\": 1,"
            + " \"edges\": [{\"from\": \"a\", \"to\": \"b\"}]}";

    private static void rejects(String message, String json) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ScheduleJson.parse(json));
        assertEquals(message, e.getMessage());
    }

    @Test
    void fieldsInAnyOrderRead() throws Exception {
        String treesFirst = "{\"trees\": [{\"edges\": [{\"to\": \"b\", \"from\": \"a\"}], \"share\": 1,"
                + " \"phase\": \"allgather\", \"root\": \"a\"}], " + HEAD + "}";
        assertEquals(ScheduleJson.parse("{" + HEAD + ", \"trees\": [" + TREE + "]}"), ScheduleJson.parse(treesFirst));
    }

    @Test
    void topLevelFaultsComeBeforeTreeFaultsWhereverTheTreesAre() {
        rejects("schedule: missing \"algorithm\"",
                "{\"trees\": [{\"edges\": [7]}], \"collective\": \"allgather\"}");
    }

    @Test
    void aTreesOwnFaultsComeBeforeItsEdges() {
        rejects("trees[0].share: 2 is not in (0, 1]",
                "{\"trees\": [{\"edges\": [7], \"root\": \"a\", \"phase\": \"allgather\", \"share\": 2}], " + HEAD + "}");
        rejects("trees[0].edges[1]: must be an object, not a number",
                "{\"trees\": [{\"edges\": [{\"from\": \"a\", \"to\": \"b\"}, 7, 8], \"root\": \"a\","
                        + " \"phase\": \"allgather\", \"share\": 1}], " + HEAD + "}");
    }

    @Test
    void theFirstFaultyTreeIsNamed() {
        rejects("trees[1]: must be an object, not a number",
                "{\"trees\": [" + TREE + ", 7, {\"root\": 3}], " + HEAD + "}");
    }

    @Test
    void malformedJsonAnywhereComesBeforeAnyOtherFault() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ScheduleJson.parse(
                "{\"trees\": [7, {\"edges\": [{\"from\": \"a\", \"from\": \"b\"}]}]}"));
        assertTrue(e.getMessage().startsWith("malformed JSON at line 1") && e.getMessage().contains("Duplicate field"),
                e.getMessage());
        e = assertThrows(InvalidInputException.class, () -> ScheduleJson.parse("{\"trees\": [7]} {}"));
        assertTrue(e.getMessage().startsWith("malformed JSON at line 1") && e.getMessage().contains("Trailing token"),
                e.getMessage());
    }
}
