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
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** A corpus of hostile rule files (src/test/resources/hostile): each is refused before anything of it is compiled. */
class RuleSafetyTest {
    private static final Path MARKER = Path.of("/tmp/tollgate-hostile");

    static Stream<Path> hostileFiles() throws IOException, URISyntaxException {
        Path folder = Path.of(RuleSafetyTest.class.getResource("/hostile").toURI());
        return Files.list(folder).filter(file -> file.toString().endsWith(".drl")).sorted();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileFiles")
    void compile_hostileRuleFile_refusedWithFileAndLine(Path file) throws IOException {
        Files.deleteIfExists(MARKER);
        String name = file.getFileName().toString();
        RuleFile hostile = new RuleFile(name, Files.readString(file));
        long builds = RuleSetCompiler.builds();

        assertThatThrownBy(() -> RuleSetCompiler.compile(List.of(hostile)))
                .isInstanceOf(RuleSetRefusedException.class)
                .satisfies(e -> assertThat(((RuleSetRefusedException) e).problems())
                        .isNotEmpty()
                        .allSatisfy(problem -> assertThat(problem).matches(name.replace(".", "\\.") + ":[1-9][0-9]*: .+")));
        assertThat(MARKER).doesNotExist();
        assertThat(RuleSetCompiler.builds()).as("the compiler was never started").isEqualTo(builds);
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
                        .containsExactly("x.drl:10: rule \"runs a process\": 'java' is not a field of Charge, a binding "
                                + "or an imported Tollgate enum (no class names or static calls)"));
    }

    @Test
    void compile_everyAllowedConstruct_compiles() throws IOException, URISyntaxException {
        Path file = Path.of(RuleSafetyTest.class.getResource("/allowed/everything-allowed.drl").toURI());

        RuleSet rules = RuleSetCompiler.compile(List.of(new RuleFile("allowed.drl", Files.readString(file))));

        assertThat(rules.rules()).extracting(RuleMeta::code)
                .containsExactlyInAnyOrder("OK-FIELDS", "OK-STRINGS", "OK-BINDINGS");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "amountFen > 100", "msisdn == \"13800138000\"", "payMode == PayMode.WAP", "payMode in (PayMode.WAP)",
        "merchantId not in (\"a\", \"b\")", "amountFen * 2 + 1 > 5", "-amountFen < 0", "!subscription",
        "deviceId != null && deviceId.length() > 3", "deviceId.strip().isEmpty()", "merchantId.startsWith(\"m\")",
        "merchantId.substring(0, 1) == \"m\"", "otpLatencyMs != null && otpLatencyMs.longValue() < 3000",
        "deviceId matches \"dev-[0-9]+\"", "deviceId not matches \"(ab)+\"", "this != null",
        "$id : requestId, $id.length() > 0", "(amountFen > 5 || amountFen < 2)"})
    void compile_allowedConstraint_compiles(String constraint) {
        assertThat(RuleSetCompiler.compile(List.of(chargeRule(constraint))).rules()).hasSize(1);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "merchantId.toUpperCase() == \"M\"              | method toUpperCase() on String is not allowed",
        "merchantId.hashCode() > 0                      | method hashCode() on String is not allowed",
        "amountFen.toString() == \"1\"                   | method toString() on long is not allowed",
        "PayMode.WAP.name() == \"WAP\"                   | only the constants of an enum may be used",
        "payMode == PayMode.NOT_A_MODE                  | PayMode.NOT_A_MODE is not a constant of PayMode",
        "payMode == io.tollgate.charge.PayMode.WAP      | 'io' is not a field of Charge",
        "requestId.length > 0                           | 'length' is not a field of String",
        "deviceId matches \"(x+x+)+y\"                   | repeats a group that itself repeats",
        "deviceId matches \"a.*b.*c.*d\"                 | has more than 2 unbounded repetitions",
        "deviceId matches \"\\\\(a+\\\\)+\"             | repeats a group that itself repeats"})
    void compile_nearMissConstraint_refusedNamingTheConstruct(String constraint, String message) {
        assertThatThrownBy(() -> RuleSetCompiler.compile(List.of(chargeRule(constraint))))
                .isInstanceOf(RuleSetRefusedException.class)
                .satisfies(e -> assertThat(((RuleSetRefusedException) e).problems()).singleElement()
                        .asString().startsWith("near.drl:8: rule \"near miss\": ").contains(message));
    }

    private static RuleFile chargeRule(String constraint) {
        return new RuleFile("near.drl", """
                package rules;
                import io.tollgate.facts.Charge;
                import io.tollgate.charge.PayMode;
                rule "near miss"
                    @code("NEAR")
                    @action("FLAG")
                    @reason("near")
                when Charge( %s )
                then
                end
                """.formatted(constraint));
    }
}
