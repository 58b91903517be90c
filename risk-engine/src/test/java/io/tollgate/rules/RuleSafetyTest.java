package io.tollgate.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** A corpus of hostile rule files (src/test/resources/hostile): each is refused before anything of it is compiled. */
class RuleSafetyTest {
    private static final Path MARKER = Path.of("/tmp/tollgate-hostile");

    static Stream<Path> hostileFiles() throws IOException, URISyntaxException {
        Path folder = Path.of(RuleSafetyTest.class.getResource("/hostile").toURI());
        return Files.list(folder).filter(file -> file.toString().endsWith(".drl")).sorted();
    }

    @ParameterizedTest
    @MethodSource("hostileFiles")
    void compile_hostileRuleFile_refusedWithFileAndLine(Path file) throws IOException {
        Files.deleteIfExists(MARKER);
        String name = file.getFileName().toString();
        RuleFile hostile = new RuleFile(name, Files.readString(file));

        assertThatThrownBy(() -> RuleSetCompiler.compile(List.of(hostile)))
                .isInstanceOf(RuleSetRefusedException.class)
                .satisfies(e -> assertThat(((RuleSetRefusedException) e).problems())
                        .isNotEmpty()
                        .allSatisfy(problem -> assertThat(problem).matches(name.replace(".", "\\.") + ":[1-9][0-9]*: .+")));
        assertThat(MARKER).doesNotExist();
    }

    @Test
    void compile_forbiddenWordInsideAStringOrComment_isAllowed() {
        RuleFile file = new RuleFile("ok.drl", """
                package rules;
                import io.tollgate.facts.Charge;
                // System.exit would be refused in code, not in a comment
                rule "New SIM from the System"
                    @code("OK-1")
                    @action("FLAG")
                    @reason("A new SIM: the System says Runtime.exec is not here")
                when
                    Charge( merchantId == "new" )
                then
                end
                """);

        assertThat(RuleSetCompiler.compile(List.of(file)).rules()).extracting(RuleMeta::code).containsExactly("OK-1");
    }

    @Test
    void compile_forbiddenCall_namesTheLineOfTheCall() throws IOException, URISyntaxException {
        Path file = Path.of(RuleSafetyTest.class.getResource("/hostile/runtime-exec-in-condition.drl").toURI());

        assertThatThrownBy(() -> RuleSetCompiler.compile(List.of(new RuleFile("x.drl", Files.readString(file)))))
                .satisfies(e -> assertThat(((RuleSetRefusedException) e).problems())
                        .contains("x.drl:10: 'Runtime' is not allowed in rules (no system, thread, reflection, file, "
                                + "network, eval, from/accumulate or new)"));
    }
}
