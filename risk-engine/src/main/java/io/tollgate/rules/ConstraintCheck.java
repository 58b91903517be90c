package io.tollgate.rules;

import io.tollgate.facts.Charge;
import io.tollgate.facts.Complaints;
import io.tollgate.facts.ListHits;
import io.tollgate.facts.RiskScore;
import io.tollgate.facts.Subscriber;
import io.tollgate.facts.Subscription;
import io.tollgate.facts.Velocity;
import io.tollgate.facts.VelocityWindow;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.drools.drl.ast.descr.AtomicExprDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.BindingDescr;
import org.drools.drl.ast.descr.ConstraintConnectiveDescr;
import org.drools.drl.ast.descr.ExprConstraintDescr;
import org.drools.drl.ast.descr.RelationalExprDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.parser.DrlExprParser;
import org.drools.drl.parser.DrlExprParserFactory;
import org.drools.drl.parser.DrlParser;

/**
 * Checks the constraints of one rule against the allowlist: Drools' expression parser splits a
 * constraint into its relations, bindings and operands, and each operand is parsed here by a small
 * grammar of its own that accepts only fields of Tollgate's facts (and their nested fields), bindings,
 * literals, arithmetic, constants of Tollgate's enums and the methods of {@link #METHODS}. A name is
 * resolved against the fact's type, so a class name, a static call or a constructor has nothing to
 * resolve to. Not thread-safe: one instance checks one rule.
 */
final class ConstraintCheck {
    /** Tollgate's fact types: the only types a pattern may match. */
    static final List<Class<?>> FACTS = List.of(Charge.class, Complaints.class, ListHits.class, RiskScore.class,
            Subscriber.class, Subscription.class, Velocity.class, VelocityWindow.class);
    /** Operators between two operands; {@code in} and {@code not in} reach here as {@code ==} and {@code !=}. */
    static final Set<String> OPERATORS = Set.of("==", "!=", "<", "<=", ">", ">=", "matches", "memberOf", "contains");
    /** The pure methods a rule may call, by the receiver they are called on: name and number of arguments. */
    static final Map<Kind, Map<String, Signature>> METHODS = Map.of(
            Kind.STRING, Map.ofEntries(
                    Map.entry("length", new Signature(0, int.class)),
                    Map.entry("isEmpty", new Signature(0, boolean.class)),
                    Map.entry("isBlank", new Signature(0, boolean.class)),
                    Map.entry("startsWith", new Signature(1, boolean.class)),
                    Map.entry("endsWith", new Signature(1, boolean.class)),
                    Map.entry("contains", new Signature(1, boolean.class)),
                    Map.entry("equalsIgnoreCase", new Signature(1, boolean.class)),
                    Map.entry("indexOf", new Signature(1, int.class)),
                    Map.entry("strip", new Signature(0, String.class)),
                    Map.entry("substring", new Signature(-2, String.class))),
            Kind.NUMBER, Map.of(
                    "intValue", new Signature(0, int.class),
                    "longValue", new Signature(0, long.class),
                    "doubleValue", new Signature(0, double.class)),
            Kind.COLLECTION, Map.of(
                    "size", new Signature(0, int.class),
                    "isEmpty", new Signature(0, boolean.class),
                    "contains", new Signature(1, boolean.class)));
    private static final Map<Class<?>, Map<String, Class<?>>> FIELDS = fields();

    /** What a value is, for the methods it may be called with. */
    enum Kind { STRING, NUMBER, COLLECTION, OTHER }

    /** A method's number of arguments ({@code -2}: one or two) and the type it returns. */
    record Signature(int arguments, Class<?> returns) {
        boolean takes(int count) {
            return arguments == count || arguments == -2 && (count == 1 || count == 2);
        }
    }

    private final RuleFile file;
    private final RuleDescr rule;
    private final Map<String, Class<?>> types;
    private final Map<String, Class<?>> bindings = new HashMap<>();
    private final List<String> problems;

    ConstraintCheck(RuleFile file, RuleDescr rule, Map<String, Class<?>> types, List<String> problems) {
        this.file = file;
        this.rule = rule;
        this.types = types;
        this.problems = problems;
    }

    /** @return the fact type with this fully qualified name, or null */
    static Class<?> factType(String name) {
        return FACTS.stream().filter(type -> type.getName().equals(name)).findFirst().orElse(null);
    }

