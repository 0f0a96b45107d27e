package canopy.io;

import canopy.model.Messages;
import canopy.model.Rational;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.ClassUtil;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What the topology and schedule readers and writers share: a strict, exact JSON reader with limits
 * for untrusted input, a stable pretty printer, type-checked field access and exact number parsing.
 */
final class Json {
    /** Files and strings larger than this are refused. */
    static final long MAX_BYTES = 64L * 1024 * 1024;

    static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .nodeFactory(NODES)
            .build();

    /** Objects and arrays whose one-line form, indentation included, is at most this wide go on one line. */
    static final int INLINE_WIDTH = 120;
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private Json() {
    }

    // ---------------------------------------------------------------- reading

    static JsonNode readTree(Path file) throws InvalidInputException {
        byte[] bytes;
        try {
            refuseLargerFile(file, MAX_BYTES);
            try (InputStream in = Files.newInputStream(file)) {
                bytes = in.readNBytes((int) MAX_BYTES + 1);
            }
        } catch (IOException e) {
            throw new InvalidInputException("cannot read " + file + ": " + describe(e), e);
        }
        if (bytes.length > MAX_BYTES) {
            throw tooLarge(file, MAX_BYTES);
        }
        return parseTree(bytes, null);
    }

    /** Refuses a regular file larger than maxBytes before anything reads it. */
    static void refuseLargerFile(Path file, long maxBytes) throws IOException, InvalidInputException {
        if (Files.isRegularFile(file) && Files.size(file) > maxBytes) {
            throw new InvalidInputException(file + ": file is larger than " + mebibytes(maxBytes) + " ("
                    + Files.size(file) + " bytes); refusing to read it");
        }
    }

    /** For a file that grew past maxBytes while being read, or one whose size is not known beforehand. */
    static InvalidInputException tooLarge(Path file, long maxBytes) {
        return new InvalidInputException(file + ": file is larger than " + mebibytes(maxBytes)
                + "; refusing to read it");
    }

    static InvalidInputException tooLarge(long maxBytes) {
        return new InvalidInputException("input is larger than " + mebibytes(maxBytes) + "; refusing to read it");
    }

    private static String mebibytes(long bytes) {
        return (bytes >> 20) + " MiB";
    }

    static JsonNode readTree(String text) throws InvalidInputException {
        if (text == null) {
            throw new InvalidInputException("no input: expected a JSON object");
        }
        if (text.length() > MAX_BYTES) {
            throw tooLarge(MAX_BYTES);
        }
        return parseTree(null, text);
    }

    private static JsonNode parseTree(byte[] bytes, String text) throws InvalidInputException {
        JsonNode root;
        try {
            root = bytes != null ? MAPPER.readTree(bytes) : MAPPER.readTree(text);
        } catch (IOException | RuntimeException e) {
            throw malformed(e);
        }
        if (root == null || root.isMissingNode()) {
            throw new InvalidInputException("empty input: expected a JSON object");
        }
        if (!root.isObject()) {
            throw new InvalidInputException("the file must hold a JSON object, not " + typeName(root));
        }
        return root;
    }

    /** What the reader says about input the parser refused: where, and why in Jackson's words. */
    static InvalidInputException malformed(Exception e) {
        if (e instanceof StreamConstraintsException) {
            // A number too long, nesting too deep, a string too large: say which limit, without the API name.
            return new InvalidInputException("malformed JSON: input refused: " + jackson((JsonProcessingException) e), e);
        }
        if (e instanceof JsonProcessingException) {
            JsonProcessingException j = (JsonProcessingException) e;
            JsonLocation loc = j.getLocation();
            String where = loc != null && loc.getLineNr() > 0
                    ? " at line " + loc.getLineNr() + ", column " + loc.getColumnNr() : "";
            return new InvalidInputException("malformed JSON" + where + ": " + jackson(j), e);
        }
        return new InvalidInputException("malformed JSON: " + describe(e), e);
    }

    // ---------------------------------------------------------------- streaming reading

    /*
     * For files too large to hold as a tree (schedules of a thousand accelerators): the caller walks the
     * outer structure token by token and reads each small value (a field, an edge) with readValue, which
     * builds exactly the node readTree would have built for it, so the checks and their messages stay
     * those of the tree reader. The parser is the tree reader's own (strict duplicates, the same limits).
     */

    private static final ObjectReader VALUE_READER = MAPPER.readerFor(JsonNode.class)
            .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    static JsonParser streamingParser(InputStream in) throws IOException {
        return MAPPER.createParser(in);
    }

