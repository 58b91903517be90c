package io.tollgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class FailureHandlerTest {
    private final StringWriter err = new StringWriter();
    private final CommandLine commandLine = Tollgate.commandLine().setErr(new PrintWriter(err, true));
    private final FailureHandler handler = new FailureHandler();

    @Test
    void handleExecutionException_unexpectedException_exitsSeventyAsInternalError() {
        int exitCode = handler.handleExecutionException(new IllegalStateException("boom"), commandLine, null);

        assertThat(exitCode).isEqualTo(Tollgate.INTERNAL_ERROR).isEqualTo(70);
        assertThat(err.toString()).isEqualTo("tollgate: internal error: boom" + System.lineSeparator());
    }

    @Test
    void handleExecutionException_exceptionWithoutMessage_namesItsClass() {
        handler.handleExecutionException(new NullPointerException(), commandLine, null);

        assertThat(err.toString()).contains("internal error: java.lang.NullPointerException");
    }

    @Test
    void handleExecutionException_badInput_exitsTwoWithTheMessage() {
        int exitCode = handler.handleExecutionException(new BadInputException("--data x: no such folder"),
                commandLine, null);

        assertThat(exitCode).isEqualTo(Tollgate.BAD_INPUT);
        assertThat(err.toString()).isEqualTo("tollgate: --data x: no such folder" + System.lineSeparator());
    }

    @Test
    void handleExecutionException_missingFile_exitsTwoNamingIt() {
        int exitCode = handler.handleExecutionException(
                new UncheckedIOException(new NoSuchFileException("/tmp/nowhere/charges.csv")), commandLine, null);

        assertThat(exitCode).isEqualTo(Tollgate.BAD_INPUT);
        assertThat(err.toString()).contains("tollgate: /tmp/nowhere/charges.csv: no such file or folder");
    }

    @Test
    void handleExecutionException_multiLineMessage_printsOneLine() {
        handler.handleExecutionException(new IOException("first\nsecond"), commandLine, null);

        assertThat(err.toString().lines()).containsExactly("tollgate: first; second");
    }

    @Test
    void handleExecutionException_messageWithFullNumber_masksIt() {
        handler.handleExecutionException(new IllegalStateException("no row for 13800138000 (R-1380013800011)"),
                commandLine, null);

        assertThat(err.toString()).contains("138****8000").doesNotContain("13800138000 ");
    }

    @Test
    void mask_numbersInsideLongerDigitRuns_leavesThemAlone() {
        assertThat(FailureHandler.mask("ts 20260307160802123 and 13800138000"))
                .isEqualTo("ts 20260307160802123 and 138****8000");
    }
}
