package io.tollgate.console;

import io.tollgate.charge.ChinaTime;
import io.tollgate.charge.Msisdn;
import java.time.Instant;
import java.time.format.DateTimeFormatter;

/**
 * How the rules, audit and user pages show values: times in China time, free text escaped with every
 * number in it masked. Stateless.
 */
final class Display {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx");

    private Display() {
    }

    /** @return the instant in China time ({@code 2026-03-10 10:00:00 +08:00}), or {@code -} for none */
    static String time(Instant instant) {
        return instant == null ? "-" : TIME.format(instant.atOffset(ChinaTime.ZONE));
    }

    /** @return the text HTML-escaped with every phone number in it masked; empty for {@code null} */
    static String masked(String text) {
        return text == null ? "" : Html.escape(Msisdn.maskAll(text));
    }
}
