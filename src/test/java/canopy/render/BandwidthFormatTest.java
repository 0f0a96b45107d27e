package canopy.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import canopy.model.Rational;
import org.junit.jupiter.api.Test;

class BandwidthFormatTest {
    @Test
    void formatsExactly() {
        assertEquals("300", BandwidthFormat.format(Rational.of(300)));
        assertEquals("12.5", BandwidthFormat.format(Rational.parse("12.5")));
        assertEquals("100/3 \u2248 33.3", BandwidthFormat.format(Rational.of(100, 3)));
        assertEquals("1040/3 \u2248 346.7", BandwidthFormat.format(Rational.of(1040, 3)));
        assertEquals("1/3 \u2248 0.333", BandwidthFormat.format(Rational.of(1, 3)));
        assertEquals("0.25", BandwidthFormat.format(Rational.of(1, 4)));
    }
}