    static Class<?> load(String name) {
        try {
            return Class.forName(name, false, ConstraintCheck.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("an allowed enum is missing: " + name, e);
        }
    }

    /** @return the fact type a pattern names (imported by simple name, or qualified), or null */
    Class<?> patternType(String objectType) {
        String name = objectType == null ? "" : objectType.replaceAll("\\s", "");
        Class<?> type = name.contains(".") ? factType(name) : types.get(name);
        return type != null && FACTS.contains(type) ? type : null;
    }

    void bind(String variable, Class<?> type) {
        bindings.put(variable.strip(), type);
    }

    /** Checks one constraint of a pattern of {@code type}, adding a problem for each construct it refuses. */
    void check(Class<?> type, ExprConstraintDescr constraint) {
        DrlExprParser parser = DrlExprParserFactory.getDrlExprParser(DrlParser.DEFAULT_LANGUAGE_LEVEL);
        ConstraintConnectiveDescr parsed;
        try {
            parsed = parser.parse(constraint.getExpression());
        } catch (RuntimeException | StackOverflowError e) {
            refuse(constraint, "the constraint cannot be parsed");
            return;
        }
        if (parsed == null || parser.hasErrors()) {
            String why = parser.getErrors().isEmpty() ? "" : ": " + oneLine(parser.getErrors().get(0).getMessage());
            refuse(constraint, "the constraint cannot be parsed" + why);
            return;
        }
        try {
            walk(type, parsed);
        } catch (Refused e) {
            refuse(constraint, e.getMessage());
        }
    }

    private void refuse(ExprConstraintDescr constraint, String message) {
        problems.add(RuleSafety.at(file, constraint.getLine()) + "rule \"" + rule.getName() + "\": " + message);
    }

    private void walk(Class<?> type, BaseDescr descr) {
        if (descr instanceof ConstraintConnectiveDescr connective) {
            for (BaseDescr child : connective.getDescrs()) {
                walk(type, child);
            }
        } else if (descr instanceof RelationalExprDescr relation) {
            String operator = relation.getOperator();
            if (!OPERATORS.contains(operator)) {
                throw new Refused("operator " + operator + " is not allowed (allowed: ==, !=, <, <=, >, >=, in, "
                        + "not in, matches, memberOf, contains)");
            }
            if (relation.getParameters() != null && !relation.getParameters().isEmpty()) {
                throw new Refused("operator parameters (" + operator + "[...]) are not allowed");
            }
            if (operator.equals("matches")) {
                walk(type, relation.getLeft());
                if (!(relation.getRight() instanceof AtomicExprDescr pattern) || !pattern.isLiteral()
                        || !pattern.getExpression().strip().startsWith("\"")) {
                    throw new Refused("matches takes a literal pattern in double quotes");
                }
                // Read as written and as unescaped: which one the matcher sees must not decide safety.
                String literal = pattern.getExpression().strip();
                String problem = RegexSafety.problem(unquote(literal));
                problem = problem != null ? problem : RegexSafety.problem(literal.substring(1, literal.length() - 1));
                if (problem != null) {
                    throw new Refused("pattern " + pattern.getExpression().strip() + " " + problem);
                }
                return;
            }
            walk(type, relation.getLeft());
            walk(type, relation.getRight());
        } else if (descr instanceof BindingDescr binding) {
            String expression = binding.getExpression();
            Class<?> bound = expression == null || expression.isBlank() ? type : operand(type, expression);
            bind(binding.getVariable(), bound);
        } else if (descr instanceof AtomicExprDescr atom) {
            operand(type, atom.getExpression());
        } else {
            throw new Refused("'" + descr + "' is not allowed");
        }
    }

    private Class<?> operand(Class<?> type, String expression) {
        return new Operand(expression == null ? "" : expression, type).parse();
    }

    /** Unquotes a DRL string literal far enough for its pattern to be read: {@code \\} and {@code \"}. */
    private static String unquote(String literal) {
        String body = literal.substring(1, literal.length() - 1);
        StringBuilder out = new StringBuilder(body.length());
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '\\' && i + 1 < body.length() && (body.charAt(i + 1) == '\\' || body.charAt(i + 1) == '"')) {
                out.append(body.charAt(++i));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("\\s*\\R\\s*", " ").strip();
    }

    /** The fields of each fact type: the public accessors it declares, by name, and what they return. */
    private static Map<Class<?>, Map<String, Class<?>>> fields() {
        Map<Class<?>, Map<String, Class<?>>> fields = new HashMap<>();
        for (Class<?> type : FACTS) {
            Map<String, Class<?>> accessors = new HashMap<>();
            for (Method method : type.getDeclaredMethods()) {
                int modifiers = method.getModifiers();
                if (Modifier.isPublic(modifiers) && !Modifier.isStatic(modifiers) && method.getParameterCount() == 0
                        && method.getReturnType() != void.class && !method.isSynthetic()
                        && !Set.of("toString", "hashCode").contains(method.getName())) {
                    accessors.put(method.getName(), method.getReturnType());
                }
            }
            fields.put(type, Map.copyOf(accessors));
        }
        return Map.copyOf(fields);
    }

    static Kind kind(Class<?> type) {
        if (type == String.class) {
            return Kind.STRING;
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class && type != char.class) {
            return Kind.NUMBER;
        }
        return Collection.class.isAssignableFrom(type) ? Kind.COLLECTION : Kind.OTHER;
    }

    /** A refusal of a construct, with the message that names it. */
    private static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * One operand, parsed by this grammar and nothing more:
     * <pre>
     * operand  := unary (('+' | '-' | '*' | '/' | '%') unary)*
     * unary    := ('!' | '-')* primary
     * primary  := literal | '(' operand ')' | name selector*
     * selector := '.' field | '.' method '(' (operand (',' operand)*)? ')'
     * </pre>
     * where a name is a field of the pattern's fact, {@code this}, a binding, or an imported enum
     * followed by one of its constants.
     */
    private final class Operand {
        private final String text;
        private final Class<?> pattern;
        private int position;

        Operand(String text, Class<?> pattern) {
            this.text = text;
            this.pattern = pattern;
        }

        Class<?> parse() {
            Class<?> type = operand(0);
            skipSpaces();
            if (position < text.length()) {
                throw unexpected();
            }
            return type;
        }

        private Class<?> operand(int depth) {
            if (depth > 32) {
                throw new Refused("the expression is nested too deeply");
            }
            Class<?> type = unary(depth);
            while (true) {
                skipSpaces();
                if (position < text.length() && "+-*/%".indexOf(text.charAt(position)) >= 0) {
                    position++;
                    Class<?> right = unary(depth);
                    type = type == String.class || right == String.class ? String.class : double.class;
                } else {
                    return type;
                }
            }
        }

        private Class<?> unary(int depth) {
            skipSpaces();
            if (position < text.length() && (text.charAt(position) == '!' || text.charAt(position) == '-')) {
                position++;
                return unary(depth + 1);
            }
            return primary(depth);
        }

        private Class<?> primary(int depth) {
            skipSpaces();
            if (position >= text.length()) {
                throw new Refused("an operand is missing in '" + text.strip() + "'");
            }
            char c = text.charAt(position);
            if (c == '"' || c == '\'') {
                stringLiteral(c);
                return selectors(String.class, depth);
            }
            if (Character.isDigit(c) || c == '.' && position + 1 < text.length() && Character.isDigit(text.charAt(position + 1))) {
                return numberLiteral();
            }
            if (c == '(') {
                position++;
                Class<?> type = operand(depth + 1);
                expect(')');
                return selectors(type, depth);
            }
            if (!identifierStart(c)) {
                throw unexpected();
            }
            String name = identifier();
            skipSpaces();
            if (position < text.length() && text.charAt(position) == '(') {
                throw new Refused("calling " + name + "(...) is not allowed: no functions, static calls or constructors");
            }
            switch (name) {
                case "true", "false":
                    return boolean.class;
                case "null":
                    return Object.class;
                case "this":
                    return selectors(pattern, depth);
                case "new":
                    throw new Refused("new is not allowed: no constructors");
                default:
                    break;
            }
            Class<?> bound = bindings.get(name);
            if (bound != null) {
                return selectors(bound, depth);
            }
            Class<?> field = FIELDS.getOrDefault(pattern, Map.of()).get(name);
            if (field != null) {
                return selectors(field, depth);
            }
            Class<?> enumType = types.get(name);
            if (enumType != null && enumType.isEnum()) {
                expect('.');
                String constant = identifier();
                boolean known = false;
                for (Object value : enumType.getEnumConstants()) {
                    known |= ((Enum<?>) value).name().equals(constant);
                }
                if (!known) {
                    throw new Refused(name + "." + constant + " is not a constant of " + name);
                }
                skipSpaces();
                if (position < text.length() && text.charAt(position) == '.') {
                    throw new Refused("only the constants of an enum may be used: " + name + "." + constant + ".…");
                }
                return enumType;
            }
            throw new Refused("'" + name + "' is not a field of " + pattern.getSimpleName()
                    + ", a binding or an imported Tollgate enum (no class names or static calls)");
        }

        private Class<?> selectors(Class<?> type, int depth) {
            while (true) {
                skipSpaces();
                if (position >= text.length() || text.charAt(position) != '.') {
                    return type;
                }
                position++;
                skipSpaces();
                String name = identifier();
                skipSpaces();
                if (position < text.length() && text.charAt(position) == '(') {
                    position++;
                    int arguments = arguments(depth);
                    Signature signature = METHODS.getOrDefault(kind(type), Map.of()).get(name);
                    if (signature == null || !signature.takes(arguments)) {
                        throw new Refused("method " + name + "(" + (arguments == 0 ? "" : "…") + ") on "
                                + type.getSimpleName() + " is not allowed (allowed: " + allowedMethods() + ")");
                    }
                    type = signature.returns();
                } else {
                    Class<?> field = FIELDS.getOrDefault(type, Map.of()).get(name);
                    if (field == null) {
                        throw new Refused("'" + name + "' is not a field of " + type.getSimpleName()
                                + (FIELDS.containsKey(type) ? "" : " (only Tollgate's facts have fields a rule may read)"));
                    }
                    type = field;
                }
            }
        }

        private int arguments(int depth) {
            skipSpaces();
            if (position < text.length() && text.charAt(position) == ')') {
                position++;
                return 0;
            }
            int count = 0;
            while (true) {
                operand(depth + 1);
                count++;
                skipSpaces();
                if (position < text.length() && text.charAt(position) == ',') {
                    position++;
                } else {
                    expect(')');
                    return count;
                }
            }
        }

        private void stringLiteral(char quote) {
            int end = position + 1;
            while (end < text.length() && text.charAt(end) != quote) {
                end += text.charAt(end) == '\\' ? 2 : 1;
            }
            if (end >= text.length()) {
                throw new Refused("a string literal is not closed");
            }
            position = end + 1;
        }

        private Class<?> numberLiteral() {
            int start = position;
            while (position < text.length() && (Character.isDigit(text.charAt(position)) || text.charAt(position) == '.'
                    || text.charAt(position) == '_')) {
                position++;
            }
            if (position < text.length() && "lLdD".indexOf(text.charAt(position)) >= 0) {
                position++;
            }
            if (position < text.length() && identifierStart(text.charAt(position))) {
                throw new Refused("'" + text.substring(start, position + 1) + "…' is not a number literal");
            }
            return text.substring(start, position).contains(".") ? double.class : long.class;
        }

        private String identifier() {
            skipSpaces();
            int start = position;
            if (position >= text.length() || !identifierStart(text.charAt(position))) {
                throw unexpected();
            }
            while (position < text.length() && (identifierStart(text.charAt(position))
                    || text.charAt(position) >= '0' && text.charAt(position) <= '9')) {
                position++;
            }
            return text.substring(start, position);
        }

        private boolean identifierStart(char c) {
            return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == '$';
        }

        private void expect(char c) {
            skipSpaces();
            if (position >= text.length() || text.charAt(position) != c) {
                throw unexpected();
            }
            position++;
        }

        private void skipSpaces() {
            while (position < text.length() && Character.isWhitespace(text.charAt(position))) {
                position++;
            }
        }

        private Refused unexpected() {
            if (position >= text.length()) {
                return new Refused("'" + text.strip() + "' ends too early");
            }
            return new Refused("'" + text.charAt(position) + "' is not allowed here: '" + text.strip()
                    + "' (a constraint reads fields, literals, operators and a few methods)");
        }
    }

    private static String allowedMethods() {
        return "String: length, isEmpty, isBlank, startsWith, endsWith, contains, equalsIgnoreCase, indexOf, strip, "
                + "substring; numbers: intValue, longValue, doubleValue; collections: size, isEmpty, contains";
    }
}
