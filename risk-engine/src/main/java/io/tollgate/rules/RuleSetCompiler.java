package io.tollgate.rules;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.tollgate.Decision;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.drools.drl.ast.descr.AnnotationDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsError;
import org.drools.drl.parser.DroolsParserException;
import org.drools.drl.parser.ParserError;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.runtime.KieContainer;

/**
 * Compiles a rule set's files into one KieBase through the public KIE API, and refuses it with
 * {@code file:line: message} for every compile error or metadata problem. Thread-safe: each call
 * builds in its own KieFileSystem and removes its module from the KIE repository afterwards.
 */
public final class RuleSetCompiler {
    /** Largest {@code @score} either way: a charge's points (at most {@link RuleSet#MAX_FIRINGS} hits) stay far from overflow. */
    static final int MAX_SCORE = 1_000;
    static final Set<String> METADATA_KEYS = Set.of("code", "score", "action", "reason", "mode", "review");
    private static final Set<Decision> ACTIONS = Set.of(Decision.FLAG, Decision.CHALLENGE, Decision.BLOCK);
    private static final String RESOURCE_ROOT = "src/main/resources/";
    /** Rule files are written under their package's folder, as Drools expects; errors name them without it. */
    private static final String PACKAGE_FOLDER = "rules/";
    private static final AtomicLong BUILDS = new AtomicLong();
    /** Rule sets are immutable: the same files compile once, then engines (and tests) share the result. */
    private static final Cache<String, RuleSet> COMPILED = Caffeine.newBuilder().maximumSize(4).build();

    private RuleSetCompiler() {
    }

    /**
     * @param files the rule set's files
     * @return the compiled, validated rule set
     * @throws RuleSetRefusedException listing every problem found
     */
    public static RuleSet compile(List<RuleFile> files) {
        String version = version(files);
        RuleSet compiled = COMPILED.getIfPresent(version);
        if (compiled != null) {
            return compiled;
        }
        List<String> problems = new ArrayList<>();
        RuleSetLimits.check(files, problems);
        if (!problems.isEmpty()) {
            throw new RuleSetRefusedException(problems); // too large to parse, let alone compile
        }
        List<String> unsafe = new ArrayList<>();
        List<String> noSessionReuse = new ArrayList<>();
        List<String> noKeptScore = new ArrayList<>();
        Map<String, RuleMeta> rules = readMetadata(files, problems, unsafe, noSessionReuse, noKeptScore);
        if (!unsafe.isEmpty()) {
            // Unsafe code, or code that could not be parsed and so not checked, is never compiled:
            // nothing in it may run, not even once.
            unsafe.addAll(problems);
            throw new RuleSetRefusedException(unsafe);
        }
        if (rules.size() > RuleSetLimits.MAX_RULES) {
            throw new RuleSetRefusedException(List.of(files.get(0).name() + ":1: the rule set has " + rules.size()
                    + " rules; at most " + RuleSetLimits.MAX_RULES + " are accepted"));
        }
        KieBase kieBase = RuleSetLimits.withinBuildTime(found -> build(files, version, found), files, problems);
        if (!problems.isEmpty()) {
            throw new RuleSetRefusedException(problems); // compile errors and metadata problems together
        }
        compiled = new RuleSet(version, kieBase, rules, files, noSessionReuse.isEmpty(), noKeptScore.isEmpty());
        compiled.warm();
        COMPILED.put(version, compiled);
        return compiled;
    }

    /** @return how many compilations have been started since the class was loaded (tests: nothing unsafe is compiled) */
    static long builds() {
        return BUILDS.get();
    }

