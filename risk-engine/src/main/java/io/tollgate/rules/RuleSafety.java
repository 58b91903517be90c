package io.tollgate.rules;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.drools.drl.ast.descr.AndDescr;
import org.drools.drl.ast.descr.AnnotationDescr;
import org.drools.drl.ast.descr.AttributeDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.ExistsDescr;
import org.drools.drl.ast.descr.ExprConstraintDescr;
import org.drools.drl.ast.descr.ForallDescr;
import org.drools.drl.ast.descr.ImportDescr;
import org.drools.drl.ast.descr.NotDescr;
import org.drools.drl.ast.descr.OrDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.QueryDescr;
import org.drools.drl.ast.descr.RuleDescr;

/**
 * Keeps a rule set to what rules are for: reading Tollgate's facts and reporting hits. DRL is Java
 * and MVEL underneath, so without this a rule could start a process, open a database or a socket,
 * or change the JVM inside the payment gateway. The check is an allowlist over the parsed rule, not
 * a search for words: whatever it does not know is refused. Checked before anything is compiled, so
 * a refused rule never runs, not even once. Thread-safe (stateless).
 *
 * <p>A rule file may hold only a {@code package}, imports of Tollgate's facts and enums, and rules.
 * A rule may have metadata, the attributes below with literal values, a condition of patterns over
 * Tollgate's facts joined by {@code and}, {@code or}, {@code not}, {@code exists} and {@code forall},
 * and an empty consequence. Each constraint is parsed with Drools' expression parser and checked by
 * {@link ConstraintCheck}. The language is documented in {@code rules/README.md}.
 */
final class RuleSafety {
    /** The package of the facts rules match; every public accessor declared there is a readable field. */
    static final String FACTS_PACKAGE = "io.tollgate.facts";
    /** Tollgate's enums a rule may import and compare with ({@code PayMode.SMS_DIRECT}). */
    static final Set<String> ENUMS = Set.of("io.tollgate.charge.BillingType", "io.tollgate.charge.Carrier",
            "io.tollgate.charge.ChargeKind", "io.tollgate.charge.PayMode", "io.tollgate.signals.subscriber.Plan",
            "io.tollgate.signals.subscriber.SubscriberStatus", "io.tollgate.Decision");
    /** Attributes and the literal each takes; {@code dialect}, timers and calendars are not among them. */
    private static final Map<String, AttributeDescr.Type> ATTRIBUTES = Map.of(
            "salience", AttributeDescr.Type.NUMBER, "no-loop", AttributeDescr.Type.BOOLEAN,
            "lock-on-active", AttributeDescr.Type.BOOLEAN, "auto-focus", AttributeDescr.Type.BOOLEAN,
            "enabled", AttributeDescr.Type.BOOLEAN, "ruleflow-group", AttributeDescr.Type.STRING,
            "agenda-group", AttributeDescr.Type.STRING, "activation-group", AttributeDescr.Type.STRING,
            "date-effective", AttributeDescr.Type.DATE, "date-expires", AttributeDescr.Type.DATE);

    private RuleSafety() {
    }

    /**
     * @param file the rule file
     * @param descr its parsed form
     * @param problems where each problem is added as {@code file:line: message}
     */
    static void check(RuleFile file, PackageDescr descr, List<String> problems) {
        Map<String, Class<?>> types = new HashMap<>();
        for (ImportDescr imported : descr.getImports()) {
            importType(file, imported, types, problems);
        }
        int escape = file.content().indexOf("\\u");
        if (escape >= 0) {
            // Java reads unicode escapes before anything else: one could spell a name without its letters.
            problems.add(at(file, lineOf(file.content(), escape)) + "unicode escapes (\\u) are not allowed in rules");
        }
        descr.getAttributes().forEach(attribute -> problems.add(at(file, attribute.getLine())
                + "package attribute " + attribute.getName() + " is not allowed (a rule set has no dialect or defaults)"));
        descr.getFunctionImports().forEach(imported -> problems.add(at(file, imported.getLine())
                + "import function " + imported.getTarget() + " is not allowed"));
        descr.getAccumulateImports().forEach(imported -> problems.add(at(file, imported.getLine())
                + "import accumulate " + imported.getTarget() + " is not allowed"));
        descr.getFunctions().forEach(function -> problems.add(at(file, function.getLine())
                + "function " + function.getName() + " is not allowed"));
        descr.getGlobals().forEach(global -> problems.add(at(file, global.getLine())
                + "global " + global.getIdentifier() + " is not allowed"));
        descr.getTypeDeclarations().forEach(type -> problems.add(at(file, type.getLine())
                + "declare " + type.getTypeName() + " is not allowed"));
        descr.getEnumDeclarations().forEach(type -> problems.add(at(file, type.getLine())
                + "declare enum " + type.getTypeName() + " is not allowed"));
        descr.getEntryPointDeclarations().forEach(entryPoint -> problems.add(at(file, entryPoint.getLine())
                + "entry point " + entryPoint.getEntryPointId() + " is not allowed"));
        descr.getWindowDeclarations().forEach(window -> problems.add(at(file, window.getLine())
                + "declare window " + window.getName() + " is not allowed"));
        for (RuleDescr rule : descr.getRules()) {
            if (rule instanceof QueryDescr) {
                problems.add(at(file, rule.getLine()) + "query " + rule.getName() + " is not allowed");
                continue;
            }
            checkRule(file, rule, types, problems);
        }
    }

