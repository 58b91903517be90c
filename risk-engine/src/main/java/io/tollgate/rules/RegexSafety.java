package io.tollgate.rules;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Refuses the regular expressions of {@code matches} that Java's backtracking engine could take
 * exponential or high polynomial time on: a repeated group that holds a repetition or an
 * alternation ({@code (.*a){30}}, {@code (a|aa)*}), more than two unbounded repetitions
 * ({@code .*.*.*x}), back-references and look-arounds. What is left runs in at most quadratic time
 * in the length of the text, which every free-text field of a charge bounds. Thread-safe (stateless).
 */
final class RegexSafety {
    /** Longest pattern accepted. */
    static final int MAX_LENGTH = 200;
    /** A bounded repetition above this many counts as unbounded. */
    private static final int SMALL_REPEAT = 16;
    /** Most unbounded repetitions in one pattern. */
    private static final int MAX_UNBOUNDED = 2;

    private RegexSafety() {
    }

    /** @return null when the pattern is safe to run, else why it is refused */
    static String problem(String regex) {
        if (regex.length() > MAX_LENGTH) {
            return "is longer than " + MAX_LENGTH + " characters";
        }
        try {
            Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            return "is not a valid regular expression: " + e.getDescription();
        }
        Deque<Group> groups = new ArrayDeque<>();
        groups.push(new Group());
        Group last = null; // the group just closed, when it is what a quantifier would repeat
        int unbounded = 0;
        int i = 0;
        while (i < regex.length()) {
            char c = regex.charAt(i);
            switch (c) {
                case '\\' -> {
                    if (i + 1 < regex.length()) {
                        char next = regex.charAt(i + 1);
                        if (next >= '1' && next <= '9' || next == 'k') {
                            return "uses a back-reference";
                        }
                        if (next == 'Q') {
                            return "uses \\Q...\\E quoting; escape each character instead";
                        }
                        if ("pPxN".indexOf(next) >= 0 && i + 2 < regex.length() && regex.charAt(i + 2) == '{') {
                            int close = regex.indexOf('}', i);
                            if (close < 0) {
                                return "has an escape with an unclosed {";
                            }
                            i = close + 1; // \p{Lu} and the like: the braces are the escape's
                            last = null;
                            continue;
                        }
                    }
                    i += 2;
                    last = null;
                    continue;
                }
                case '[' -> {
                    i = classEnd(regex, i);
                    last = null;
                    continue;
                }
                case '(' -> {
                    if (regex.startsWith("(?", i) && !regex.startsWith("(?:", i)) {
                        return "uses a look-around or an inline flag group; only (...) and (?:...) groups are allowed";
                    }
                    groups.push(new Group());
                    i += regex.startsWith("(?:", i) ? 3 : 1;
                    last = null;
                    continue;
                }
                case ')' -> {
                    last = groups.pop();
                    Group parent = groups.peek();
                    parent.repeats |= last.repeats;
                    i++;
                    continue;
                }
                case '|' -> {
                    groups.peek().alternates = true;
                    i++;
                    last = null;
                    continue;
                }
                default -> {
                }
            }
            int max;
            int end;
            if (c == '*' || c == '+') {
                max = Integer.MAX_VALUE;
                end = i + 1;
            } else if (c == '?') {
                max = 1;
                end = i + 1;
            } else if (c == '{') {
                end = regex.indexOf('}', i) + 1;
                try {
                    String[] bounds = regex.substring(i + 1, end - 1).split(",", -1);
                    max = bounds.length == 1 ? Integer.parseInt(bounds[0].strip())
                            : bounds[1].isBlank() ? Integer.MAX_VALUE : Integer.parseInt(bounds[1].strip());
                } catch (RuntimeException e) {
                    return "has a repetition {...} that cannot be read";
                }
            } else {
                i++;
                last = null;
                continue;
            }
            if (end < regex.length() && (regex.charAt(end) == '?' || regex.charAt(end) == '+')) {
                end++; // lazy or possessive: the same repetition for this purpose
            }
            if (max > 1 && last != null && (last.repeats || last.alternates)) {
                return "repeats a group that itself " + (last.repeats ? "repeats" : "has alternatives")
                        + " (catastrophic backtracking)";
            }
            if (max > SMALL_REPEAT && ++unbounded > MAX_UNBOUNDED) {
                return "has more than " + MAX_UNBOUNDED + " unbounded repetitions (catastrophic backtracking)";
            }
            if (max > 1) {
                groups.peek().repeats = true;
            }
            last = null;
            i = end;
        }
        return null;
    }

    /** @return the index after the character class that starts at {@code start} (classes may nest) */
    private static int classEnd(String regex, int start) {
        int depth = 0;
        int i = start;
        while (i < regex.length()) {
            char c = regex.charAt(i);
            if (c == '\\') {
                i += 2;
                continue;
            }
            if (c == '[') {
                depth++;
            } else if (c == ']' && i > start + 1 && --depth == 0) {
                return i + 1;
            }
            i++;
        }
        return regex.length();
    }

    /** What a group (or the whole pattern) holds, as far as backtracking goes. */
    private static final class Group {
        boolean repeats;
        boolean alternates;
    }
}