    static JsonParser streamingParser(String text) throws IOException {
        return MAPPER.createParser(text);
    }

    /** The value that starts at the parser's current token; leaves the parser on its last token. */
    static JsonNode readValue(JsonParser p) throws IOException {
        return VALUE_READER.readTree(p);
    }

    /** Refuses anything after the document's value, as readTree does (FAIL_ON_TRAILING_TOKENS). */
    static void expectEnd(JsonParser p) throws IOException {
        JsonToken t = p.nextToken();
        if (t != null) {
            throw MismatchedInputException.from(p, JsonNode.class, String.format(
                    "Trailing token (of type %s) found after value (bound as %s): not allowed as per"
                            + " `DeserializationFeature.FAIL_ON_TRAILING_TOKENS`", t, ClassUtil.nameOf(JsonNode.class)));
        }
    }

    /** Jackson's message without its location suffix and its hints at Jackson's own API. */
    private static String jackson(JsonProcessingException e) {
        String m = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        m = m.replaceAll(":? ?enable `[^`]*` to allow", "")
                .replaceAll(",? from `[^`]*`", "")
                .replaceAll("\\s*\\(for \\w+ starting at \\[Source:.*", "")
                .replaceAll("\\[Source: [^;\\]]*(?:\\)[^;\\]]*)?; (line: \\d+, column: \\d+)\\]", "[$1]")
                .replaceAll("\\s*\\[Source: [^\\]]*\\]", "");
        return clip(m, 200);
    }

