package io.tollgate.cli;

import io.tollgate.scenarios.Scenario;
import io.tollgate.scenarios.ScenarioFiles;
import io.tollgate.scenarios.ScenarioResult;
import io.tollgate.scenarios.ScenarioRunner;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tollgate rules test}: runs the rule set's scenario files and checks that every rule has a
 * scenario where it fires and a near miss where it does not. Prints each failure with its file and
 * what differed and exits {@link Tollgate#FAILED} on any. Not thread-safe.
 */
@Command(name = "test",
        header = "Runs the rule scenarios (YAML files in <rules>/tests) and checks every rule is covered.",
        description = "Each scenario gives reference data and earlier charges, checks one charge in a fresh engine "
                + "and compares the verdict with what it expects. Every rule needs a scenario where it fires and a "
                + "near miss where it does not. Exits 1 on any failure or gap.")
final class RulesTestCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private RulesOption rules;

    @Option(names = "--scenarios", paramLabel = "DIR",
            description = "Folder of scenario .yaml files. Default: the tests folder inside the rules folder.")
    private Path scenariosFolder;

    @Override
    public Integer call() {
        Path rulesFolder = rules.folderOrNull();
        if (rulesFolder == null) {
            throw new BadInputException("rules test needs a rules folder (--rules DIR, or ./rules)");
        }
        Path folder = scenariosFolder != null ? Inputs.folder(scenariosFolder, "--scenarios")
                : Inputs.folder(rulesFolder.resolve("tests"), "--scenarios");
        List<Scenario> scenarios = ScenarioFiles.read(folder);
        ScenarioRunner.Report report = ScenarioRunner.run(rulesFolder, scenarios);

        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        for (ScenarioResult failure : report.failures()) {
            err.println("FAIL " + FailureHandler.mask(failure.describe()));
        }
        for (String gap : report.coverageGaps()) {
            err.println("GAP  " + rulesFolder.resolve(gap));
        }
        long passed = report.results().size() - report.failures().size();
        out.printf("rule set %s, version %s%n", rulesFolder, report.rulesetVersion());
        out.printf("%d scenarios in %s: %d passed, %d failed; %d coverage gaps%n", report.results().size(), folder,
                passed, report.failures().size(), report.coverageGaps().size());
        out.flush();
        err.flush();
        return report.passed() ? Tollgate.OK : Tollgate.FAILED;
    }
}
