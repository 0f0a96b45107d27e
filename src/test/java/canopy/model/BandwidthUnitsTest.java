package canopy.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BandwidthUnitsTest {
    private static Rational gb(String text) {
        return BandwidthUnits.parse(text, "GB/s");
    }

    @Test
    void plainNumbersAreInTheTopologysUnits() {
        assertEquals(Rational.of(300), gb("300"));
        assertEquals(Rational.parse("12.5"), gb(" 12.5 "));
        assertEquals(Rational.of(100, 3), gb("100/3"));
        assertEquals(Rational.of(1000), gb("1e3"));
        assertEquals(Rational.of(7), BandwidthUnits.parse("7", null));
    }

    @Test
    void unitsConvertExactly() {
        assertEquals(Rational.of(25), gb("200Gb/s"));
        assertEquals(Rational.of(25), gb("200 Gbps"));
        assertEquals(Rational.of(200), gb("1.6Tb/s"));
        assertEquals(Rational.of(1000), gb("1 TB/s"));
        assertEquals(Rational.of(300), gb("300 GB/s"));
        assertEquals(Rational.parse("1.073741824"), gb("1GiB/s"));
        assertEquals(Rational.parse("0.8"), gb("800MB/s"));
        assertEquals(Rational.of(100, 3), gb("100/3 GB/s"));
        assertEquals(Rational.of(8), BandwidthUnits.parse("8 GB/s", "Gb/s").divide(8),
                "into a topology in Gb/s: 8 GB/s is 64 Gb/s");
    }

    @Test
    void refusalsSayWhy() {
        assertTrue(assertThrows(BandwidthUnits.Refused.class, () -> gb("abc")).getMessage()
                .contains("is not a bandwidth"));
        assertTrue(assertThrows(BandwidthUnits.Refused.class, () -> gb("200 Gbit")).getMessage()
                .contains("unknown unit \"Gbit\""));
        assertTrue(assertThrows(BandwidthUnits.Refused.class, () -> gb("0 Gb/s")).getMessage()
                .contains("must be positive"));
        assertTrue(assertThrows(BandwidthUnits.Refused.class, () -> gb("")).getMessage().startsWith("empty"));
        assertTrue(assertThrows(BandwidthUnits.Refused.class, () -> BandwidthUnits.parse("3 GB/s", "lanes"))
                .getMessage().contains("in lanes"));
        assertEquals(Rational.of(3), BandwidthUnits.parse("3 lanes", "lanes"));
    }
}