    static String describe(Throwable e) {
        String m = e.getMessage();
        String s = e.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : ": " + m);
        return clip(s, 200);
    }

    // ---------------------------------------------------------------- field access

    /** "a string", "an array", ... for messages. */
    static String typeName(JsonNode n) {
        if (n == null || n.isMissingNode()) {
            return "missing";
        }
        switch (n.getNodeType()) {
            case STRING:
                return "a string";
            case NUMBER:
                return "a number";
            case BOOLEAN:
                return "true/false";
            case ARRAY:
                return "an array";
            case OBJECT:
                return "an object";
            case NULL:
                return "null";
            default:
                return "a " + n.getNodeType().name().toLowerCase();
        }
    }

    /** The field, or null when absent or JSON null. */
    static JsonNode opt(JsonNode obj, String field) {
        JsonNode n = obj.get(field);
        return n == null || n.isNull() ? null : n;
    }

    static JsonNode req(JsonNode obj, String field, String where) throws InvalidInputException {
        JsonNode n = opt(obj, field);
        if (n == null) {
            throw new InvalidInputException(where + ": missing \"" + field + "\"");
        }
        return n;
    }

    static String optString(JsonNode obj, String field, String where) throws InvalidInputException {
        JsonNode n = opt(obj, field);
        if (n == null) {
            return null;
        }
        if (!n.isTextual()) {
            throw wrongType(where, field, "a string", n);
        }
        return n.textValue();
    }

    static String reqString(JsonNode obj, String field, String where) throws InvalidInputException {
        String s = optString(obj, field, where);
        if (s == null) {
            throw new InvalidInputException(where + ": missing \"" + field + "\"");
        }
        return s;
    }

    static JsonNode reqArray(JsonNode obj, String field, String where) throws InvalidInputException {
        JsonNode n = req(obj, field, where);
        if (!n.isArray()) {
            throw wrongType(where, field, "an array", n);
        }
        return n;
    }

    static Double optFiniteDouble(JsonNode obj, String field, String where) throws InvalidInputException {
        JsonNode n = opt(obj, field);
        if (n == null) {
            return null;
        }
        if (!n.isNumber()) {
            throw wrongType(where, field, "a number", n);
        }
        double d = n.isBigDecimal() ? n.decimalValue().doubleValue()
                : n.isBigInteger() ? n.bigIntegerValue().doubleValue() : n.doubleValue();
        if (!Double.isFinite(d)) {
            throw new InvalidInputException(where + ": \"" + field + "\" " + clip(n.asText(), 40)
                    + " is not a finite number");
        }
        return d == 0 ? 0.0 : d;
    }

    static InvalidInputException wrongType(String where, String field, String expected, JsonNode got) {
        return new InvalidInputException(where + ": \"" + field + "\" must be " + expected + ", not "
                + typeName(got));
    }

    /** The node's text for a message: strings quoted and clipped, numbers as written. */
    static String show(JsonNode n) {
        return n.isTextual() ? quote(n.textValue()) : clip(n.toString(), 60);
    }

    static String quote(String s) {
        return Messages.quoteJson(s);
    }

    static String clip(String s, int max) {
        return Messages.clipLine(s, max);
    }

    // ---------------------------------------------------------------- exact numbers

    /** Why a number was refused. */
    static final class BadNumber extends Exception {
        private static final long serialVersionUID = 1L;
        /** True when the text is a number but an absurd one (too large, too precise). */
        final boolean absurd;

        BadNumber(boolean absurd) {
            super(absurd ? "absurd" : "malformed", null, false, false);
            this.absurd = absurd;
        }
    }

    /**
     * The exact value of a JSON number or of a string holding a decimal or a fraction ("12.5", "100/3"),
     * refusing anything whose numerator or denominator would exceed 10^maxDigits, without ever building
     * a huge number first. Throws IllegalStateException when the node is neither number nor string.
     */
    static Rational exact(JsonNode n, int maxDigits) throws BadNumber {
        Rational r;
        if (n.isIntegralNumber()) {
            r = checkedInteger(n.bigIntegerValue(), maxDigits);
        } else if (n.isNumber()) {
            r = exactDecimal(n.decimalValue(), maxDigits);
        } else if (n.isTextual()) {
            r = exactText(n.textValue(), maxDigits);
        } else {
            throw new IllegalStateException("not a number or string");
        }
        return bounded(r, maxDigits);
    }

    static Rational exactText(String text, int maxDigits) throws BadNumber {
        String t = text.strip();
        if (t.length() > 12 * maxDigits + 100) {
            throw new BadNumber(t.chars().allMatch(c -> "0123456789+-.eE/ ".indexOf(c) >= 0));
        }
        int slash = t.indexOf('/');
        if (slash < 0) {
            return exactPart(t, maxDigits);
        }
        Rational num = exactPart(t.substring(0, slash).strip(), maxDigits);
        Rational den = exactPart(t.substring(slash + 1).strip(), maxDigits);
        if (den.signum() == 0) {
            throw new BadNumber(false);
        }
        return bounded(num.divide(den), maxDigits);
    }

    private static Rational exactPart(String t, int maxDigits) throws BadNumber {
        if (!DECIMAL.matcher(t).matches()) {
            throw new BadNumber(false);
        }
        BigDecimal d;
        try {
            d = new BigDecimal(t);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new BadNumber(true); // digits and an exponent beyond any int
        }
        return exactDecimal(d, maxDigits);
    }

    static Rational exactDecimal(BigDecimal d, int maxDigits) throws BadNumber {
        if (d.signum() == 0) {
            return Rational.ZERO;
        }
        int guard = 5 * maxDigits + 10;
        if (d.precision() > guard) {
            throw new BadNumber(true);
        }
        BigDecimal s;
        try {
            s = d.stripTrailingZeros();
        } catch (ArithmeticException e) {
            throw new BadNumber(true);
        }
        // A value with numerator and denominator at most 10^D has scale in [-D, 3.33 D] and precision
        // at most D + scale + 1, so this cheap test never refuses a sensible value.
        if (Math.abs((long) s.scale()) > guard) {
            throw new BadNumber(true);
        }
        return bounded(Rational.of(s), maxDigits);
    }

    private static Rational checkedInteger(BigInteger v, int maxDigits) throws BadNumber {
        if (v.bitLength() > 4 * maxDigits + 8) {
            throw new BadNumber(true);
        }
        return Rational.of(v);
    }

    private static final java.util.concurrent.ConcurrentHashMap<Integer, BigInteger> LIMITS =
            new java.util.concurrent.ConcurrentHashMap<>();

    private static Rational bounded(Rational r, int maxDigits) throws BadNumber {
        BigInteger limit = LIMITS.computeIfAbsent(maxDigits, BigInteger.TEN::pow);
        if (r.numerator().abs().compareTo(limit) > 0 || r.denominator().compareTo(limit) > 0) {
            throw new BadNumber(true);
        }
        return r;
    }

    /** An exact figure as a JSON number when it is a finite decimal, else as a string fraction. */
    static JsonNode exactNumberOrString(Rational r) {
        if (r.isInteger()) {
            return NODES.numberNode(r.numerator());
        }
        BigDecimal d = r.toBigDecimalExact();
        return d != null ? NODES.numberNode(d) : NODES.textNode(r.toString());
    }

    // ---------------------------------------------------------------- writing

    static ObjectNode object() {
        return NODES.objectNode();
    }

    /**
     * Pretty prints with stable layout: objects one field a line, except that an object or array with
     * no nested objects (arrays of scalars allowed) that fits in one line is written on one line.
     * Ends with a newline.
     */
    static String pretty(JsonNode root) {
        StringBuilder sb = new StringBuilder();
        write(root, 0, sb);
        return sb.append('\n').toString();
    }

    /** Appends n as pretty prints it when it stands at this depth of indentation (two spaces a level). */
    static void write(JsonNode n, int indent, StringBuilder sb) {
        if (!n.isContainerNode()) {
            scalar(n, sb);
            return;
        }
        if (n.isEmpty()) {
            sb.append(n.isArray() ? "[]" : "{}");
            return;
        }
        String inline = inline(n, INLINE_WIDTH - indent);
        if (inline != null) {
            sb.append(inline);
            return;
        }
        String pad = "  ".repeat(indent + 1);
        sb.append(n.isArray() ? '[' : '{').append('\n');
        if (n.isArray()) {
            for (int i = 0; i < n.size(); i++) {
                sb.append(pad);
                write(n.get(i), indent + 1, sb);
                sb.append(i + 1 < n.size() ? ",\n" : "\n");
            }
        } else {
            Iterator<Map.Entry<String, JsonNode>> it = n.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                sb.append(pad);
                string(e.getKey(), sb);
                sb.append(": ");
                write(e.getValue(), indent + 1, sb);
                sb.append(it.hasNext() ? ",\n" : "\n");
            }
        }
        sb.append("  ".repeat(indent)).append(n.isArray() ? ']' : '}');
    }

    /** The one-line form, or null when it has nested objects or is wider than width. */
    private static String inline(JsonNode n, int width) {
        StringBuilder sb = new StringBuilder();
        if (n.isArray()) {
            sb.append('[');
            for (int i = 0; i < n.size(); i++) {
                JsonNode c = n.get(i);
                if (c.isContainerNode()) {
                    return null;
                }
                if (i > 0) {
                    sb.append(", ");
                }
                scalar(c, sb);
                if (sb.length() > width) {
                    return null;
                }
            }
            return sb.append(']').toString();
        }
        sb.append('{');
        Iterator<Map.Entry<String, JsonNode>> it = n.fields();
        boolean first = true;
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!first) {
                sb.append(", ");
            }
            first = false;
            string(e.getKey(), sb);
            sb.append(": ");
            JsonNode v = e.getValue();
            if (v.isObject()) {
                return null;
            }
            if (v.isArray()) {
                String a = v.isEmpty() ? "[]" : inline(v, width);
                if (a == null) {
                    return null;
                }
                sb.append(a);
            } else {
                scalar(v, sb);
            }
            if (sb.length() > width) {
                return null;
            }
        }
        sb.append('}');
        return sb.length() > width ? null : sb.toString();
    }

    private static void scalar(JsonNode n, StringBuilder sb) {
        if (n.isTextual()) {
            string(n.textValue(), sb);
        } else if (n.isIntegralNumber()) {
            sb.append(n.bigIntegerValue());
        } else if (n.isBigDecimal()) {
            sb.append(n.decimalValue().toPlainString());
        } else if (n.isNumber()) {
            double d = n.doubleValue();
            sb.append(Double.isFinite(d) ? Double.toString(d) : "null");
        } else if (n.isBoolean()) {
            sb.append(n.booleanValue());
        } else {
            sb.append("null");
        }
    }

    /** Appends s as a JSON string: quoted, escaped. */
    static void string(String s, StringBuilder sb) {
        sb.append('"');
        if (hasLoneSurrogate(s)) {
            // UTF-8 cannot carry an unpaired surrogate (an encoder writes '?'), but a JSON escape can:
            // written as \\uD800 it reads back as the same id, so the tool reads what it writes.
            int from = 0;
            for (int i = 0; i < s.length(); i++) {
                if (lone(s, i)) {
                    JsonStringEncoder.getInstance().quoteAsString(s.substring(from, i), sb);
                    sb.append(String.format("\\u%04X", (int) s.charAt(i)));
                    from = i + 1;
                }
            }
            JsonStringEncoder.getInstance().quoteAsString(s.substring(from), sb);
        } else {
            JsonStringEncoder.getInstance().quoteAsString(s, sb);
        }
        sb.append('"');
    }

    static boolean hasLoneSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isSurrogate(s.charAt(i)) && lone(s, i)) {
                return true;
            }
        }
        return false;
    }

    /** True when the char at i is a surrogate that is not half of a valid pair. */
    private static boolean lone(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
        }
        if (Character.isLowSurrogate(c)) {
            return i == 0 || !Character.isHighSurrogate(s.charAt(i - 1));
        }
        return false;
    }
}
