package canopy.io;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * An XML parser for untrusted files: DTDs are refused outright (disallow-doctype-decl), so no entity
 * can be declared — no external entities (XXE), no entity expansion (billion laughs); external DTDs
 * and schemas are never loaded, XInclude is off, FEATURE_SECURE_PROCESSING is on, and files are capped
 * in size before parsing. Every failure is an {@link InvalidInputException} naming the file and line.
 */
public final class HardenedXml {
    /** Default cap on a file's size: 16 MiB, far above any real topology description. */
    public static final long DEFAULT_MAX_BYTES = 16L << 20;
    /**
     * Elements may nest at most this deep. Real files nest a handful of levels (NCCL: system, cpu, a
     * few PCIe switches, gpu, nvlink; GraphML: graphml, graph, node, data and a tool's own few); a
     * deeper file is refused here, so no reader walking it recursively can overflow its stack.
     */
    public static final int MAX_DEPTH = 100;

    private HardenedXml() {
    }

    /** Reads and parses a file of at most maxBytes. */
    public static Document parse(Path file, long maxBytes) throws InvalidInputException, NoSuchFileException {
        return parse(read(file, maxBytes), file.getFileName().toString());
    }

    /**
     * The bytes of a file of at most maxBytes (refused before reading more); a missing file is a
     * NoSuchFileException, any other read error an InvalidInputException.
     */
    public static byte[] read(Path file, long maxBytes) throws InvalidInputException, NoSuchFileException {
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString());
        }
        try {
            if (Files.isDirectory(file)) {
                throw new InvalidInputException(name + ": is a directory, not a file");
            }
            if (Files.size(file) > maxBytes) {
                throw new InvalidInputException(name + ": " + Files.size(file) + " bytes, above the limit of "
                        + maxBytes + " bytes");
            }
            try (InputStream in = Files.newInputStream(file)) {
                byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
                if (bytes.length > maxBytes) {
                    throw new InvalidInputException(name + ": more than the limit of " + maxBytes + " bytes");
                }
                return bytes;
            }
        } catch (IOException e) {
            throw new InvalidInputException(name + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** Parses bytes (what names them in messages); namespace-aware. */
    public static Document parse(byte[] bytes, String what) throws InvalidInputException {
        try {
            DocumentBuilder b = factory().newDocumentBuilder();
            b.setEntityResolver((publicId, systemId) -> {
                throw new SAXException("external entity " + systemId + " refused");
            });
            b.setErrorHandler(new ErrorHandler() {
                @Override
                public void warning(SAXParseException e) {
                }

                @Override
                public void error(SAXParseException e) throws SAXException {
                    throw e;
                }

                @Override
                public void fatalError(SAXParseException e) throws SAXException {
                    throw e;
                }
            });
            Document doc = b.parse(new ByteArrayInputStream(bytes));
            checkDepth(doc, what);
            return doc;
        } catch (SAXParseException e) {
            throw new InvalidInputException(what + ": line " + e.getLineNumber() + ": "
                    + canopy.model.Messages.clip(explain(e.getMessage()), 200), e);
        } catch (SAXException e) {
            throw new InvalidInputException(what + ": " + explain(e.getMessage()), e);
        } catch (IOException | ParserConfigurationException e) {
            throw new InvalidInputException(what + ": cannot parse: " + e.getMessage(), e);
        }
    }

    /** Refuses a document whose elements nest deeper than MAX_DEPTH (an explicit walk, no recursion). */
    private static void checkDepth(Document doc, String what) throws InvalidInputException {
        org.w3c.dom.Node n = doc.getDocumentElement();
        int depth = n == null ? 0 : 1;
        while (n != null) {
            org.w3c.dom.Node next = n.getFirstChild();
            while (next != null && next.getNodeType() != org.w3c.dom.Node.ELEMENT_NODE) {
                next = next.getNextSibling();
            }
            if (next != null) {
                depth++;
                if (depth > MAX_DEPTH) {
                    throw new InvalidInputException(what + ": elements nest more than " + MAX_DEPTH
                            + " deep (<" + clip(next.getNodeName()) + ">); refusing the file");
                }
                n = next;
                continue;
            }
            // no element child: the next element sibling of n or of its nearest ancestor that has one
            while (n != null) {
                org.w3c.dom.Node sib = n.getNextSibling();
                while (sib != null && sib.getNodeType() != org.w3c.dom.Node.ELEMENT_NODE) {
                    sib = sib.getNextSibling();
                }
                if (sib != null) {
                    n = sib;
                    break;
                }
                n = n.getParentNode();
                depth--;
                if (n == null || n.getNodeType() != org.w3c.dom.Node.ELEMENT_NODE) {
                    n = null;
                }
            }
        }
    }

    private static String clip(String s) {
        return canopy.model.Messages.escape(canopy.model.Messages.clip(s, 40));
    }

    /** Checks that bytes are well-formed XML without a DTD (before handing them to another parser). */
    public static void check(byte[] bytes, String what) throws InvalidInputException {
        parse(bytes, what);
    }

    private static String explain(String message) {
        if (message != null && message.contains("DOCTYPE")) {
            return "DTDs (<!DOCTYPE …>) are not accepted: they can declare entities that read other files "
                    + "or expand without bound";
        }
        return message == null ? "malformed XML" : message;
    }

    private static DocumentBuilderFactory factory() throws ParserConfigurationException {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setValidating(false);
        f.setXIncludeAware(false);
        f.setExpandEntityReferences(false);
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        f.setFeature("http://xml.org/sax/features/external-general-entities", false);
        f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        return f;
    }
}
