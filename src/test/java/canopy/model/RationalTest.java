package canopy.model;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class RationalTest {
    @Test
    void parsesDecimalsAndFractionsExactly() {
        assertEquals(Rational.of(25, 2), Rational.parse("12.5"));
        assertEquals(Rational.of(100, 3), Rational.parse("100/3"));
        assertEquals(Rational.of(7, 2), Rational.parse(" 7 / 2 "));
        assertEquals(Rational.of(1000), Rational.parse("1e3"));
        assertEquals(Rational.of(1, 8), Rational.parse("0.25/2"));
        assertEquals("1040/3", Rational.parse("2080/6").toString());
        assertEquals("-3", Rational.parse("-3").toString());
    }

    @Test
    void rejectsNonsenseWithTheText() {
        NumberFormatException e = assertThrows(NumberFormatException.class, () -> Rational.parse("abc"));
        assertEquals("not a number: \"abc\"", e.getMessage());
        assertThrows(NumberFormatException.class, () -> Rational.parse("1/0"));
        assertThrows(NumberFormatException.class, () -> Rational.parse("1/2/3"));
    }

    @Test
    void hugeExponentsAreRefusedQuickly() {
        assertTimeoutPreemptively(java.time.Duration.ofSeconds(5), () -> {
            assertThrows(NumberFormatException.class, () -> Rational.parse("1e999999999"));
            assertThrows(NumberFormatException.class, () -> Rational.parse("1e999999999/1"));
            assertThrows(NumberFormatException.class, () -> Rational.parse("1/1e-999999999"));
            assertThrows(NumberFormatException.class, () -> Rational.parse("9".repeat(5000)));
        });
    }

    @Test
    void arithmeticIsExact() {
        Rational third = Rational.of(1, 3);
        assertEquals(Rational.ONE, third.add(third).add(third));
        assertEquals(Rational.of(1, 6), third.subtract(Rational.of(1, 6)));
        assertEquals(BigInteger.valueOf(-2), Rational.of(-3, 2).floor());
        assertEquals(BigInteger.ONE, Rational.of(3, 2).floor());
        assertEquals(0, Rational.of(2, 4).compareTo(Rational.of(1, 2)));
        assertEquals(346.6666666666667, Rational.of(1040, 3).toDouble());
    }

    @Test
    void finiteDecimalsAreRecognised() {
        assertEquals("12.5", Rational.of(25, 2).toBigDecimalExact().toPlainString());
        assertEquals("300", Rational.of(300).toBigDecimalExact().toPlainString());
        assertNull(Rational.of(100, 3).toBigDecimalExact());
    }
}