    private static void importType(RuleFile file, ImportDescr imported, Map<String, Class<?>> types,
            List<String> problems) {
        String target = imported.getTarget().replaceAll("\\s", "");
        if (target.equals(FACTS_PACKAGE + ".*")) {
            ConstraintCheck.FACTS.forEach(type -> types.put(type.getSimpleName(), type));
            return;
        }
        Class<?> type = ENUMS.contains(target) ? ConstraintCheck.load(target) : ConstraintCheck.factType(target);
        if (type == null) {
            problems.add(at(file, imported.getLine()) + "import " + target
                    + " is not allowed (only Tollgate's facts, io.tollgate.facts.*, and its enums)");
            return;
        }
        types.put(type.getSimpleName(), type);
    }

    private static void checkRule(RuleFile file, RuleDescr rule, Map<String, Class<?>> types, List<String> problems) {
        String where = at(file, rule.getLine()) + "rule \"" + rule.getName() + "\": ";
        for (AttributeDescr attribute : rule.getAttributes().values()) {
            AttributeDescr.Type expected = ATTRIBUTES.get(attribute.getName());
            if (expected == null) {
                problems.add(at(file, attribute.getLine()) + "rule \"" + rule.getName() + "\": attribute "
                        + attribute.getName() + " is not allowed");
            } else if (!literal(attribute, expected)) {
                problems.add(at(file, attribute.getLine()) + "rule \"" + rule.getName() + "\": attribute "
                        + attribute.getName() + " takes a literal " + expected.name().toLowerCase()
                        + ", not an expression");
            }
        }
        for (AnnotationDescr annotation : rule.getAnnotations()) {
            if (!literalMetadata(annotation)) {
                // Drools evaluates a metadata value that is not a literal as an expression when it builds.
                problems.add(at(file, annotation.getLine() > 0 ? annotation.getLine() : rule.getLine()) + "rule \""
                        + rule.getName() + "\": @" + annotation.getName()
                        + " takes one literal: a string in double quotes, a whole number, true or false");
            }
        }
        if (rule.getParentName() != null) {
            problems.add(where + "extends is not allowed");
        }
        if (!rule.getNamedConsequences().isEmpty()) {
            problems.add(where + "named consequences are not allowed");
        }
        Object consequence = rule.getConsequence();
        if (consequence != null && !withoutComments(consequence.toString()).isBlank()) {
            problems.add(at(file, rule.getConsequenceLine()) + "rule \"" + rule.getName()
                    + "\": the consequence must be empty; a hit is reported by the rule's metadata");
        }
        AndDescr lhs = rule.getLhs();
        if (lhs != null) {
            ConstraintCheck constraints = new ConstraintCheck(file, rule, types, problems);
            condition(file, rule, lhs, constraints, problems);
        }
    }

    private static boolean literalMetadata(AnnotationDescr annotation) {
        Map<String, Object> values = annotation.getValueMap();
        if (values.size() != 1 || !values.containsKey(AnnotationDescr.VALUE)) {
            return false;
        }
        String value = String.valueOf(annotation.getSingleValue()).strip();
        return value.matches("\"([^\"\\\\\\n]|\\\\[\"\\\\nt])*\"") || value.matches("-?[0-9]{1,9}")
                || value.equals("true") || value.equals("false");
    }

