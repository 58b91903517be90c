package io.tollgate.review;

import io.tollgate.RuleHit;
import io.tollgate.charge.Msisdn;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Writes review cases as CSV (RFC 4180, UTF-8, header row) for compliance staff: numbers masked
 * ({@code 138****1234}) in every column, and a cell that a spreadsheet would run as a formula
 * ({@code = + - @} first) is prefixed with {@code '}. Opened times are China time. Not thread-safe
 * (one writer).
 */
final class CaseCsv {
    /** The columns, in order. */
    static final List<String> COLUMNS = List.of("case_id", "opened_at", "status", "contested", "decision",
            "score", "msisdn", "device_id", "merchant_id", "rule_codes", "ruleset_version", "request_id");

    private final Writer out;

    /**
     * @param out where the CSV goes; the header row is written at once
     * @throws UncheckedIOException when it cannot be written
     */
    CaseCsv(Writer out) {
        this.out = out;
        line(COLUMNS);
    }

    /**
     * Writes one case.
     *
     * @param c the case
     * @throws UncheckedIOException when it cannot be written
     */
    void write(ReviewCase c) {
        line(List.of(Long.toString(c.caseId()), c.openedAt().atOffset(ReviewCases.CHINA).toString(),
                c.status().name(), c.contested() ? "yes" : "no", c.decision().name(), Integer.toString(c.score()),
                c.msisdn().masked(), c.deviceId() == null ? "" : c.deviceId(), c.merchantId(),
                c.hits().stream().filter(hit -> !hit.shadow()).map(RuleHit::code).collect(Collectors.joining(";")),
                c.rulesetVersion(), c.requestId()));
    }

    private void line(List<String> cells) {
        try {
            for (int i = 0; i < cells.size(); i++) {
                if (i > 0) {
                    out.write(',');
                }
                out.write(cell(cells.get(i)));
            }
            out.write("\r\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String cell(String value) {
        String text = Msisdn.maskAll(value);
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            return "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }
}
