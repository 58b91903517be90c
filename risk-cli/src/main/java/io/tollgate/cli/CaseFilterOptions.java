package io.tollgate.cli;

import io.tollgate.review.CaseFilter;
import io.tollgate.review.InvalidFilterException;
import picocli.CommandLine.Option;

/**
 * The queue filters of {@code cases list} and {@code cases export}, the same as the console's
 * {@code /cases?...}. Not thread-safe (picocli fills it in).
 */
final class CaseFilterOptions {
    @Option(names = "--status", paramLabel = "STATUS", defaultValue = "OPEN",
            description = "OPEN, CONFIRMED_FRAUD, FALSE_POSITIVE, ESCALATED or ALL. Default: ${DEFAULT-VALUE}")
    private String status;

    @Option(names = "--decision", paramLabel = "DECISION", description = "FLAG, BLOCK, CHALLENGE or ALLOW.")
    private String decision;

    @Option(names = "--rule", paramLabel = "CODE", description = "Only cases where this rule hit (enforced), e.g. VEL-MSISDN-10M.")
    private String rule;

    @Option(names = "--merchant", paramLabel = "ID", description = "Only this merchant's cases.")
    private String merchant;

    @Option(names = "--from", paramLabel = "YYYY-MM-DD", description = "Opened on or after this day (China time).")
    private String from;

    @Option(names = "--to", paramLabel = "YYYY-MM-DD", description = "Opened on or before this day (China time).")
    private String to;

    @Option(names = "--contested", paramLabel = "yes|no", description = "Only cases a subscriber contested (yes), or the others (no).")
    private String contested;

    /**
     * @return the filter
     * @throws BadInputException naming the option and the value that cannot be read
     */
    CaseFilter filter() {
        try {
            return CaseFilter.parse(status, decision, rule, merchant, from, to, contested);
        } catch (InvalidFilterException e) {
            throw new BadInputException("--" + e.getMessage(), e);
        }
    }
}
