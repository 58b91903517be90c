package io.tollgate.console;

import io.tollgate.RiskVerdict;
import io.tollgate.RuleHit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one JSON shape of a verdict, shared by {@code tollgate check} and {@code POST /api/v1/check}
 * so both print the same fields: request_id, decision, score, hits (code, points, action, reason,
 * shadow, review), ruleset_version, decided_at, case_opened. Stateless and thread-safe.
 */
public final class VerdictJson {
    private VerdictJson() {
    }

    /**
     * @param verdict a verdict
     * @return its fields, in order, ready for Jackson
     */
    public static Map<String, Object> of(RiskVerdict verdict) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("request_id", verdict.requestId());
        json.put("decision", verdict.decision().name());
        json.put("score", verdict.score());
        List<Map<String, Object>> hits = verdict.hits().stream().map(VerdictJson::hit).toList();
        json.put("hits", hits);
        json.put("ruleset_version", verdict.rulesetVersion());
        json.put("decided_at", verdict.decidedAt().toString());
        json.put("case_opened", verdict.caseOpened());
        return json;
    }

    private static Map<String, Object> hit(RuleHit hit) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("code", hit.code());
        json.put("points", hit.points());
        json.put("action", hit.action() == null ? null : hit.action().name());
        json.put("reason", hit.reason());
        json.put("shadow", hit.shadow());
        json.put("review", hit.review());
        return json;
    }
}
