package io.tollgate.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.parser.DrlParser;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SessionReuseTest {

    private static RuleDescr rule(String attributes, String condition) throws Exception {
        String drl = "package rules;\nimport io.tollgate.facts.*;\nrule \"r\"\n" + attributes + "\nwhen\n"
                + condition + "\nthen\nend\n";
        return new DrlParser().parse(false, new StringReader(drl)).getRules().get(0);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "                          | Charge( amountFen > 1 )                                    | true",
        "salience 5                | Charge( $a : amountFen ) Subscriber( balanceFen < $a )     | true",
        "ruleflow-group \"decide\" | RiskScore( points >= 40 )                                  | true",
        "                          | Charge( amountFen > 1 ) or Subscriber( known )             | true",
        "                          | ( Charge( amountFen > 1 ) and Subscriber( known ) ) or ListHits( ip ) | true",
        "                          | not Subscriber( known )                                    | false",
        "                          | Charge( amountFen > 1 ) not ListHits( ip )                 | false",
        "                          | exists Charge( amountFen > 1 )                             | false",
        "                          | forall( Charge( amountFen > 1 ) )                          | false",
        "                          |                                                            | false",
        "activation-group \"g\"    | Charge( amountFen > 1 )                                    | false",
        "lock-on-active true       | Charge( amountFen > 1 )                                    | false",
    })
    void allows_onlyRulesMatchingOnInsertedFacts(String attributes, String condition, boolean allowed)
            throws Exception {
        assertThat(SessionReuse.allows(rule(attributes == null ? "" : attributes, condition == null ? "" : condition)))
                .isEqualTo(allowed);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "                                       | Charge( amountFen > 1 ) Subscriber( known )       | true",
        "                                       |                                                   | true",
        "ruleflow-group \"decide\"              | RiskScore( points >= 40 ) Charge( amountFen > 1 ) | true",
        "agenda-group \"decide\"                | RiskScore( points >= 40 )                         | true",
        "ruleflow-group \"decide\" auto-focus false | RiskScore( points >= 40 )                     | true",
        "ruleflow-group \"decide\" auto-focus true | RiskScore( points >= 40 )                      | false",
        "                                       | RiskScore( points >= 40 )                         | false",
        "ruleflow-group \"other\"               | RiskScore( points >= 40 )                         | false",
        "                                       | io.tollgate.facts.RiskScore( points >= 40 )       | false",
        "                                       | Charge( amountFen > 1 ) or RiskScore( points > 0 ) | false",
        "                                       | not RiskScore( )                                  | false",
        "                                       | Object( )                                         | false",
        "                                       | Record( )                                         | false",
    })
    void allowsKeptScore_onlyWhenNoRuleCouldSeeTheScoreInTheFirstPhase(String attributes, String condition,
            boolean allowed) throws Exception {
        assertThat(SessionReuse.allowsKeptScore(rule(attributes == null ? "" : attributes,
                condition == null ? "" : condition))).isEqualTo(allowed);
    }
}
