package io.tollgate.cli;

import io.tollgate.rules.RuleMeta;
import io.tollgate.rules.RuleSet;
import io.tollgate.rules.RuleSetCompiler;
import io.tollgate.rules.RuleSetRefusedException;
import io.tollgate.rules.RuleSource;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code tollgate rules check}: compiles a rule set exactly as the engine would load it and lists
 * its rules, or prints every problem as {@code file:line: message} and exits
 * {@link Tollgate#FAILED}. Not thread-safe.
 */
@Command(name = "check",
        header = "Compiles a rule set and lists its rules, or prints every problem as file:line: message.",
        description = "The same compilation and metadata checks the engine runs before it swaps a rule set in. "
                + "Exits 1 when the rule set would be refused.")
final class RulesCheckCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private RulesOption rules;

    @Override
    public Integer call() {
        Path folder = rules.folderOrNull();
        RuleSource source = folder == null ? RuleSource.packaged() : RuleSource.folder(folder);
        var files = source.read();
        String where = folder == null ? "the packaged rule set" : folder.toString();
        RuleSet ruleSet;
        try {
            ruleSet = RuleSetCompiler.compile(files);
        } catch (RuleSetRefusedException refused) {
            PrintWriter err = spec.commandLine().getErr();
            refused.problems().forEach(problem -> err.println(FailureHandler.mask(located(folder, problem))));
            err.printf("tollgate: rule set %s refused: %d problem%s%n", where, refused.problems().size(),
                    refused.problems().size() == 1 ? "" : "s");
            err.flush();
            return Tollgate.FAILED;
        }
        List<RuleMeta> metas = ruleSet.rules().stream()
                .sorted(Comparator.comparing(RuleMeta::file).thenComparingInt(RuleMeta::line))
                .toList();
        PrintWriter out = spec.commandLine().getOut();
        out.printf("rule set %s compiles: %d rules in %d files%n", where, metas.size(), files.size());
        out.printf("version %s%n", ruleSet.version());
        int codeWidth = Math.max("CODE".length(), metas.stream().mapToInt(meta -> meta.code().length()).max().orElse(0));
        String row = "%-" + codeWidth + "s  %-16s  %s%n";
        out.printf(row, "CODE", "EFFECT", "WHERE");
        for (RuleMeta meta : metas) {
            out.printf(row, meta.code(), effect(meta), location(folder, meta.file()) + ":" + meta.line());
        }
        out.flush();
        return Tollgate.OK;
    }

    /** @return the action or the points, with shadow mode and review cases noted */
    private static String effect(RuleMeta meta) {
        String effect = meta.action() != null ? meta.action().name() : "+" + meta.points();
        if (meta.review()) {
            effect += " review";
        }
        if (meta.shadow()) {
            effect += " shadow";
        }
        return effect;
    }

    /** A rule file's path as the user can open it: under the folder they named. */
    private static String location(Path folder, String file) {
        return folder == null ? file : folder.resolve(file).toString();
    }

    /** Puts the folder in front of a problem's {@code file:line:} so an editor can jump to it. */
    private static String located(Path folder, String problem) {
        int colon = problem.indexOf(':');
        if (folder == null || colon <= 0 || !Files.isRegularFile(folder.resolve(problem.substring(0, colon)))) {
            return problem;
        }
        return location(folder, problem.substring(0, colon)) + problem.substring(colon);
    }
}
