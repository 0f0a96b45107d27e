package canopy.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import canopy.model.Rational;
import org.junit.jupiter.api.Test;

/** The one way figures are written, for the command line and the designer alike. */
class FigureTextTest {
    @Test
    void unitsPluralsAndNumbers() {
        assertEquals("GB/s", FigureText.units(null));
        assertEquals("GB/s", FigureText.units(" "));
        assertEquals("Gb/s", FigureText.units("Gb/s"));
        assertEquals("1 switch", FigureText.plural(1, "switch"));
        assertEquals("3 switches", FigureText.plural(3, "switch"));
        assertEquals("2 buses", FigureText.plural(2, "bus"));
        assertEquals("2000/7 ≈ 285.714", FigureText.exact(Rational.of(2000, 7)));
        assertEquals("125/2 = 62.5", FigureText.exact(Rational.of(125, 2)));
        assertEquals("12.5", FigureText.shortExact(Rational.of(25, 2)));
        assertEquals("1040/3 ≈ 346.667", FigureText.shortExact(Rational.of(1040, 3)));
        // Plain notation, never scientific, for tiny figures too (the designer used %.6g before).
        assertEquals("1/30000000 ≈ 0.0000000333333", FigureText.shortExact(Rational.of(1, 30_000_000)));
    }

    @Test
    void durationsAndSizes() {
        assertEquals("12.30 µs", FigureText.duration(12.3e-6));
        assertEquals("4.560 ms", FigureText.duration(4.56e-3));
        assertEquals("1.230 s", FigureText.duration(1.23));
        assertEquals("64 MiB", FigureText.messageSize(64L << 20));
        assertEquals("1536 B", FigureText.messageSize(1536));
    }
}
