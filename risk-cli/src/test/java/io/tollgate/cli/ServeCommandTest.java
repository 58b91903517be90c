package io.tollgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServeCommandTest {
    @TempDir
    Path folder;

    @Test
    void serve_portOutOfRange_exitsTwoNamingIt() {
        CliRun run = CliRun.run("serve", "--port", "70000", "--db", folder.resolve("tollgate").toString());

        assertThat(run.exitCode()).isEqualTo(Tollgate.BAD_INPUT);
        assertThat(run.errLines()).singleElement().asString().isEqualTo("tollgate: --port: must be 0 to 65535, got 70000");
    }
}
