package io.tollgate.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RuleSetLimitsTest {
    private static RuleFile nested(int depth, String name) {
        return new RuleFile(name, """
                package rules;
                import io.tollgate.facts.Charge;
                // ((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((( in a comment
                rule "nested"
                    @code("NESTED")
                    @action("FLAG")
                    @reason("(((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((( in a string")
                when
                    Charge( %samountFen > 0%s )
                then
                end
                """.formatted("(".repeat(depth - 1), ")".repeat(depth - 1)));
    }

    @Test
    void compile_nestingAtTheLimit_compiles_oneDeeper_isRefusedWithItsLine() {
        assertThat(RuleSetCompiler.compile(List.of(nested(RuleSetLimits.MAX_NESTING, "deep.drl"))).rules()).hasSize(1);

        assertThatThrownBy(() -> RuleSetCompiler.compile(List.of(nested(RuleSetLimits.MAX_NESTING + 1, "deeper.drl"))))
                .isInstanceOf(RuleSetRefusedException.class)
                .satisfies(e -> assertThat(((RuleSetRefusedException) e).problems())
                        .containsExactly("deeper.drl:9: parentheses or brackets are nested more than 64 deep"));
    }

    @Test
    void compile_ruleSetOverTheSizeLimit_isRefusedBeforeParsing() {
        String padding = "// " + "x".repeat(1_000) + "\n";
        RuleFile big = new RuleFile("big.drl", TestRules.bigCharge(3000) + padding.repeat(RuleSetLimits.MAX_BYTES / 1_000));

        assertThatThrownBy(() -> RuleSetCompiler.compile(List.of(big)))
                .isInstanceOf(RuleSetRefusedException.class)
                .satisfies(e -> assertThat(((RuleSetRefusedException) e).problems()).singleElement().asString()
                        .startsWith("big.drl:1: the rule set has ").endsWith("bytes; at most 1048576 are accepted"));
    }

    @Test
    void compile_tooManyFiles_isRefused() {
        List<RuleFile> files = IntStream.rangeClosed(0, RuleSetLimits.MAX_FILES)
                .mapToObj(i -> new RuleFile("f" + i + ".drl", "package rules;\n")).toList();

        assertThatThrownBy(() -> RuleSetCompiler.compile(files))
                .isInstanceOf(RuleSetRefusedException.class)
                .satisfies(e -> assertThat(((RuleSetRefusedException) e).problems())
                        .containsExactly("f0.drl:1: the rule set has 201 files; at most 200 are accepted"));
    }

    @Test
    void withinBuildTime_compilerThrowsAnError_becomesAProblem() {
        List<String> problems = new ArrayList<>();

        Object result = RuleSetLimits.withinBuildTime(found -> {
            throw new StackOverflowError();
        }, List.of(new RuleFile("a.drl", "")), problems);

        assertThat(result).isNull();
        assertThat(problems).containsExactly("a.drl:1: the rule compiler failed: StackOverflowError");
    }

    @Test
    void withinBuildTime_compilerProblems_areHandedBack() {
        List<String> problems = new ArrayList<>();

        String result = RuleSetLimits.withinBuildTime(found -> {
            found.add("a.drl:3: broken");
            return "built";
        }, List.of(new RuleFile("a.drl", "")), problems);

        assertThat(result).isEqualTo("built");
        assertThat(problems).containsExactly("a.drl:3: broken");
    }
}
