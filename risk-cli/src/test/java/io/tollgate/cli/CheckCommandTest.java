package io.tollgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckCommandTest {
    /** 2026-03-10 12:00 China time: midday, so no night-time rule can fire. */
    private static final String NOON = "2026-03-10T12:00:00+08:00";

    @TempDir
    Path folder;

    /** A plain, harmless charge: 5 CNY per use by OTP, typed in 6 s, with device and IP. */
    private List<String> plainCharge(String requestId, String msisdn) {
        return new ArrayList<>(List.of("check", "--db", folder.resolve("tollgate").toString(),
                "--rules", CliRun.RULES.toString(),
                "--request-id", requestId, "--ts", NOON, "--msisdn", msisdn,
                "--merchant-id", "M1001", "--product-id", "P1001-01", "--amount-fen", "500",
                "--billing-type", "PER_USE", "--charge-kind", "INITIAL", "--pay-mode", "SMS_OTP",
                "--device-id", "dev-1", "--ip", "10.0.0.1", "--otp-latency-ms", "6000"));
    }

    private static CliRun run(List<String> args) {
        return CliRun.run(args.toArray(String[]::new));
    }

    private static JsonNode json(String text) throws IOException {
        return new ObjectMapper().readTree(text);
    }

    private static List<String> with(List<String> args, String option, String value) {
        args.set(args.indexOf(option) + 1, value);
        return args;
    }

    @Test
    void check_plainChargeFromOptions_allowsAndExitsZero() throws IOException {
        CliRun run = run(plainCharge("R-1", "+86 138 0013 8000"));

        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).isEmpty();
        JsonNode verdict = json(run.out());
        assertThat(verdict.get("request_id").asText()).isEqualTo("R-1");
        assertThat(verdict.get("decision").asText()).isEqualTo("ALLOW");
        assertThat(verdict.get("score").asInt()).isZero();
        assertThat(verdict.get("hits").isArray()).isTrue();
        assertThat(verdict.get("hits")).isEmpty();
        assertThat(verdict.get("ruleset_version").asText()).matches("[0-9a-f]{64}");
        assertThat(verdict.get("decided_at").asText()).isEqualTo("2026-03-10T04:00:00Z");
        assertThat(verdict.get("case_opened").asBoolean()).isFalse();
        assertThat(run.out()).doesNotContain("13800138000", "msisdn");
    }

    @Test
    void check_plainChargeFromJsonFile_allowsAndExitsZero() throws IOException {
        Path charge = Files.writeString(folder.resolve("charge.json"), """
                {"request_id": "R-2", "ts": "%s", "msisdn": "13800138000", "carrier": null,
                 "merchant_id": "M1001", "product_id": "P1001-01", "amount_fen": 500,
                 "billing_type": "PER_USE", "charge_kind": "INITIAL", "pay_mode": "SMS_OTP",
                 "device_id": "dev-1", "ip": "10.0.0.1", "otp_latency_ms": 6000, "comment": "ignored"}
                """.formatted(NOON));

        CliRun run = CliRun.run("check", "--db", folder.resolve("tollgate").toString(),
                "--rules", CliRun.RULES.toString(), "--json", charge.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(json(run.out()).get("decision").asText()).isEqualTo("ALLOW");
        assertThat(json(run.out()).get("request_id").asText()).isEqualTo("R-2");
    }

    @Test
    void check_chargeTheRulesBlock_stillExitsZeroAndPrintsWhy() throws IOException {
        CliRun run = run(with(plainCharge("R-3", "13800138000"), "--otp-latency-ms", "800"));

        assertThat(run.exitCode()).isZero();
        JsonNode verdict = json(run.out());
        assertThat(verdict.get("decision").asText()).isEqualTo("BLOCK");
        assertThat(verdict.get("hits").findValuesAsText("code")).containsExactly("FRAUD-OTP-FAST");
        JsonNode hit = verdict.get("hits").get(0);
        assertThat(hit.get("action").asText()).isEqualTo("BLOCK");
        assertThat(hit.get("reason").asText()).isNotBlank();
        assertThat(hit.has("points") && hit.has("shadow") && hit.has("review")).isTrue();
        assertThat(verdict.get("case_opened").asBoolean()).isTrue();
    }

    @Test
    void check_retrySameRequest_printsSameVerdict() {
        CliRun first = run(plainCharge("R-4", "13800138000"));
        CliRun retry = run(plainCharge("R-4", "13800138000"));

        assertThat(retry.exitCode()).isZero();
        assertThat(retry.out()).isEqualTo(first.out());
    }

    @Test
    void check_sameRequestIdWithOtherFields_exitsTwoWithOneLine() {
        run(plainCharge("R-5", "13800138000"));

        CliRun conflict = run(with(plainCharge("R-5", "13800138000"), "--amount-fen", "600"));

        assertThat(conflict.exitCode()).isEqualTo(Tollgate.BAD_INPUT);
        assertThat(conflict.errLines()).singleElement().asString().startsWith("tollgate: request_id: 'R-5'");
        assertThat(conflict.out()).isEmpty();
    }

    @Test
    void check_badMsisdn_exitsTwoWithOneLineNamingFieldAndMaskedValue() {
        CliRun run = run(with(plainCharge("R-6", "13800138000"), "--msisdn", "1380013800"));

        assertThat(run.exitCode()).isEqualTo(Tollgate.BAD_INPUT);
        assertThat(run.errLines()).singleElement().asString()
                .startsWith("tollgate: msisdn: ")
                .contains("'138****3800'")
                .doesNotContain("1380013800");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void check_unknownEnumValue_exitsTwoNamingFieldAndAcceptedValues() {
        CliRun run = run(with(plainCharge("R-7", "13800138000"), "--pay-mode", "SMS"));

        assertThat(run.exitCode()).isEqualTo(Tollgate.BAD_INPUT);
        assertThat(run.errLines()).singleElement().asString()
                .isEqualTo("tollgate: pay_mode: unknown value 'SMS' (expected SMS_DIRECT|SMS_OTP|WAP)");
    }

    @Test
    void check_missingRequiredField_exitsTwoNamingIt() {
        List<String> args = plainCharge("R-8", "13800138000");
        int at = args.indexOf("--merchant-id");
        args.remove(at);
        args.remove(at);

        CliRun run = run(args);

        assertThat(run.exitCode()).isEqualTo(Tollgate.BAD_INPUT);
        assertThat(run.errLines()).singleElement().asString().isEqualTo("tollgate: merchant_id: is required");
    }

    @Test
    void check_jsonAndFieldOptionsTogether_exitsTwo() throws IOException {
        Path charge = Files.writeString(folder.resolve("charge.json"), "{}");

        CliRun run = CliRun.run("check", "--json", charge.toString(), "--msisdn", "13800138000");

        assertThat(run.exitCode()).isEqualTo(Tollgate.BAD_INPUT);
        assertThat(run.errLines()).singleElement().asString().contains("--json cannot be combined with --msisdn");
    }

    @Test
    void check_noChargeGiven_exitsTwo() {
        CliRun run = CliRun.run("check");

        assertThat(run.exitCode()).isEqualTo(Tollgate.BAD_INPUT);
        assertThat(run.errLines()).singleElement().asString().contains("--json FILE");
    }

    @Test
    void check_jsonFileMissing_exitsTwoNamingIt() {
        CliRun run = CliRun.run("check", "--json", folder.resolve("nope.json").toString());

        assertThat(run.exitCode()).isEqualTo(Tollgate.BAD_INPUT);
        assertThat(run.errLines()).singleElement().asString().contains("nope.json: no such file");
    }

    @Test
    void check_jsonNotValid_exitsTwoWithLine() throws IOException {
        Path charge = Files.writeString(folder.resolve("charge.json"), "{\"request_id\": \"R-9\",\n \"msisdn\": }");

        CliRun run = CliRun.run("check", "--json", charge.toString());

        assertThat(run.exitCode()).isEqualTo(Tollgate.BAD_INPUT);
        assertThat(run.errLines()).singleElement().asString().contains("charge.json: not valid JSON at line 2");
    }

    @Test
    void check_jsonValueNeitherStringNorNumber_exitsTwoNamingKey() throws IOException {
        Path charge = Files.writeString(folder.resolve("charge.json"), "{\"amount_fen\": [500]}");

        CliRun run = CliRun.run("check", "--json", charge.toString());

        assertThat(run.exitCode()).isEqualTo(Tollgate.BAD_INPUT);
        assertThat(run.errLines()).singleElement().asString().contains("amount_fen: expected a string or a number");
    }

    @Test
    void check_jsonFractionalAmount_exitsTwoNamingField() throws IOException {
        Path charge = Files.writeString(folder.resolve("charge.json"), """
                {"request_id": "R-10", "msisdn": "13800138000", "merchant_id": "M1001", "product_id": "P1",
                 "amount_fen": 5.5, "billing_type": "PER_USE", "charge_kind": "INITIAL", "pay_mode": "SMS_OTP"}
                """);

        CliRun run = CliRun.run("check", "--json", charge.toString());

        assertThat(run.exitCode()).isEqualTo(Tollgate.BAD_INPUT);
        assertThat(run.errLines()).singleElement().asString().startsWith("tollgate: amount_fen: '5.5'");
    }

    @Test
    void check_jsonKeyOrTokenHoldingANumberGluedToDigits_isMaskedOnStderr() throws IOException {
        Path key = Files.writeString(folder.resolve("key.json"), "{\"913912345678\": [1]}");
        Path token = Files.writeString(folder.resolve("token.json"), "{\"request_id\": tru913912345678}");

        for (Path charge : List.of(key, token)) {
            CliRun run = CliRun.run("check", "--json", charge.toString());

            assertThat(run.exitCode()).isEqualTo(Tollgate.BAD_INPUT);
            assertThat(run.errLines()).singleElement().asString().contains(charge.toString())
                    .satisfies(line -> assertThat(line.replace(charge.toString(), "FILE"))
                            .doesNotContainPattern("1[3-9][0-9]{9}")); // the folder's name is digits too
        }
        assertThat(CliRun.run("check", "--json", key.toString()).err()).contains("913*****5678: expected a string");
    }

    @Test
    void check_amountOverTheCeiling_exitsTwoNamingTheAmount() {
        CliRun run = run(with(plainCharge("R-12", "13800138000"), "--amount-fen", "9223372036854775807"));

        assertThat(run.exitCode()).isEqualTo(Tollgate.BAD_INPUT);
        assertThat(run.errLines()).singleElement().asString().startsWith("tollgate: amount_fen: must be at most");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void check_controlCharacterInAnId_exitsTwoNamingTheFieldWithoutEchoingIt() {
        CliRun run = run(with(plainCharge("R-13", "13800138000"), "--device-id", "dev\u001B[2J"));

        assertThat(run.exitCode()).isEqualTo(Tollgate.BAD_INPUT);
        assertThat(run.errLines()).singleElement().asString()
                .isEqualTo("tollgate: device_id: contains a control character U+001B at index 3");
    }

    @Test
    void check_rulesFolderMissing_exitsTwoNamingIt() {
        CliRun run = run(with(plainCharge("R-11", "13800138000"), "--rules", folder.resolve("norules").toString()));

        assertThat(run.exitCode()).isEqualTo(Tollgate.BAD_INPUT);
        assertThat(run.errLines()).singleElement().asString().contains("--rules", "norules: no such folder");
    }

    @Test
    void check_tsInTheFuture_exitsTwoNamingTheField_andLaterChecksKeepTheCap() throws IOException {
        String future = java.time.OffsetDateTime.now(java.time.ZoneOffset.ofHours(8)).plusDays(400)
                .withNano(0).toString();
        CliRun refused = run(with(with(plainCharge("R-F", "13800138000"), "--ts", future), "--amount-fen", "3000"));

        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("ts: ").contains("ahead of the engine's clock");

        for (String far : new String[] {"+999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z",
                "1999-12-31T23:59:59Z"}) {
            CliRun farAway = run(with(plainCharge("R-X", "13800138000"), "--ts", far));
            assertThat(farAway.exitCode()).as(far).isEqualTo(2);
            assertThat(farAway.err()).as(far).contains("ts: ");
        }
    }
}
