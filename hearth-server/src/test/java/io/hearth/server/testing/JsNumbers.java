package io.hearth.server.testing;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * What a JavaScript client does with an integer it reads from JSON: {@code JSON.parse} makes it the nearest double,
 * and {@code String(n)} (or {@code JSON.stringify}) prints that double with the fewest digits that read back to it.
 * A uid survives the round trip only if the printed digits are the uid's own.
 */
public final class JsNumbers {

    private JsNumbers() {
    }

    /** The integer as a JavaScript client holds it after parsing it from JSON. */
    public static double parse(String digits) {
        return Double.parseDouble(digits);
    }

    /** {@code String(n)} of a JavaScript number that holds an integer below 10^21: the shortest round-trip digits. */
    public static String print(double n) {
        BigDecimal exact = new BigDecimal(n);
        for (int digits = 1; digits <= 17; digits++) {
            BigDecimal shortest = exact.round(new MathContext(digits, RoundingMode.HALF_EVEN));
            if (shortest.doubleValue() == n) {
                return shortest.toBigInteger().toString();
            }
        }
        return exact.toBigInteger().toString();
    }

    /** The digits a JavaScript client sends back for an integer it was given. */
    public static String roundTrip(long value) {
        return print(parse(Long.toString(value)));
    }
}
