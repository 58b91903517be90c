package io.tollgate.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.tollgate.RequestConflictException;
import io.tollgate.RiskEngine;
import io.tollgate.charge.ChargeRequest;
import io.tollgate.charge.Fields;
import io.tollgate.charge.InvalidFieldException;
import io.tollgate.charge.Msisdn;
import io.tollgate.review.ContestOutcome;
import io.tollgate.review.UnableToContestException;
import io.tollgate.signals.complaints.Complaint;
import io.tollgate.signals.subscriber.SubscriberStatus;
import io.tollgate.store.Json;
import io.tollgate.store.UnableToRecordException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JSON API for gateways outside the JVM: {@code POST /api/v1/check}, {@code POST /api/v1/outcomes}
 * and {@code POST /api/v1/contests} (a subscriber contests a block, for customer service's system).
 * Callers authenticate with {@code Authorization: Bearer <token>} (tokens an ADMIN issues with
 * {@code tollgate tokens issue}); cookies are never looked at, so a browser session cannot
 * authorise an API call, and for the same reason the console's CSRF token is not asked for. Errors
 * are {@code {"error": "...", "field": "..." | null}} with 400 (bad JSON or field, numbers masked
 * even inside longer digit runs, control characters escaped; an amount over the engine's ceiling),
 * 401 (no, unknown or revoked token), 404 (unknown request id or subscriber), 409 (a request id
 * reused with different fields; a contest of a charge that was not blocked), 413 (a body over
 * {@link ConsoleServer#MAX_BODY_BYTES} bytes), 503 (the verdict could not be stored). Stateless apart
 * from the engine; thread-safe.
 */
final class JsonApi {
    /** Where the API's routes are. */
    static final String PATH = "/api/";
    private static final Logger LOG = LoggerFactory.getLogger(JsonApi.class);
    private static final String TOO_LARGE = "the request body is over " + ConsoleServer.MAX_BODY_BYTES
            + " bytes (64 KB), the most a call takes: one charge, outcome or contest";

    private final RiskEngine engine;

    private JsonApi(RiskEngine engine) {
        this.engine = engine;
    }

    /** Adds the API's routes to a server. */
    static void register(Javalin app, RiskEngine engine) {
        JsonApi api = new JsonApi(engine);
        app.post("/api/v1/check", ctx -> api.handle(ctx, (body, caller) -> api.check(body)));
        app.post("/api/v1/outcomes", ctx -> api.handle(ctx, (body, caller) -> api.outcome(body)));
        app.post("/api/v1/contests", ctx -> api.handle(ctx, api::contest));
    }

    /** An API call's work once the caller (the token's name) is authenticated: the response body for a 200. */
    @FunctionalInterface
    private interface Call {
        Object run(JsonNode body, String caller);
    }

    /** A refusal with a status, a message and the field it concerns. */
    private static final class ApiError extends RuntimeException {
        private final HttpStatus status;
        private final String field;

        ApiError(HttpStatus status, String message, String field) {
            super(message, null, false, false);
            this.status = status;
            this.field = field;
        }
    }

    private void handle(Context ctx, Call call) {
        try {
            String caller = authenticate(ctx);
            Object result = call.run(parse(body(ctx)), caller);
            LOG.debug("{} {} by token '{}'", ctx.method(), LogSafe.of(ctx.path()), LogSafe.of(caller));
            respond(ctx, HttpStatus.OK, result);
        } catch (ApiError e) {
            error(ctx, e.status, e.getMessage(), e.field);
        } catch (InvalidFieldException e) {
            error(ctx, HttpStatus.BAD_REQUEST, e.getMessage(), e.field());
        } catch (UnableToContestException e) {
            switch (e.reason()) {
                case BAD_STATEMENT -> error(ctx, HttpStatus.BAD_REQUEST, e.getMessage(), "statement");
                case UNKNOWN_REQUEST -> error(ctx, HttpStatus.NOT_FOUND, e.getMessage(), "request_id");
                case NOT_BLOCKED -> error(ctx, HttpStatus.CONFLICT, e.getMessage(), "request_id");
            }
        } catch (RequestConflictException e) {
            error(ctx, HttpStatus.CONFLICT, e.getMessage(), "request_id");
        } catch (UnableToRecordException e) {
            LOG.error("{} {}: cannot record: {}", ctx.method(), LogSafe.of(ctx.path()), LogSafe.of(e.getMessage()));
            error(ctx, HttpStatus.SERVICE_UNAVAILABLE, "the verdict could not be stored; retry with the same request_id", null);
        } catch (RuntimeException e) {
            LOG.error("{} {}: internal error: {}", ctx.method(), LogSafe.of(ctx.path()), LogSafe.of(e));
            error(ctx, HttpStatus.INTERNAL_SERVER_ERROR, "internal error", null);
        }
    }

    /** @return the name of the caller's token; only the Authorization header counts, never a cookie */
    private String authenticate(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7) || header.substring(7).isBlank()) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"tollgate\"");
            throw new ApiError(HttpStatus.UNAUTHORIZED, "missing bearer token: send 'Authorization: Bearer <token>'", null);
        }
        Optional<String> name = engine.apiTokens().verify(header.substring(7).strip());
        if (name.isEmpty()) {
            LOG.warn("refused {} {} from {}: unknown or revoked API token", ctx.method(), LogSafe.of(ctx.path()),
                    LogSafe.of(ctx.ip()));
            ctx.header("WWW-Authenticate", "Bearer realm=\"tollgate\", error=\"invalid_token\"");
            throw new ApiError(HttpStatus.UNAUTHORIZED, "unknown or revoked API token", null);
        }
        return name.get();
    }

    /**
     * @return the request body, read up to {@link ConsoleServer#MAX_BODY_BYTES}
     * @throws ApiError 413 for a longer one, however it is sent (declared or chunked)
     */
    private static String body(Context ctx) {
        if (ctx.req().getContentLengthLong() > ConsoleServer.MAX_BODY_BYTES) {
            throw new ApiError(HttpStatus.CONTENT_TOO_LARGE, TOO_LARGE, null);
        }
        byte[] bytes;
        try (InputStream in = ctx.bodyInputStream()) {
            bytes = in.readNBytes(ConsoleServer.MAX_BODY_BYTES + 1);
        } catch (IOException e) {
            throw new ApiError(HttpStatus.BAD_REQUEST, "the request body could not be read: " + e.getMessage(), null);
        }
        if (bytes.length > ConsoleServer.MAX_BODY_BYTES) {
            throw new ApiError(HttpStatus.CONTENT_TOO_LARGE, TOO_LARGE, null);
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Answers a body over the limit, before anything reads it. */
    static void tooLarge(Context ctx) {
        error(ctx, HttpStatus.CONTENT_TOO_LARGE, TOO_LARGE, null);
    }

    private static JsonNode parse(String body) {
        JsonNode root;
        try {
            root = Json.mapper().readTree(body);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new ApiError(HttpStatus.BAD_REQUEST, "not valid JSON" + where + ": " + e.getOriginalMessage(), null);
        }
        if (root == null || !root.isObject()) {
            throw new ApiError(HttpStatus.BAD_REQUEST, "expected a JSON object keyed by field names", null);
        }
        return root;
    }

    /**
     * @param root a JSON object
     * @param booleans whether true/false are accepted as values
     * @return its values as text, nulls left out
     */
    private static Map<String, String> columns(JsonNode root, boolean booleans) {
        Map<String, String> columns = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : root.properties()) {
            JsonNode value = field.getValue();
            if (value.isNull()) {
                continue;
            }
            if (!value.isTextual() && !value.isNumber() && !(booleans && value.isBoolean())) {
                String key = Fields.shown(field.getKey()); // any key a caller sent: short, escaped (and masked)
                throw new ApiError(HttpStatus.BAD_REQUEST, key + ": expected a string"
                        + (booleans ? ", a number or a boolean" : " or a number") + ", got "
                        + value.getNodeType().name().toLowerCase(Locale.ROOT), key);
            }
            columns.put(field.getKey(), value.asText());
        }
        return columns;
    }

    private Object check(JsonNode body) {
        return VerdictJson.of(engine.check(ChargeRequest.fromColumns(columns(body, false))));
    }

    private Object outcome(JsonNode body) {
        Map<String, String> columns = columns(body, true);
        String kind = Fields.required(columns, "kind");
        switch (kind) {
            case "CARRIER_RESULT" -> {
                String requestId = Fields.required(columns, "request_id");
                known(engine.reportCarrierResult(requestId, bool("success", Fields.required(columns, "success"))), requestId);
            }
            case "COMPLAINT" -> reportComplaint(columns);
            case "DEDUCTION" -> {
                String requestId = Fields.required(columns, "request_id");
                known(engine.reportDeduction(requestId, amount(columns)), requestId);
            }
            case "REFUND" -> {
                String requestId = Fields.required(columns, "request_id");
                known(engine.reportRefund(requestId, amount(columns)), requestId);
            }
            case "STATUS_CHANGE" -> {
                Msisdn msisdn = Msisdn.parse("msisdn", Fields.required(columns, "msisdn"));
                SubscriberStatus status = Fields.enumValue(SubscriberStatus.class, "status", Fields.required(columns, "status"));
                if (!engine.changeSubscriberStatus(msisdn, status)) {
                    throw new ApiError(HttpStatus.NOT_FOUND, "msisdn: no subscriber profile for " + msisdn.masked()
                            + "; import or update the profile first", "msisdn");
                }
            }
            default -> throw new InvalidFieldException("kind", "unknown value '" + kind
                    + "' (expected CARRIER_RESULT|COMPLAINT|DEDUCTION|REFUND|STATUS_CHANGE)");
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("kind", kind);
        result.put("recorded", true);
        return result;
    }

    /**
     * A subscriber contests a blocked charge: {@code request_id} and {@code statement}. Opens (or
     * reopens, or marks) the block's review case for a reviewer; a second contest of the same
     * request changes nothing ({@code "recorded": false}).
     */
    private Object contest(JsonNode body, String caller) {
        Map<String, String> columns = columns(body, false);
        ContestOutcome outcome = engine.contests().contest(Fields.required(columns, "request_id"),
                columns.get("statement"), caller);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("case_id", outcome.caseId());
        result.put("status", outcome.status().name());
        result.put("recorded", outcome.recorded());
        result.put("case_opened", outcome.caseOpened());
        return result;
    }

    /**
     * A complaint: the {@code complaints.csv} columns, except that its category is
     * {@code complaint_kind} ({@code kind} names the outcome); {@code ts} defaults to now.
     */
    private void reportComplaint(Map<String, String> columns) {
        Map<String, String> row = new LinkedHashMap<>(columns);
        row.remove("kind");
        String category = row.remove("complaint_kind");
        if (category != null) {
            row.put("kind", category);
        }
        if (Fields.optional(row, "ts") == null) {
            row.put("ts", engine.clock().instant().toString());
        }
        Complaint complaint;
        try {
            complaint = Complaint.fromColumns(row);
        } catch (InvalidFieldException e) {
            if ("kind".equals(e.field())) {
                throw new InvalidFieldException("complaint_kind", e.getMessage().substring("kind: ".length()));
            }
            throw e;
        }
        engine.reportComplaint(complaint);
    }

    private static void known(boolean known, String requestId) {
        if (!known) {
            throw new ApiError(HttpStatus.NOT_FOUND, "request_id: '" + requestId + "' was never checked", "request_id");
        }
    }

    private static long amount(Map<String, String> columns) {
        long amount = Fields.longValue("amount_fen", Fields.required(columns, "amount_fen"));
        if (amount <= 0) {
            throw new InvalidFieldException("amount_fen", "must be a positive number of fen, got " + amount);
        }
        return amount;
    }

    private static boolean bool(String field, String value) {
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new InvalidFieldException(field, "must be true or false, got '" + value + "'");
        };
    }

    private static void error(Context ctx, HttpStatus status, String message, String field) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", mask(message));
        body.put("field", field == null ? null : mask(field));
        respond(ctx, status, body);
    }

    private static void respond(Context ctx, HttpStatus status, Object body) {
        ctx.status(status).contentType("application/json; charset=utf-8").result(Json.write(body));
    }

    /** Masks every number in what may echo a caller's input, also one glued to other digits. */
    private static String mask(String message) {
        return Msisdn.maskEchoed(message);
    }
}
