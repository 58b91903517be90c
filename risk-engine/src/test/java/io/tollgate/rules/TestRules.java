package io.tollgate.rules;

/** Small rule files for tests of the rule machinery (not of the default rule set). */
final class TestRules {
    private TestRules() {
    }

    /** @return a rule set of one rule, T-BIG, that flags a charge over {@code thresholdFen} */
    static String bigCharge(long thresholdFen) {
        return """
                package rules;
                import io.tollgate.facts.Charge;
                rule "Big charge"
                    @code("T-BIG")
                    @action("FLAG")
                    @reason("big")
                when
                    Charge( amountFen > %d )
                then
                end
                """.formatted(thresholdFen);
    }
}
