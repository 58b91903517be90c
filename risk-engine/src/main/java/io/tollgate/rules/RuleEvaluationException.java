package io.tollgate.rules;

import io.tollgate.TollgateException;

/** The rules could not decide a charge: a rule threw, or they looped past the firing bound. */
public final class RuleEvaluationException extends TollgateException {
    RuleEvaluationException(String message) {
        super(message);
    }

    RuleEvaluationException(String message, Throwable cause) {
        super(message, cause);
    }
}
