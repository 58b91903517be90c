package io.tollgate.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.RiskEngine;
import io.tollgate.charge.BillingType;
import io.tollgate.charge.ChargeKind;
import io.tollgate.charge.ChargeRequest;
import io.tollgate.charge.PayMode;
import io.tollgate.review.Role;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RulesPageTest {
    private static final String SHADOW = """
            package rules;
            import io.tollgate.facts.Charge;

            rule "Shadow: block charges over 4 CNY"
                @code("SHADOW-BLOCK-4")
                @action("BLOCK")
                @mode("shadow")
                @reason("Trying a much lower limit.")
            when
                Charge( amountFen > 400 )
            then
            end
            """;

    @TempDir
    Path folder;
    private Path rules;
    private RiskEngine engine;
    private ConsoleServer server;
    private ConsoleClient client;

    @BeforeEach
    void start() throws IOException {
        rules = copyRules(folder.resolve("rules"));
        Files.writeString(rules.resolve("shadow.drl"), SHADOW);
        engine = RiskEngine.builder().database(folder.resolve("tollgate")).rules(rules).build();
        for (String id : new String[] {"R-1", "R-2"}) {
            engine.check(ChargeRequest.builder().requestId(id).msisdn("13800138000").merchantId("M1001")
                    .productId("P1001-01").amountFen(500).billingType(BillingType.PER_USE)
                    .chargeKind(ChargeKind.INITIAL).payMode(PayMode.SMS_OTP).otpLatencyMs(6_200L).build());
        }
        engine.users().add("rita", Role.REVIEWER, ConsoleClient.PASSWORD.toCharArray());
        engine.users().add("anna", Role.ANALYST, ConsoleClient.PASSWORD.toCharArray());
        engine.users().add("ada", Role.ADMIN, ConsoleClient.PASSWORD.toCharArray());
        server = ConsoleServer.start(engine, "127.0.0.1", 0);
        client = new ConsoleClient(server);
    }

    @AfterEach
    void stop() {
        server.close();
        engine.close();
    }

    private static Path copyRules(Path to) {
        Path from = Path.of("..", "rules");
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".drl")).toList()) {
                Path copy = to.resolve(from.relativize(file).toString());
                Files.createDirectories(copy.getParent());
                Files.copy(file, copy);
            }
            return to;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void rules_analyst_seesVersionEveryRuleModeAndHits() throws Exception {
        HttpResponse<String> page = client.get("/rules", client.login("anna").cookie());

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains(engine.rulesetVersion(), "loaded", "+08:00", "velocity.drl",
                "VEL-MSISDN-10M", "BLOCK", "shadow.drl", "Trying a much lower limit.")
                .doesNotContain("Refused reload");
        int rules = engine.ruleSet().rules().size();
        assertThat(page.body()).contains(rules + " in " + engine.ruleSet().files().size() + " files");
        // both charges hit the shadow rule (shadow column 2) and would have been blocked by it
        assertThat(page.body()).containsPattern("<td>SHADOW-BLOCK-4</td><td>shadow</td><td>BLOCK</td><td>[^<]*</td>"
                + "<td>0</td><td>2</td>");
        assertThat(page.body()).containsPattern("decisions since start</th><td>2<")
                .containsPattern("decisions shadow rules would change</th><td>2<");
    }

    @Test
    void rules_admin_sees200_reviewer_is403_anonymous_isSentToLogin() throws Exception {
        assertThat(client.get("/rules", client.login("ada").cookie()).statusCode()).isEqualTo(200);
        assertThat(client.get("/rules", client.login("rita").cookie()).statusCode()).isEqualTo(403);
        HttpResponse<String> anonymous = client.get("/rules", null);
        assertThat(anonymous.statusCode()).isEqualTo(303);
        assertThat(anonymous.headers().firstValue("Location")).contains("/login");
    }

    @Test
    void rules_sortedByFileByDefault_byHitsOnRequest() throws Exception {
        String cookie = client.login("anna").cookie();

        String byFile = client.get("/rules", cookie).body();
        String byHits = client.get("/rules?sort=hits", cookie).body();

        assertThat(byFile.indexOf("churn.drl")).isLessThan(byFile.indexOf("<td>SHADOW-BLOCK-4"));
        assertThat(byFile.indexOf("<td>SHADOW-BLOCK-4")).isLessThan(byFile.indexOf("velocity.drl"));
        assertThat(byHits.indexOf("<td>SHADOW-BLOCK-4")).isLessThan(byHits.indexOf("churn.drl"));
    }

    @Test
    void rules_afterRefusedReload_showsProblemsAndTheVersionStillDeciding() throws Exception {
        String version = engine.rulesetVersion();
        Files.writeString(rules.resolve("broken.drl"), "package rules;\nrule \"Broken\" when Nonsense( then end\n");
        assertThat(engine.reloadRules().accepted()).isFalse();

        String page = client.get("/rules", client.login("anna").cookie()).body();

        assertThat(page).contains("Refused reload", "broken.drl", version);
    }
}
