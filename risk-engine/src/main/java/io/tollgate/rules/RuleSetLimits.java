package io.tollgate.rules;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * What a rule set may cost to load: its size, its nesting, its number of rules and the time its
 * compilation may take. A reload beyond them is refused, so that a file saved by mistake (or on
 * purpose) cannot take the compiler's thread, its stack or the heap. Thread-safe (stateless).
 */
final class RuleSetLimits {
    /** Most bytes of all the files of a rule set together. */
    static final int MAX_BYTES = 1 << 20;
    /** Most files in a rule set. */
    static final int MAX_FILES = 200;
    /** Most rules in a rule set. */
    static final int MAX_RULES = 1_000;
    /** Deepest nesting of parentheses and brackets, outside strings and comments. */
    static final int MAX_NESTING = 64;
    /** Longest a compilation may take before the rule set is refused. */
    static final Duration MAX_BUILD_TIME = Duration.ofSeconds(60);

    private RuleSetLimits() {
    }

    /** Adds a problem for each limit of size, files and nesting the files go over. */
    static void check(List<RuleFile> files, List<String> problems) {
        if (files.size() > MAX_FILES) {
            problems.add(files.get(0).name() + ":1: the rule set has " + files.size() + " files; at most "
                    + MAX_FILES + " are accepted");
            return;
        }
        long bytes = 0;
        for (RuleFile file : files) {
            bytes += file.content().getBytes(StandardCharsets.UTF_8).length;
        }
        if (bytes > MAX_BYTES) {
            problems.add(files.get(0).name() + ":1: the rule set has " + bytes + " bytes; at most " + MAX_BYTES
                    + " are accepted");
            return;
        }
        for (RuleFile file : files) {
            int line = deepLine(file.content());
            if (line > 0) {
                problems.add(file.name() + ":" + line + ": parentheses or brackets are nested more than "
                        + MAX_NESTING + " deep");
            }
        }
    }

    /** @return the line where the nesting first goes deeper than {@link #MAX_NESTING}, or 0 */
    private static int deepLine(String text) {
        int depth = 0;
        int line = 1;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\n') {
                line++;
            } else if (c == '/' && i + 1 < text.length() && text.charAt(i + 1) == '/') {
                while (i + 1 < text.length() && text.charAt(i + 1) != '\n') {
                    i++;
                }
            } else if (c == '/' && i + 1 < text.length() && text.charAt(i + 1) == '*') {
                int end = text.indexOf("*/", i + 2);
                end = end < 0 ? text.length() : end + 1;
                line += (int) text.substring(i, Math.min(end, text.length())).chars().filter(ch -> ch == '\n').count();
                i = end;
            } else if (c == '"' || c == '\'') {
                int end = i + 1;
                while (end < text.length() && text.charAt(end) != c && text.charAt(end) != '\n') {
                    end += text.charAt(end) == '\\' ? 2 : 1;
                }
                i = Math.min(end, text.length() - 1);
                if (text.charAt(i) == '\n') {
                    continue;
                }
            } else if (c == '(' || c == '[' || c == '{') {
                if (++depth > MAX_NESTING) {
                    return line;
                }
            } else if (c == ')' || c == ']' || c == '}') {
                depth = Math.max(0, depth - 1);
            }
            i++;
        }
        return 0;
    }

    /**
     * Runs a compilation on a thread of its own and waits at most {@link #MAX_BUILD_TIME} for it.
     * Whatever it throws, even an error such as {@link StackOverflowError}, becomes a problem.
     *
     * @param build the compilation, given the list its problems go to
     * @param files the rule set's files, to name one in a refusal
     * @param problems where the compilation's problems, or its failure, are added
     * @return what the compilation returned, or null when it failed or took too long
     */
    static <T> T withinBuildTime(Function<List<String>, T> build, List<RuleFile> files, List<String> problems) {
        List<String> found = new ArrayList<>();
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                result.complete(build.apply(found));
            } catch (Throwable e) { // the caller reports it; a compiler's error must not end a watcher
                result.completeExceptionally(e);
            }
        }, "tollgate-rule-compiler");
        thread.setDaemon(true);
        thread.start();
        String where = (files.isEmpty() ? "?" : files.get(0).name()) + ":1: ";
        try {
            T value = result.get(MAX_BUILD_TIME.toMillis(), TimeUnit.MILLISECONDS);
            problems.addAll(found); // written before the result was completed
            return value;
        } catch (TimeoutException e) {
            thread.interrupt();
            problems.add(where + "compiling the rule set took longer than " + MAX_BUILD_TIME.toSeconds()
                    + " s; it is refused");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            problems.add(where + "the rule compiler failed: " + cause.getClass().getSimpleName()
                    + (cause.getMessage() == null ? "" : ": " + cause.getMessage().replaceAll("\\s*\\R\\s*", " ")));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            thread.interrupt();
            problems.add(where + "compiling the rule set was interrupted");
        }
        return null;
    }
}
