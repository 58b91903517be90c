package io.tollgate.rules;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a test that proves these rules fire. {@link RuleTestSupport} fails the test when none of
 * its verdicts carried one of the codes, and {@link RuleCoverageTest} fails when a rule of the rule
 * set has no enabled test marked with its code.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@interface Fires {
    /** @return the rule codes the test proves fire */
    String[] value();
}
