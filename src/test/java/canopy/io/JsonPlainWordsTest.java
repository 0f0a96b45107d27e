package canopy.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

/** The reader's messages about broken JSON speak of strings and brackets, not of Jackson's tokens. */
class JsonPlainWordsTest {

    @Test
    void aFileEndingInsideAStringSaysSo() {
        InvalidInputException e = org.junit.jupiter.api.Assertions.assertThrows(InvalidInputException.class,
                () -> TopologyJson.parseUnchecked("{\"name\": \"x\", \"nodes\": [{\"id\": \"a"));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().startsWith("malformed JSON at line 1, column 3")
                && e.getMessage().contains("string") && !e.getMessage().contains("VALUE_STRING"), e.getMessage());
    }

    @Test
    void noParserTokenNamesReachTheUser() {
        for (String bad : new String[] {"{\"nodes\": [", "{\"nodes\": {", "{\"a\": tru", "{\"a\": 1 2}", "[1,"}) {
            InvalidInputException e = org.junit.jupiter.api.Assertions.assertThrows(InvalidInputException.class,
                    () -> TopologyJson.parseUnchecked(bad));
            assertFalse(e.getMessage().matches(".*(VALUE_|START_|END_|FIELD_NAME|end-of-input|\\(code \\d+\\)).*"),
                    e.getMessage());
        }
    }
}
