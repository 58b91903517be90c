package io.tollgate.scenarios;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.tollgate.Decision;
import io.tollgate.charge.Fields;
import io.tollgate.charge.InvalidFieldException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads scenario files: every {@code .yaml} file under a folder holds a list of scenarios under
 * {@code scenarios:}. Omitted columns take defaults, so a scenario states only what matters to it:
 *
 * <pre>
 * scenarios:
 *   - name: a blacklisted number is blocked
 *     given:
 *       blacklist:
 *         - { kind: MSISDN, value: "13800138000" }
 *     charge: { msisdn: "13800138000" }
 *     expect: { decision: BLOCK, hits: [LIST-MSISDN] }
 * </pre>
 *
 * Thread-safe.
 */
public final class ScenarioFiles {
    /** When a scenario's charge is checked unless it says {@code at:}: 2026-03-10 12:00 China time. */
    public static final String DEFAULT_AT = "2026-03-10T12:00:00+08:00";
    /** The charge and earlier charges start from these columns. */
    static final Map<String, String> CHARGE_DEFAULTS = Map.ofEntries(
            Map.entry("msisdn", "13800138000"), Map.entry("merchant_id", "M1001"),
            Map.entry("product_id", "P1001-01"), Map.entry("amount_fen", "500"),
            Map.entry("billing_type", "PER_USE"), Map.entry("charge_kind", "INITIAL"),
            Map.entry("pay_mode", "SMS_OTP"), Map.entry("device_id", "dev-A"), Map.entry("ip", "10.0.0.1"),
            Map.entry("otp_latency_ms", "6000"));
    static final Map<String, String> SUBSCRIBER_DEFAULTS = Map.of("carrier", "CMCC", "activated_on", "2020-01-01",
            "plan", "POSTPAID", "balance_fen", "100000", "arrears_days", "0", "status", "ACTIVE",
            "updated_at", "2026-01-01T00:00:00+08:00");
    static final Map<String, String> BLACKLIST_DEFAULTS = Map.of("source", "INTERNAL", "reason", "scenario",
            "added_at", "2026-01-01T00:00:00+08:00");
    static final Map<String, String> COMPLAINT_DEFAULTS = Map.of("kind", "UNAUTHORIZED", "source", "CARRIER");
    static final Map<String, String> DISPUTE_DEFAULTS = Map.of("amount_fen", "500");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private ScenarioFiles() {
    }

