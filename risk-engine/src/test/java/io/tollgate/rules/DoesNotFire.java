package io.tollgate.rules;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a near-miss test: the value just on the other side of a rule's threshold, proven not to
 * fire. {@link RuleCoverageTest} fails when a rule of the rule set has no enabled test marked with
 * its code.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@interface DoesNotFire {
    /** @return the rule codes the test proves do not fire */
    String[] value();
}
