package canopy.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/** Hostile XML: external entities, entity expansion, oversized and malformed files. */
public class HardenedXmlTest {
    /** An XXE attempt that would read a local file into the document. */
    public static String xxe(String root) {
        return "<?xml version=\"1.0\"?>\n<!DOCTYPE " + root + " [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n<"
                + root + ">&xxe;</" + root + ">\n";
    }

    /** Billion laughs: ten levels of ten-fold entity expansion. */
    public static String billionLaughs(String root) {
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE " + root + " [\n");
        sb.append(" <!ENTITY lol0 \"lol\">\n");
        for (int i = 1; i <= 9; i++) {
            sb.append(" <!ENTITY lol").append(i).append(" \"");
            for (int j = 0; j < 10; j++) {
                sb.append("&lol").append(i - 1).append(';');
            }
            sb.append("\">\n");
        }
        sb.append("]>\n<").append(root).append(">&lol9;</").append(root).append(">\n");
        return sb.toString();
    }

    /** An external DTD that a careless parser would fetch. */
    public static String externalDtd(String root) {
        return "<?xml version=\"1.0\"?>\n<!DOCTYPE " + root + " SYSTEM \"http://127.0.0.1:9/evil.dtd\">\n<" + root
                + "/>\n";
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void refusesDtdsOfEveryKind() {
        for (String bad : new String[] {xxe("system"), billionLaughs("system"), externalDtd("system")}) {
            InvalidInputException e = assertThrows(InvalidInputException.class,
                    () -> HardenedXml.parse(bytes(bad), "evil.xml"));
            assertTrue(e.getMessage().startsWith("evil.xml: line "), e.getMessage());
            assertTrue(e.getMessage().contains("DTDs (<!DOCTYPE …>) are not accepted"), e.getMessage());
            assertFalse(e.getMessage().contains("root:"), "nothing of /etc/passwd leaks");
        }
    }

    @Test
    void parsesPlainXmlAndReportsMalformedWithItsLine() throws Exception {
        Document d = HardenedXml.parse(bytes("<a><b x=\"1\"/></a>"), "ok.xml");
        assertEquals("a", d.getDocumentElement().getTagName());
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> HardenedXml.parse(bytes("<a>\n<b>\n</a>"), "bad.xml"));
        assertTrue(e.getMessage().startsWith("bad.xml: line 3: "), e.getMessage());
        assertThrows(InvalidInputException.class, () -> HardenedXml.parse(bytes(""), "empty.xml"));
        assertThrows(InvalidInputException.class, () -> HardenedXml.parse(bytes("not xml"), "text.xml"));
    }

    @Test
    void capsTheFileSize(@TempDir Path dir) throws Exception {
        Path big = dir.resolve("big.xml");
        Files.writeString(big, "<a>" + "x".repeat(5000) + "</a>");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> HardenedXml.parse(big, 1000));
        assertTrue(e.getMessage().contains("above the limit of 1000 bytes"), e.getMessage());
        assertEquals("a", HardenedXml.parse(big, 10_000).getDocumentElement().getTagName());
        assertThrows(NoSuchFileException.class, () -> HardenedXml.parse(dir.resolve("none.xml"), 1000));
        assertThrows(InvalidInputException.class, () -> HardenedXml.parse(dir, 1000));
    }
}