    /**
     * @param folder a folder of {@code .yaml} scenario files, searched recursively
     * @return every scenario, by file name then order in the file
     * @throws InvalidScenarioException naming the file, scenario and field of a mistake
     */
    public static List<Scenario> read(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new InvalidScenarioException(folder + ": scenario folder does not exist");
        }
        List<Scenario> scenarios = new ArrayList<>();
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path file : paths.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                    .sorted().toList()) {
                scenarios.addAll(readFile(file));
            }
        } catch (IOException e) {
            throw new InvalidScenarioException(folder + ": cannot read: " + e.getMessage());
        }
        return scenarios;
    }

    static List<Scenario> readFile(Path file) {
        JsonNode root;
        try {
            root = YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new InvalidScenarioException(file + ": not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
        }
        JsonNode list = root == null ? null : root.get("scenarios");
        if (list == null || !list.isArray()) {
            throw new InvalidScenarioException(file + ": expected a list under 'scenarios:'");
        }
        List<Scenario> scenarios = new ArrayList<>();
        int index = 0;
        for (JsonNode node : list) {
            index++;
            String name = node.hasNonNull("name") ? node.get("name").asText() : "scenario " + index;
            try {
                scenarios.add(scenario(file, name, node));
            } catch (InvalidFieldException | IllegalArgumentException | DateTimeParseException e) {
                throw new InvalidScenarioException(file + ": \"" + name + "\": " + e.getMessage());
            }
        }
        return scenarios;
    }

    private static Scenario scenario(Path file, String name, JsonNode node) {
        String at = node.hasNonNull("at") ? node.get("at").asText() : DEFAULT_AT;
        Instant atInstant = Fields.instant("at", at);
        Map<String, String> charge = merge(CHARGE_DEFAULTS, columns(node.get("charge"), "charge"));
        charge.putIfAbsent("request_id", "SCENARIO");
        charge.put("ts", at);
        String msisdn = charge.get("msisdn");
        JsonNode given = node.path("given");
        List<Map<String, String>> subscribers = rows(given.get("subscribers"), "given.subscribers", SUBSCRIBER_DEFAULTS,
                Map.of("msisdn", msisdn));
        if (given.has("subscriber")) {
            subscribers.add(merge(merge(SUBSCRIBER_DEFAULTS, Map.of("msisdn", msisdn)),
                    columns(given.get("subscriber"), "given.subscriber")));
        }
        List<Map<String, String>> blacklist = rows(given.get("blacklist"), "given.blacklist", BLACKLIST_DEFAULTS, Map.of());
        List<Map<String, String>> complaints = rows(given.get("complaints"), "given.complaints", COMPLAINT_DEFAULTS,
                Map.of("msisdn", msisdn, "merchant_id", charge.get("merchant_id")));
        for (int i = 0; i < complaints.size(); i++) {
            complaints.get(i).putIfAbsent("complaint_id", "C" + (i + 1));
        }
        List<Map<String, String>> disputes = rows(given.get("disputes"), "given.disputes", DISPUTE_DEFAULTS,
                Map.of("msisdn", msisdn));
        List<Scenario.PriorCharge> prior = priorCharges(given.get("charges"), msisdn);
        return new Scenario(file, name, atInstant, subscribers, blacklist, complaints, disputes, prior, charge,
                expectation(node.get("expect")));
    }

    private static List<Scenario.PriorCharge> priorCharges(JsonNode list, String msisdn) {
        List<Scenario.PriorCharge> charges = new ArrayList<>();
        if (list == null) {
            return charges;
        }
        int number = 0;
        for (JsonNode node : list) {
            Map<String, String> columns = merge(merge(CHARGE_DEFAULTS, Map.of("msisdn", msisdn)),
                    columns(node, "given.charges"));
            int repeat = columns.containsKey("repeat") ? Integer.parseInt(columns.remove("repeat")) : 1;
            Duration every = columns.containsKey("every") ? Duration.parse(columns.remove("every")) : Duration.ZERO;
            boolean failed = "FAILURE".equals(columns.remove("carrier_result"));
            if (!columns.containsKey("ts")) {
                throw new IllegalArgumentException("given.charges: every earlier charge needs a ts");
            }
            Instant ts = Fields.instant("ts", columns.get("ts"));
            for (int i = 0; i < repeat; i++) {
                Map<String, String> copy = new LinkedHashMap<>(columns);
                copy.put("ts", ts.plus(every.multipliedBy(i)).toString());
                copy.putIfAbsent("request_id", "PRIOR-" + (++number));
                if (i > 0 && columns.containsKey("request_id")) {
                    copy.put("request_id", columns.get("request_id") + "-" + i);
                }
                charges.add(new Scenario.PriorCharge(copy, failed));
            }
        }
        charges.sort((a, b) -> Fields.instant("ts", a.columns().get("ts")).compareTo(Fields.instant("ts", b.columns().get("ts"))));
        return charges;
    }

    private static Scenario.Expectation expectation(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("expect: is required (decision, score, hits, fires, does_not_fire)");
        }
        Decision decision = node.hasNonNull("decision")
                ? Fields.enumValue(Decision.class, "expect.decision", node.get("decision").asText()) : null;
        Integer score = node.hasNonNull("score") ? node.get("score").asInt() : null;
        Set<String> hits = node.has("hits") ? codes(node.get("hits")) : null;
        return new Scenario.Expectation(decision, score, hits, codes(node.get("fires")), codes(node.get("does_not_fire")));
    }

    private static Set<String> codes(JsonNode node) {
        Set<String> codes = new LinkedHashSet<>();
        if (node != null && node.isArray()) {
            node.forEach(code -> codes.add(code.asText()));
        } else if (node != null && !node.isNull()) {
            codes.add(node.asText());
        }
        return codes;
    }

    private static List<Map<String, String>> rows(JsonNode list, String where, Map<String, String> defaults,
            Map<String, String> fromCharge) {
        List<Map<String, String>> rows = new ArrayList<>();
        if (list == null) {
            return rows;
        }
        if (!list.isArray()) {
            throw new IllegalArgumentException(where + ": expected a list");
        }
        for (JsonNode node : list) {
            rows.add(merge(merge(defaults, fromCharge), columns(node, where)));
        }
        return rows;
    }

    private static Map<String, String> columns(JsonNode node, String where) {
        Map<String, String> columns = new LinkedHashMap<>();
        if (node == null) {
            return columns;
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException(where + ": expected column: value pairs");
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!field.getValue().isNull()) {
                columns.put(field.getKey(), field.getValue().asText());
            } else {
                columns.put(field.getKey(), "");
            }
        }
        return columns;
    }

    private static Map<String, String> merge(Map<String, String> base, Map<String, String> overrides) {
        Map<String, String> merged = new LinkedHashMap<>(base);
        merged.putAll(overrides);
        return merged;
    }
}
