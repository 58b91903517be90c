package io.tollgate.console;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What the console logs while it is open: slf4j-simple writes each line to {@code System.err} as it
 * is at that moment, so this swaps in a buffer and puts the stream back on close. The logger's own
 * configuration ({@code simplelogger.properties}: WARN and above) applies. Tests run one at a time;
 * not thread-safe.
 */
final class CapturedLog implements AutoCloseable {
    private final PrintStream original = System.err;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

    CapturedLog() {
        System.setErr(new PrintStream(buffer, true, StandardCharsets.UTF_8));
    }

    /** @return every line logged so far */
    List<String> lines() {
        System.err.flush();
        return buffer.toString(StandardCharsets.UTF_8).lines().toList();
    }

    /** @return everything logged so far, as one text */
    String text() {
        return String.join("\n", lines());
    }

    @Override
    public void close() {
        System.setErr(original);
    }
}
