package canopy.io;

import canopy.model.Rational;

/**
 * Exact numbers typed by people or read from files other than JSON (GraphML, options), parsed by the
 * same rules as the JSON readers (formats.md): a decimal or a fraction of ASCII digits ("12.5",
 * "100/3", "1e-3"), numerator and denominator at most 10^1000. "٣٠" (Arabic-Indic digits) is not 30.
 */
public final class ExactNumbers {
    /** Numerators and denominators up to 10^this. */
    public static final int MAX_DIGITS = 1000;

    private ExactNumbers() {
    }

    /** The exact value; NumberFormatException when text is not such a number or is absurdly large. */
    public static Rational parse(String text) {
        if (text == null) {
            throw new NumberFormatException("no number");
        }
        try {
            return Json.exactText(text, MAX_DIGITS);
        } catch (Json.BadNumber e) {
            throw new NumberFormatException(e.absurd ? "too large or too precise" : "not a number");
        }
    }
}