    /** @return the SHA-256 of the sorted file names and contents, in hex */
    public static String version(List<RuleFile> files) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            files.stream().sorted((a, b) -> a.name().compareTo(b.name())).forEach(file -> {
                digest.update(file.name().getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(file.content().getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            });
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    private static KieBase build(List<RuleFile> files, String version, List<String> problems) {
        KieServices services = KieServices.get();
        ClassLoader classLoader = RuleSetCompiler.class.getClassLoader();
        ReleaseId releaseId = services.newReleaseId("io.tollgate.rules", "ruleset",
                version.substring(0, 12) + "-" + BUILDS.incrementAndGet());
        KieFileSystem fileSystem = services.newKieFileSystem();
        fileSystem.generateAndWritePomXML(releaseId);
        for (RuleFile file : files) {
            fileSystem.write(RESOURCE_ROOT + PACKAGE_FOLDER + file.name(), file.content());
        }
        KieBuilder builder = services.newKieBuilder(fileSystem, classLoader).buildAll();
        List<Message> errors = builder.getResults().getMessages(Message.Level.ERROR);
        if (!errors.isEmpty()) {
            boolean specific = errors.stream().anyMatch(m -> m.getLine() > 0);
            for (Message message : errors) {
                if (specific && message.getLine() <= 0) {
                    continue; // "Parser returned a null Package" follows every syntax error
                }
                problems.add(location(message.getPath(), message.getLine()) + ": " + oneLine(message.getText()));
            }
            services.getRepository().removeKieModule(releaseId);
            return null;
        }
        try {
            KieContainer container = services.newKieContainer(releaseId, classLoader);
            KieBase kieBase = container.getKieBase();
            // The container is only the way to the KieBase; disposing it unregisters it from KieServices
            // so that replaced rule sets can be collected.
            container.dispose();
            return kieBase;
        } finally {
            services.getRepository().removeKieModule(releaseId);
        }
    }

    /**
     * Reads every rule's metadata; names in {@code noSessionReuse} the rules that {@link SessionReuse}
     * does not allow, and in {@code noKeptScore} those that could see a kept score in the first phase.
     */
    private static Map<String, RuleMeta> readMetadata(List<RuleFile> files, List<String> problems,
            List<String> unsafe, List<String> noSessionReuse, List<String> noKeptScore) {
        Map<String, RuleMeta> byName = new HashMap<>();
        Map<String, String> codeLocations = new HashMap<>();
        for (RuleFile file : files) {
            PackageDescr descr = parse(file, unsafe);
            if (descr == null) {
                continue;
            }
            RuleSafety.check(file, descr, unsafe);
            for (RuleDescr rule : descr.getRules()) {
                if (!SessionReuse.allows(rule)) {
                    noSessionReuse.add(rule.getName());
                }
                if (!SessionReuse.allowsKeptScore(rule)) {
                    noKeptScore.add(rule.getName());
                }
                RuleMeta meta = readRule(file.name(), file.content(), rule, problems);
                if (meta == null) {
                    continue;
                }
                String where = file.name() + ":" + rule.getLine();
                String earlier = codeLocations.putIfAbsent(meta.code(), where);
                if (earlier != null) {
                    problems.add(where + ": rule \"" + rule.getName() + "\": @code(\"" + meta.code()
                            + "\") is already used at " + earlier);
                }
                byName.put(qualified(descr.getName(), rule.getName()), meta);
            }
        }
        return byName;
    }

    /** @return the file parsed with Drools' DRL parser, or null with its syntax errors added to {@code problems} */
    private static PackageDescr parse(RuleFile file, List<String> problems) {
        DrlParser parser = new DrlParser();
        PackageDescr descr;
        try {
            descr = parser.parse(false, new StringReader(file.content()));
        } catch (DroolsParserException | RuntimeException | StackOverflowError e) {
            problems.add(file.name() + ":1: the file cannot be parsed: " + oneLine(String.valueOf(e.getMessage())));
            return null;
        }
        if (descr != null && !parser.hasErrors()) {
            return descr;
        }
        for (DroolsError error : parser.getErrors()) {
            int line = error instanceof ParserError parserError ? parserError.getRow() : 1;
            problems.add(file.name() + ":" + Math.max(line, 1) + ": " + oneLine(error.getMessage()));
        }
        if (parser.getErrors().isEmpty()) {
            problems.add(file.name() + ":1: the file cannot be parsed");
        }
        return null;
    }

    private static RuleMeta readRule(String file, String content, RuleDescr rule, List<String> problems) {
        String where = file + ":" + rule.getLine() + ": rule \"" + rule.getName() + "\": ";
        int before = problems.size();
        for (String key : rule.getAnnotationNames()) {
            if (!METADATA_KEYS.contains(key)) {
                problems.add(where + "unknown metadata @" + key + " (allowed: @code, @score, @action, @reason, @mode, @review)");
            }
        }
        String code = value(rule, "code");
        String reason = value(rule, "reason");
        String score = value(rule, "score");
        String action = value(rule, "action");
        String mode = value(rule, "mode");
        String review = value(rule, "review");
        if (code == null || code.isBlank()) {
            problems.add(where + "missing @code");
        } else if (!code.matches("[A-Z0-9][A-Z0-9-]*")) {
            problems.add(where + "@code(\"" + code + "\") must be upper-case letters, digits and dashes");
        }
        if (reason == null || reason.isBlank()) {
            problems.add(where + "missing @reason");
        }
        if ((score == null) == (action == null)) {
            problems.add(where + "needs exactly one of @score or @action");
        }
        int points = 0;
        if (score != null) {
            try {
                points = Integer.parseInt(score);
                if (Math.abs(points) > MAX_SCORE) {
                    problems.add(where + "@score(" + score + ") is outside -" + MAX_SCORE + " to " + MAX_SCORE);
                }
            } catch (NumberFormatException e) {
                problems.add(where + "@score(" + score + ") is not a whole number");
            }
        }
        Decision decision = null;
        if (action != null) {
            decision = ACTIONS.stream().filter(d -> d.name().equals(action)).findFirst().orElse(null);
            if (decision == null) {
                problems.add(where + "unknown @action(\"" + action + "\") (allowed: BLOCK, CHALLENGE, FLAG)");
            }
        }
        if (mode != null && !mode.equals("shadow") && !mode.equals("enforce")) {
            problems.add(where + "unknown @mode(\"" + mode + "\") (allowed: shadow, enforce)");
        }
        if (review != null && !review.equals("true") && !review.equals("false")) {
            problems.add(where + "@review(" + review + ") must be true or false");
        }
        if (problems.size() > before) {
            return null;
        }
        return new RuleMeta(rule.getName(), file, rule.getLine(), code, points, decision, reason,
                "shadow".equals(mode), "true".equals(review), text(content, rule));
    }

    /** The rule's own text, with whitespace collapsed so that re-indenting is not a change. */
    private static String text(String content, RuleDescr rule) {
        int start = rule.getStartCharacter();
        int end = rule.getEndCharacter();
        String text = start >= 0 && end > start ? content.substring(start, Math.min(content.length(), end + 1)) : "";
        return text.replaceAll("\\s+", " ").strip();
    }

    private static String value(RuleDescr rule, String key) {
        AnnotationDescr annotation = rule.getAnnotation(key);
        if (annotation == null) {
            return null;
        }
        Object value = annotation.getSingleValue();
        return value == null ? "" : AnnotationDescr.unquote(value.toString().strip());
    }

    static String qualified(String packageName, String ruleName) {
        return packageName + "." + ruleName;
    }

    private static String location(String path, int line) {
        String file = path == null ? "?" : path;
        for (String prefix : List.of(RESOURCE_ROOT, PACKAGE_FOLDER)) {
            file = file.startsWith(prefix) ? file.substring(prefix.length()) : file;
        }
        return file + ":" + Math.max(line, 0);
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s*\\R\\s*", " ").strip();
    }
}
