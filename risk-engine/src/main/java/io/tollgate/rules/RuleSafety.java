package io.tollgate.rules;

import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drools.drl.ast.descr.FunctionImportDescr;
import org.drools.drl.ast.descr.ImportDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.QueryDescr;
import org.drools.drl.ast.descr.RuleDescr;

/**
 * Keeps a rule set to what rules are for: reading Tollgate's facts and reporting hits. DRL is Java
 * underneath, so without this a rule could call {@code System.exit}, start a process, read files or
 * open sockets inside the payment gateway. Checked before anything is compiled, so a refused rule
 * never runs, not even once. Thread-safe (stateless).
 *
 * <ul>
 *   <li>imports only from an allowlist: Tollgate's facts and enums, {@code java.lang} basics,
 *       {@code java.time}, {@code java.util} collections;</li>
 *   <li>no {@code function}, {@code global}, {@code declare}, {@code query}, static imports, timers;</li>
 *   <li>consequences ({@code then … end}) are empty: what a hit means is its metadata, so a rule can
 *       neither write nor re-activate itself (no loops);</li>
 *   <li>no unicode escapes, which Java would read as code;</li>
 *   <li>no forbidden name anywhere in the code: {@code System}, {@code Runtime}, {@code Thread},
 *       reflection, class loaders, files and network, {@code eval}, {@code from}/{@code accumulate},
 *       object creation.</li>
 * </ul>
 */
final class RuleSafety {
    private static final Set<String> ALLOWED_IMPORTS = Set.of(
            "io.tollgate.charge.BillingType", "io.tollgate.charge.Carrier", "io.tollgate.charge.ChargeKind",
            "io.tollgate.charge.PayMode", "io.tollgate.signals.subscriber.Plan",
            "io.tollgate.signals.subscriber.SubscriberStatus", "io.tollgate.Decision",
            "java.lang.String", "java.lang.Math", "java.lang.Integer", "java.lang.Long", "java.lang.Double",
            "java.lang.Boolean", "java.util.List", "java.util.Set", "java.util.Map", "java.util.Collection",
            "java.util.Arrays", "java.util.Collections", "java.util.Objects");
    private static final List<String> ALLOWED_IMPORT_PACKAGES = List.of("io.tollgate.facts.", "java.time.");
    private static final Set<String> ALLOWED_ATTRIBUTES = Set.of("salience", "no-loop", "ruleflow-group",
            "agenda-group", "activation-group", "lock-on-active", "enabled", "dialect", "date-effective",
            "date-expires");
    private static final Pattern FORBIDDEN = Pattern.compile("\\b(System|Runtime|ProcessBuilder|Process|ProcessHandle"
            + "|Thread|ThreadGroup|Executors?|ClassLoader|Class|forName|getClass|getDeclaredMethod|getMethod|reflect"
            + "|invoke|exec|exit|halt|Unsafe|MethodHandles?|eval|from|accumulate|collect|new|File|Files|Path|Paths"
            + "|Socket|ServerSocket|URL|URI|HttpClient|ScriptEngine(Manager)?|JNDI|InitialContext|sun|jdk|javax)\\b"
            + "|\\bjava\\s*\\.\\s*(io|nio|net|lang\\s*\\.\\s*(reflect|invoke))\\b");

    private RuleSafety() {
    }

    /**
     * @param file the rule file
     * @param descr its parsed form
     * @param problems where each problem is added as {@code file:line: message}
     */
    static void check(RuleFile file, PackageDescr descr, List<String> problems) {
        String code = withoutCommentsAndStrings(file.content());
        for (ImportDescr imported : descr.getImports()) {
            String target = imported.getTarget();
            boolean allowed = ALLOWED_IMPORTS.contains(target)
                    || ALLOWED_IMPORT_PACKAGES.stream().anyMatch(target::startsWith);
            if (!allowed) {
                problems.add(at(file, imported.getLine()) + "import " + target
                        + " is not allowed (Tollgate facts and enums, java.time, java.util collections, java.lang basics)");
            }
        }
        for (FunctionImportDescr imported : descr.getFunctionImports()) {
            problems.add(at(file, imported.getLine()) + "import function " + imported.getTarget() + " is not allowed");
        }
        descr.getFunctions().forEach(function ->
                problems.add(at(file, function.getLine()) + "function " + function.getName() + " is not allowed"));
        descr.getGlobals().forEach(global ->
                problems.add(at(file, global.getLine()) + "global " + global.getIdentifier() + " is not allowed"));
        descr.getTypeDeclarations().forEach(type ->
                problems.add(at(file, type.getLine()) + "declare " + type.getTypeName() + " is not allowed"));
        descr.getEnumDeclarations().forEach(type ->
                problems.add(at(file, type.getLine()) + "declare enum " + type.getTypeName() + " is not allowed"));
        for (RuleDescr rule : descr.getRules()) {
            String where = at(file, rule.getLine()) + "rule \"" + rule.getName() + "\": ";
            if (rule instanceof QueryDescr) {
                problems.add(at(file, rule.getLine()) + "query " + rule.getName() + " is not allowed");
                continue;
            }
            for (String attribute : rule.getAttributes().keySet()) {
                if (!ALLOWED_ATTRIBUTES.contains(attribute)) {
                    problems.add(where + "attribute " + attribute + " is not allowed");
                }
            }
            Object consequence = rule.getConsequence();
            if (consequence != null && !withoutCommentsAndStrings(consequence.toString()).isBlank()) {
                problems.add(at(file, rule.getConsequenceLine()) + "rule \"" + rule.getName()
                        + "\": the consequence must be empty; a hit is reported by the rule's metadata");
            }
        }
        int escape = file.content().indexOf("\\u");
        if (escape >= 0) {
            // Java reads unicode escapes before anything else: one could spell System without the letters.
            problems.add(at(file, lineOf(file.content(), escape)) + "unicode escapes (\\u) are not allowed in rules");
        }
        Matcher forbidden = FORBIDDEN.matcher(code);
        while (forbidden.find()) {
            problems.add(at(file, lineOf(code, forbidden.start())) + "'" + forbidden.group().replaceAll("\\s", "")
                    + "' is not allowed in rules (no system, thread, reflection, file, network, eval, from/accumulate or new)");
        }
    }

    private static String at(RuleFile file, int line) {
        return file.name() + ":" + line + ": ";
    }

    private static int lineOf(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    /**
     * Blanks out comments and string literals, keeping every line break so offsets keep their line.
     * A reason may say "System" or "new SIM"; code may not.
     */
    static String withoutCommentsAndStrings(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '/' && i + 1 < text.length() && text.charAt(i + 1) == '/') {
                while (i < text.length() && text.charAt(i) != '\n') {
                    out.append(' ');
                    i++;
                }
            } else if (c == '/' && i + 1 < text.length() && text.charAt(i + 1) == '*') {
                int end = text.indexOf("*/", i + 2);
                end = end < 0 ? text.length() : end + 2;
                blank(text, i, end, out);
                i = end;
            } else if (c == '"' || c == '\'') {
                int end = i + 1;
                while (end < text.length() && text.charAt(end) != c && text.charAt(end) != '\n') {
                    end += text.charAt(end) == '\\' ? 2 : 1;
                }
                end = Math.min(text.length(), end + 1);
                blank(text, i, end, out);
                i = end;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static void blank(String text, int from, int to, StringBuilder out) {
        for (int j = from; j < to; j++) {
            out.append(text.charAt(j) == '\n' ? '\n' : ' ');
        }
    }
}
