package io.tollgate.rules;

import io.tollgate.TollgateException;
import java.util.List;

/**
 * A rule set that cannot go live: it does not compile, or its rules' metadata is incomplete or
 * contradictory. Each problem reads {@code file:line: message}.
 */
public final class RuleSetRefusedException extends TollgateException {
    private final List<String> problems;

    RuleSetRefusedException(List<String> problems) {
        super("rule set refused:\n" + String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    /** @return one {@code file:line: message} per problem */
    public List<String> problems() {
        return problems;
    }
}
