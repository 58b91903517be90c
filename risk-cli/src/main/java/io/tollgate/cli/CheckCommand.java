package io.tollgate.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.RiskEngine;
import io.tollgate.RiskVerdict;
import io.tollgate.charge.ChargeRequest;
import io.tollgate.charge.Fields;
import io.tollgate.charge.Msisdn;
import io.tollgate.console.VerdictJson;
import io.tollgate.store.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code tollgate check}: decides one charge, given as options named after the {@code charges.csv}
 * columns or as a JSON object keyed by them, records the decision in the database and prints the
 * verdict as JSON. The exit code says whether the check ran, not what it decided. Not thread-safe.
 */
@Command(name = "check",
        header = "Decides one charge and prints the verdict as JSON.",
        description = {
            "The charge comes from the options below, named after the charges.csv columns, or from "
                    + "--json FILE, an object keyed by the column names (values as strings or numbers).",
            "The decision is recorded in the database like a gateway's check: a retry with the same "
                    + "--request-id returns the same verdict. With --ts the charge is decided as of that "
                    + "instant (lists, complaints, velocity as they were then); without it, now.",
            "Exits 0 whatever the decision."})
final class CheckCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--json", paramLabel = "FILE",
            description = "A JSON object with the charges.csv column names as keys, instead of the options below.")
    private Path json;

    @Option(names = "--request-id", paramLabel = "ID", description = "The gateway's id of the charge (required).")
    private String requestId;

    @Option(names = "--ts", paramLabel = "TIMESTAMP",
            description = "When the charge arrived, ISO-8601 with offset, e.g. 2026-03-07T16:08:02+08:00. Default: now.")
    private String ts;

    @Option(names = "--msisdn", paramLabel = "NUMBER",
            description = "The number charged: 11 digits, +86/86/0086, spaces and dashes allowed (required).")
    private String msisdn;

    @Option(names = "--carrier", paramLabel = "CMCC|CUCC|CTCC",
            description = "Default: from the subscriber's profile, else the number segment.")
    private String carrier;

    @Option(names = "--merchant-id", paramLabel = "ID", description = "The service provider charging (required).")
    private String merchantId;

    @Option(names = "--product-id", paramLabel = "ID", description = "The product bought (required).")
    private String productId;

    @Option(names = "--amount-fen", paramLabel = "FEN", description = "The price in fen, 1 CNY = 100 fen (required).")
    private String amountFen;

    @Option(names = "--billing-type", paramLabel = "PER_USE|MONTHLY_CALENDAR|MONTHLY_ROLLING",
            description = "(required)")
    private String billingType;

    @Option(names = "--charge-kind", paramLabel = "INITIAL|RENEWAL", description = "(required)")
    private String chargeKind;

    @Option(names = "--pay-mode", paramLabel = "SMS_DIRECT|SMS_OTP|WAP", description = "(required)")
    private String payMode;

    @Option(names = "--device-id", paramLabel = "ID", description = "The device's id.")
    private String deviceId;

    @Option(names = "--ip", paramLabel = "ADDRESS", description = "The user's IP address.")
    private String ip;

    @Option(names = "--otp-latency-ms", paramLabel = "MS",
            description = "Milliseconds from the OTP sent to the OTP submitted.")
    private String otpLatencyMs;

    @Mixin
    private DatabaseOption database;

    @Mixin
    private RulesOption rules;

    @Override
    public Integer call() {
        Map<String, String> options = optionColumns();
        if (json != null && !options.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--json cannot be combined with "
                    + String.join(", ", options.keySet().stream().map(CheckCommand::optionName).toList()));
        }
        if (json == null && options.isEmpty()) {
            throw new ParameterException(spec.commandLine(),
                    "give the charge as options (--request-id, --msisdn, ...) or as --json FILE");
        }
        ChargeRequest request = ChargeRequest.fromColumns(json != null ? ChargeJson.read(json) : options);
        RiskEngine.Builder builder = rules.applyTo(RiskEngine.builder().jdbcUrl(database.jdbcUrl()));
        if (request.ts() != null) {
            // The engine decides as of --ts and keeps what it counts: a time in the future would sit
            // in the number's windows ahead of every later charge.
            request.requireTsNotAhead(Instant.now());
            builder.clock(Clock.fixed(request.ts(), ZoneOffset.UTC));
        }
        RiskVerdict verdict;
        try (RiskEngine engine = builder.build()) {
            verdict = engine.check(request);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(toJson(verdict));
        out.flush();
        return Tollgate.OK;
    }

    private Map<String, String> optionColumns() {
        Map<String, String> columns = new LinkedHashMap<>();
        columns.put("request_id", requestId);
        columns.put("ts", ts);
        columns.put("msisdn", msisdn);
        columns.put("carrier", carrier);
        columns.put("merchant_id", merchantId);
        columns.put("product_id", productId);
        columns.put("amount_fen", amountFen);
        columns.put("billing_type", billingType);
        columns.put("charge_kind", chargeKind);
        columns.put("pay_mode", payMode);
        columns.put("device_id", deviceId);
        columns.put("ip", ip);
        columns.put("otp_latency_ms", otpLatencyMs);
        columns.values().removeIf(Objects::isNull);
        return columns;
    }

    private static String optionName(String column) {
        return "--" + column.replace('_', '-');
    }

    /**
     * @param verdict a verdict
     * @return it as pretty JSON with the field names of the CSV contracts
     */
    static String toJson(RiskVerdict verdict) {
        try {
            return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(VerdictJson.of(verdict));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the verdict as JSON", e);
        }
    }

    /** Reads a charge from a JSON file; stateless. */
    static final class ChargeJson {
        private ChargeJson() {
        }

        /**
         * @param file a JSON object keyed by {@code charges.csv} column names
         * @return its values as text, nulls left out
         * @throws BadInputException when the file is missing, not JSON, not an object, or holds a
         *     value that is neither a string nor a number
         */
        static Map<String, String> read(Path file) {
            Inputs.file(file, "--json");
            JsonNode root;
            try {
                root = Json.mapper().readTree(file.toFile());
            } catch (JsonProcessingException e) {
                String where = e.getLocation() == null ? ""
                        : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
                throw new BadInputException("--json " + file + ": not valid JSON" + where + ": "
                        + Msisdn.maskEchoed(e.getOriginalMessage()), e); // it may quote a token of the file
            } catch (IOException e) {
                throw new BadInputException("--json " + file + ": cannot read: " + e.getMessage(), e);
            }
            if (root == null || !root.isObject()) {
                throw new BadInputException("--json " + file + ": expected a JSON object keyed by charges.csv column names");
            }
            Map<String, String> columns = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> field : root.properties()) {
                JsonNode value = field.getValue();
                if (value.isNull()) {
                    continue;
                }
                if (!value.isTextual() && !value.isNumber()) {
                    throw new BadInputException("--json " + file + ": " + Msisdn.maskEchoed(Fields.shown(field.getKey()))
                            + ": expected a string or a number, got " + value.getNodeType().name().toLowerCase(Locale.ROOT));
                }
                columns.put(field.getKey(), value.asText());
            }
            return columns;
        }
    }
}
