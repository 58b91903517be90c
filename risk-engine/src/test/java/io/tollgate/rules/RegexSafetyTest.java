package io.tollgate.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RegexSafetyTest {
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dev-[0-9a-f]+", "^[A-Z]+-[0-9]+$", "(ab)+", "(?:ab){2,3}", "\\p{Lu}+x",
        "a{1,16}b{1,16}c{1,16}d{1,16}", "[(]+\\(+", "(a|b)", "(a|b)?", "[a-z]*(?:x|y)", "1[3-9][0-9]{9}"})
    void problem_patternThatRunsInAtMostQuadraticTime_isNone(String regex) {
        assertThat(RegexSafety.problem(regex)).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"(.*a){30}", "(a+)+", "(a*)*b", "(?:a+){2}", "(a|b)*", "(a|ab){2,}", "((a)+b)+",
        ".*.*.*x", "a+b+c+", "a{1,17}b{1,17}c{1,17}", "(a*)\\1", "(?<n>a)\\k<n>", "(?=a)a", "(?!a)b",
        "(?<=a)b", "(?i)abc", "\\Qa\\E", "(", "a{", "[a-"})
    void problem_patternThatCanBacktrackCatastrophicallyOrIsInvalid_isNamed(String regex) {
        assertThat(RegexSafety.problem(regex)).isNotNull();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(ints = {RegexSafety.MAX_LENGTH, RegexSafety.MAX_LENGTH + 1})
    void problem_longPattern_refusedAboveTheLimit(int length) {
        String regex = "a".repeat(length);

        assertThat(RegexSafety.problem(regex) == null).isEqualTo(length <= RegexSafety.MAX_LENGTH);
    }
}
