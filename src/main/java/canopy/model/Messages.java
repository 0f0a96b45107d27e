package canopy.model;

/**
 * The one-line error contract's helper: every value a message quotes (an id, a name, a number's text)
 * is clipped and escaped here, and the command line passes every message through {@link #oneLine}
 * before printing it, so a file cannot forge a second line, reach the terminal with an escape sequence,
 * or make a line of megabytes.
 */
public final class Messages {
    /** A quoted value is cut after this many characters. */
    public static final int MAX_VALUE = 60;
    /** A run of characters without a space in a message is cut after this many. */
    public static final int MAX_RUN = 200;
    /** A whole message is cut after this many characters. */
    public static final int MAX_LINE = 1000;

    private Messages() {
    }

    /** s clipped to MAX_VALUE characters, escaped, in double quotes: "b0g0", "a\nb", "xxx…". */
    public static String quote(String s) {
        return "\"" + escape(clip(s, MAX_VALUE)) + "\"";
    }

    /** s cut after max characters (never inside a surrogate pair), with "…" when cut; "" for null. */
    public static String clip(String s, int max) {
        if (s == null) {
            return "";
        }
        if (s.length() <= max) {
            return s;
        }
        int end = max;
        if (end > 0 && Character.isHighSurrogate(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end) + "…";
    }

    /**
     * How a message quotes a value read from a file: {@link #clipLine} to 60 characters, then written as a
     * JSON string ("a\\b", "say \"hi\""). clipLine has escaped every control character already, so only
     * the quote and the backslash are left to escape; an unpaired surrogate left by the cut is escaped last.
     */
    public static String quoteJson(String s) {
        String clipped = clipLine(s, MAX_VALUE);
        StringBuilder sb = new StringBuilder(clipped.length() + 8);
        for (int i = 0; i < clipped.length(); i++) {
            char c = clipped.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\');
            }
            sb.append(c);
        }
        return "\"" + escape(sb.toString()) + "\"";
    }

    /**
     * s on one line: runs of newlines and tabs become one space, the ends are stripped, the rest is
     * {@link #escape escaped}, and the result is cut after max characters with "..."; "" for null.
     */
    public static String clipLine(String s, int max) {
        if (s == null) {
            return "";
        }
        String t = escape(s.replaceAll("[\\r\\n\\t]+", " ").strip());
        return t.length() <= max ? t : t.substring(0, max) + "...";
    }

    /**
     * s with every character a terminal or a line-based reader could misread written as an escape:
     * newline, carriage return and tab as \n, \r, \t; other control characters (C0, DEL, C1, so no
     * ANSI escape sequence), line and paragraph separators, bidirectional overrides and unpaired
     * surrogates as \\uXXXX. A backslash stays as it is.
     */
    public static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String rep = replacement(s, i, c);
            if (rep != null && sb == null) {
                sb = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            if (sb != null) {
                if (rep != null) {
                    sb.append(rep);
                } else {
                    sb.append(c);
                }
            }
        }
        return sb == null ? s : sb.toString();
    }

    private static String replacement(String s, int i, char c) {
        switch (c) {
            case '\n':
                return "\\n";
            case '\r':
                return "\\r";
            case '\t':
                return "\\t";
            default:
                break;
        }
        boolean bad = c < 0x20 || (c >= 0x7f && c <= 0x9f)
                || c == '\u2028' || c == '\u2029'
                || (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069')
                || c == '\u200e' || c == '\u200f' || c == '\u061c';
        if (!bad && Character.isSurrogate(c)) {
            bad = Character.isHighSurrogate(c)
                    ? i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))
                    : i == 0 || !Character.isHighSurrogate(s.charAt(i - 1));
        }
        return bad ? String.format("\\u%04X", (int) c) : null;
    }

    /**
     * A message made fit for one line of stderr: escaped ({@link #escape}), every run of more than
     * MAX_RUN characters without a space cut, and the whole cut after MAX_LINE characters.
     */
    public static String oneLine(String message) {
        if (message == null) {
            return "";
        }
        String m = escape(message);
        StringBuilder sb = new StringBuilder(Math.min(m.length(), MAX_LINE + 16));
        int run = 0;
        for (int i = 0; i < m.length() && sb.length() < MAX_LINE; i++) {
            char c = m.charAt(i);
            if (c == ' ') {
                run = 0;
                sb.append(c);
                continue;
            }
            run++;
            if (run == MAX_RUN + 1) {
                sb.append('…');
            }
            if (run <= MAX_RUN) {
                sb.append(c);
            }
        }
        if (sb.length() >= MAX_LINE && m.length() > sb.length()) {
            if (Character.isHighSurrogate(sb.charAt(sb.length() - 1))) {
                sb.setLength(sb.length() - 1);
            }
            sb.append(" …");
        }
        return sb.toString();
    }
}
