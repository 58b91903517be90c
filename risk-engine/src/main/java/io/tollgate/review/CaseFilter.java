package io.tollgate.review;

import io.tollgate.Decision;
import io.tollgate.charge.Msisdn;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which review cases to list, count or export. Every part is optional ({@code null}: any). Dates
 * are calendar days in China time (UTC+8), both ends included: {@code from 2026-03-01 to
 * 2026-03-01} is the cases opened on that day in Beijing. Immutable.
 *
 * @param status the case's status
 * @param decision the verdict's decision
 * @param ruleCode a rule that hit and was enforced (shadow hits do not count)
 * @param merchantId the merchant, exactly
 * @param openedFrom the first day the case may have opened on
 * @param openedTo the last day the case may have opened on
 * @param contested {@code true}: only cases a subscriber contested; {@code false}: only the others
 */
public record CaseFilter(CaseStatus status, Decision decision, String ruleCode, String merchantId,
        LocalDate openedFrom, LocalDate openedTo, Boolean contested) {
    /** Every case. */
    public static final CaseFilter ALL = new CaseFilter(null, null, null, null, null, null, null);
    private static final Pattern RULE_CODE = Pattern.compile("[A-Z0-9][A-Z0-9-]{0,63}");

    public CaseFilter {
        if (ruleCode != null && !RULE_CODE.matcher(ruleCode).matches()) {
            throw new InvalidFilterException("rule", "'" + shown(ruleCode)
                    + "' is not a rule code (capital letters, digits and '-', e.g. VEL-MSISDN-10M)");
        }
        if (merchantId != null && (merchantId.isBlank() || merchantId.length() > 128)) {
            throw new InvalidFilterException("merchant", "'" + shown(merchantId) + "' is not a merchant id");
        }
        if (openedFrom != null && openedTo != null && openedTo.isBefore(openedFrom)) {
            throw new InvalidFilterException("to", "'" + openedTo + "' is before from '" + openedFrom + "'");
        }
    }

    /**
     * Reads a filter as a person types it (a query string, command-line options); blank means any.
     *
     * @param status OPEN, CONFIRMED_FRAUD, FALSE_POSITIVE, ESCALATED, or ALL
     * @param decision ALLOW, FLAG, CHALLENGE or BLOCK
     * @param ruleCode a rule code, any case
     * @param merchantId a merchant id
     * @param from a date {@code YYYY-MM-DD}, China time
     * @param to a date {@code YYYY-MM-DD}, China time, included
     * @param contested {@code yes} or {@code no}
     * @return the filter
     * @throws InvalidFilterException naming the field and the value that cannot be read
     */
    public static CaseFilter parse(String status, String decision, String ruleCode, String merchantId, String from,
            String to, String contested) {
        String statusText = blankToNull(status);
        return new CaseFilter(
                statusText == null || statusText.equalsIgnoreCase("ALL") ? null
                        : enumValue(CaseStatus.class, "status", statusText),
                enumValue(Decision.class, "decision", blankToNull(decision)),
                blankToNull(ruleCode) == null ? null : ruleCode.strip().toUpperCase(Locale.ROOT),
                blankToNull(merchantId) == null ? null : merchantId.strip(),
                date("from", blankToNull(from)),
                date("to", blankToNull(to)),
                yesNo("contested", blankToNull(contested)));
    }

    /** @return the same filter for any status: what the per-status counts are taken over */
    public CaseFilter anyStatus() {
        return new CaseFilter(null, decision, ruleCode, merchantId, openedFrom, openedTo, contested);
    }

    /** @return the filter with another status ({@code null}: any) */
    public CaseFilter withStatus(CaseStatus newStatus) {
        return new CaseFilter(newStatus, decision, ruleCode, merchantId, openedFrom, openedTo, contested);
    }

    /** @return the filter as {@code name=value} pairs of the query string and the command line, any part left out */
    public List<String[]> parameters() {
        List<String[]> parameters = new ArrayList<>();
        add(parameters, "status", status == null ? null : status.name());
        add(parameters, "decision", decision == null ? null : decision.name());
        add(parameters, "rule", ruleCode);
        add(parameters, "merchant", merchantId);
        add(parameters, "from", openedFrom == null ? null : openedFrom.toString());
        add(parameters, "to", openedTo == null ? null : openedTo.toString());
        add(parameters, "contested", contested == null ? null : contested ? "yes" : "no");
        return parameters;
    }

    /** @return the filter for people and the audit trail, e.g. {@code status=OPEN rule=VEL-MSISDN-10M}; numbers masked */
    public String describe() {
        List<String> parts = parameters().stream().map(pair -> pair[0] + "=" + pair[1]).toList();
        return parts.isEmpty() ? "all cases" : Msisdn.maskAll(String.join(" ", parts));
    }

    private static void add(List<String[]> parameters, String name, String value) {
        if (value != null) {
            parameters.add(new String[] {name, value});
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String field, String value) {
        if (value == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidFilterException(field, "unknown value '" + shown(value) + "' (expected "
                    + String.join("|", Arrays.stream(type.getEnumConstants()).map(Enum::name).toList()) + ")");
        }
    }

    private static LocalDate date(String field, String value) {
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidFilterException(field, "'" + shown(value) + "' is not a date YYYY-MM-DD (China time)");
        }
    }

    private static Boolean yesNo(String field, String value) {
        if (value == null) {
            return null;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "yes", "true" -> true;
            case "no", "false" -> false;
            default -> throw new InvalidFilterException(field, "unknown value '" + shown(value) + "' (expected yes|no)");
        };
    }

    /** A value as it may be echoed back: masked and cut short. */
    private static String shown(String value) {
        String masked = Msisdn.maskAll(value);
        return masked.length() > 80 ? masked.substring(0, 80) + "..." : masked;
    }
}
