package io.tollgate.cli;

import picocli.CommandLine.Command;

/** {@code tollgate cases}: review cases from a terminal. Has no behaviour of its own. */
@Command(name = "cases",
        header = "Lists, shows, decides and exports the review cases that flagged and blocked charges opened.",
        description = "Numbers are shown masked (138****1234). A decision, a reveal, an export and a contest "
                + "name their user (--as) and are written to the append-only audit trail.",
        subcommands = {CasesListCommand.class, CasesShowCommand.class, CasesDecideCommand.class,
            CasesRevealCommand.class, CasesExportCommand.class, CasesContestCommand.class})
final class CasesCommand {
}
