package canopy.io;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * A DOM parser for untrusted XML (MSCCL algorithm files, imported topologies): it refuses any DOCTYPE,
 * so no external entity (XXE), external DTD or entity-expansion bomb ("billion laughs") is ever
 * processed, resolves nothing over the network or the file system, and caps the input size before
 * parsing. Every problem is an {@link InvalidInputException} whose one-line message names the file and
 * the problem; nothing is printed on stderr.
 */
public final class SafeXml {
    /** The default cap: 64 MiB, as for the JSON files. */
    public static final long DEFAULT_MAX_BYTES = 64L << 20;

    private SafeXml() {
    }

    /** Parses file, refusing files larger than maxBytes. */
    public static Document parse(Path file, long maxBytes) throws InvalidInputException {
        byte[] bytes;
        try {
            long size = Files.size(file);
            if (size > maxBytes) {
                throw new InvalidInputException(file + ": XML file too large: " + size + " bytes (limit "
                        + maxBytes + ")");
            }
            try (InputStream in = Files.newInputStream(file)) {
                bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8L, maxBytes + 1));
            }
        } catch (NoSuchFileException e) {
            throw new InvalidInputException("no such file: " + file, e);
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot read: " + e.getMessage(), e);
        }
        if (bytes.length > maxBytes) {
            throw new InvalidInputException(file + ": XML file too large: more than " + maxBytes + " bytes");
        }
        return parse(bytes, file.toString());
    }

    /** Parses text (as UTF-8), refusing texts longer than maxBytes in UTF-8; source names it in messages. */
    public static Document parse(String text, long maxBytes, String source) throws InvalidInputException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > maxBytes) {
            throw new InvalidInputException(source + ": XML text too large: " + bytes.length + " bytes (limit "
                    + maxBytes + ")");
        }
        return parse(bytes, source);
    }

    private static Document parse(byte[] bytes, String source) throws InvalidInputException {
        try {
            DocumentBuilder builder = newFactory().newDocumentBuilder();
            builder.setErrorHandler(new Strict());
            builder.setEntityResolver((publicId, systemId) -> {
                throw new SAXException("external entity " + systemId + " refused");
            });
            InputSource in = new InputSource(new ByteArrayInputStream(bytes));
            in.setSystemId("about:blank");
            return builder.parse(in);
        } catch (SAXParseException e) {
            throw new InvalidInputException(source + ": " + describe(e) + " (line " + e.getLineNumber()
                    + ", column " + e.getColumnNumber() + ")", e);
        } catch (SAXException e) {
            throw new InvalidInputException(source + ": " + describe(e), e);
        } catch (IOException e) {
            throw new InvalidInputException(source + ": cannot read: " + e.getMessage(), e);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the XML parser cannot be hardened: " + e.getMessage(), e);
        }
    }

    /** A factory with DOCTYPEs, external entities, XInclude and external access all switched off. */
    static DocumentBuilderFactory newFactory() throws ParserConfigurationException {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        f.setFeature("http://xml.org/sax/features/external-general-entities", false);
        f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        f.setXIncludeAware(false);
        f.setExpandEntityReferences(false);
        f.setNamespaceAware(false);
        f.setValidating(false);
        return f;
    }

    private static String describe(SAXException e) {
        String m = e.getMessage() == null ? "malformed XML" : e.getMessage();
        if (m.contains("DOCTYPE") || m.contains("doctype")) {
            return "DOCTYPE declarations are not allowed (no DTDs or entities in untrusted XML)";
        }
        return "malformed XML: " + m;
    }

    /** Fatal on every error and warning, silent on stderr. */
    private static final class Strict implements ErrorHandler {
        @Override
        public void warning(SAXParseException e) throws SAXException {
            throw e;
        }

        @Override
        public void error(SAXParseException e) throws SAXException {
            throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            throw e;
        }
    }
}