    /** Whether an attribute's value is a literal of its type; Drools reads a salience or enabled as an expression. */
    private static boolean literal(AttributeDescr attribute, AttributeDescr.Type expected) {
        String value = attribute.getValue() == null ? "" : attribute.getValue().strip();
        if (value.startsWith("(") && value.endsWith(")")) {
            value = value.substring(1, value.length() - 1).strip();
        }
        return switch (expected) {
            case NUMBER -> value.matches("-?[0-9]{1,9}");
            case BOOLEAN -> value.equals("true") || value.equals("false");
            case STRING -> attribute.getType() == AttributeDescr.Type.STRING && value.matches("[A-Za-z0-9_. -]{1,64}");
            case DATE -> (attribute.getType() == AttributeDescr.Type.DATE
                    || attribute.getType() == AttributeDescr.Type.STRING) && value.matches("[A-Za-z0-9: -]{1,32}");
            default -> false;
        };
    }

    /** Checks a conditional element: only patterns and the logical elements over them. */
    private static void condition(RuleFile file, RuleDescr rule, BaseDescr descr, ConstraintCheck constraints,
            List<String> problems) {
        if (descr instanceof PatternDescr pattern) {
            pattern(file, rule, pattern, constraints, problems);
        } else if (descr instanceof AndDescr || descr instanceof OrDescr || descr instanceof NotDescr
                || descr instanceof ExistsDescr || descr instanceof ForallDescr) {
            for (BaseDescr child : ((org.drools.drl.ast.descr.ConditionalElementDescr) descr).getDescrs()) {
                condition(file, rule, child, constraints, problems);
            }
        } else {
            problems.add(at(file, descr.getLine()) + "rule \"" + rule.getName() + "\": " + element(descr)
                    + " is not allowed (a condition is patterns over Tollgate's facts joined by and, or, not, exists, forall)");
        }
    }

    private static void pattern(RuleFile file, RuleDescr rule, PatternDescr pattern, ConstraintCheck constraints,
            List<String> problems) {
        String where = at(file, pattern.getLine()) + "rule \"" + rule.getName() + "\": ";
        if (pattern.getSource() != null) {
            problems.add(where + "a pattern source (from, collect, accumulate, entry-point) is not allowed");
            return;
        }
        if (!pattern.getAnnotations().isEmpty()) {
            problems.add(where + "annotations on a pattern are not allowed");
        }
        if (!pattern.getBehaviors().isEmpty()) {
            problems.add(where + "sliding windows (over window:...) are not allowed");
        }
        if (pattern.isQuery()) {
            problems.add(where + "a query call is not allowed");
        }
        Class<?> type = constraints.patternType(pattern.getObjectType());
        if (type == null) {
            problems.add(where + "pattern type " + pattern.getObjectType()
                    + " is not one of Tollgate's facts imported in this file");
            return;
        }
        if (pattern.getIdentifier() != null) {
            constraints.bind(pattern.getIdentifier(), type);
        }
        for (BaseDescr constraint : pattern.getDescrs()) {
            if (!(constraint instanceof ExprConstraintDescr expression)) {
                problems.add(at(file, constraint.getLine()) + "rule \"" + rule.getName() + "\": constraint "
                        + constraint + " is not allowed");
                continue;
            }
            if (expression.getType() == ExprConstraintDescr.Type.POSITIONAL) {
                problems.add(at(file, constraint.getLine()) + "rule \"" + rule.getName()
                        + "\": positional constraints (before ';') are not allowed: name the field");
                continue;
            }
            constraints.check(type, expression);
        }
    }

    private static String element(BaseDescr descr) {
        String name = descr.getClass().getSimpleName().replace("Descr", "");
        return switch (name) {
            case "Eval" -> "eval";
            case "Accumulate" -> "accumulate";
            case "Collect" -> "collect";
            case "From" -> "from";
            case "ConditionalBranch" -> "if/do branches";
            case "NamedConsequence" -> "do[...]";
            default -> name.toLowerCase();
        };
    }

    static String at(RuleFile file, int line) {
        return file.name() + ":" + Math.max(line, 1) + ": ";
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

    /** Blanks out comments, keeping every line break; what is left of an empty consequence is blank. */
    static String withoutComments(String text) {
        return text.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("//[^\\n]*", " ");
    }
}
