package io.tollgate.cli;

import picocli.CommandLine.Command;

/** {@code tollgate rules}: the analysts' commands on a rule set. Has no behaviour of its own. */
@Command(name = "rules",
        header = "Works on a rule set: check it and test it before it goes live.",
        description = "A rule set is every .drl file under one folder; analysts keep theirs in ./rules.",
        subcommands = {RulesCheckCommand.class, RulesTestCommand.class})
final class RulesCommand {
}
