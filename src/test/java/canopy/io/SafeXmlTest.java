package canopy.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/** The hardened XML parser: no DTDs, no external entities, no entity bombs, a size cap. */
class SafeXmlTest {
    @TempDir
    Path tmp;

    private Path file(String name, String text) throws Exception {
        Path p = tmp.resolve(name);
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    @Test
    void parsesPlainXml() throws Exception {
        Document d = SafeXml.parse(file("ok.xml", "<algo name=\"a &amp; b\"><gpu id=\"0\"/></algo>"), 1000);
        assertEquals("algo", d.getDocumentElement().getTagName());
        assertEquals("a & b", d.getDocumentElement().getAttribute("name"));
    }

    @Test
    void refusesExternalEntities() throws Exception {
        Path secret = file("secret.txt", "TOP SECRET");
        Path xxe = file("xxe.xml", "<?xml version=\"1.0\"?>\n<!DOCTYPE algo [\n  <!ENTITY leak SYSTEM \""
                + secret.toUri() + "\">\n]>\n<algo name=\"&leak;\"/>\n");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> SafeXml.parse(xxe, 1 << 20));
        assertTrue(e.getMessage().contains("DOCTYPE declarations are not allowed"), e.getMessage());
        assertTrue(e.getMessage().startsWith(xxe.toString()), e.getMessage());
        assertFalse(e.getMessage().contains("TOP SECRET"));
    }

    @Test
    void refusesExternalDtdAndParameterEntities() throws Exception {
        Path dtd = file("evil.dtd", "<!ENTITY % all \"<!ENTITY x 'boom'>\"> %all;");
        Path p = file("ext.xml", "<!DOCTYPE algo SYSTEM \"" + dtd.toUri() + "\"><algo/>");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> SafeXml.parse(p, 1 << 20));
        assertTrue(e.getMessage().contains("DOCTYPE"), e.getMessage());
    }

    @Test
    void refusesBillionLaughs() throws Exception {
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n");
        sb.append(" <!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n");
        for (int i = 2; i <= 9; i++) {
            sb.append(" <!ENTITY lol").append(i).append(" \"");
            for (int j = 0; j < 10; j++) {
                sb.append("&lol").append(i - 1).append(';');
            }
            sb.append("\">\n");
        }
        sb.append("]>\n<lolz>&lol9;</lolz>\n");
        Path bomb = file("bomb.xml", sb.toString());
        long start = System.nanoTime();
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> SafeXml.parse(bomb, 1 << 20));
        assertTrue(e.getMessage().contains("DOCTYPE"), e.getMessage());
        assertTrue(System.nanoTime() - start < 5_000_000_000L, "refused quickly");
    }

    @Test
    void refusesOversizedFiles() throws Exception {
        Path big = file("big.xml", "<algo>" + "<gpu id=\"0\"/>".repeat(1000) + "</algo>");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> SafeXml.parse(big, 1000));
        assertTrue(e.getMessage().contains("too large"), e.getMessage());
        assertTrue(e.getMessage().contains("limit 1000"), e.getMessage());
        InvalidInputException t = assertThrows(InvalidInputException.class,
                () -> SafeXml.parse("<a>" + "x".repeat(2000) + "</a>", 1000, "text"));
        assertTrue(t.getMessage().contains("too large"), t.getMessage());
    }

    @Test
    void reportsMalformedXmlOnOneLineWithItsPosition() throws Exception {
        Path bad = file("bad.xml", "<algo>\n<gpu id=\"0\">\n</algo>\n");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> SafeXml.parse(bad, 1000));
        assertTrue(e.getMessage().contains("malformed XML"), e.getMessage());
        assertTrue(e.getMessage().contains("line 3"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void missingFileIsInvalidInput() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> SafeXml.parse(tmp.resolve("nope.xml"), 1000));
        assertTrue(e.getMessage().contains("no such file"), e.getMessage());
    }
}
