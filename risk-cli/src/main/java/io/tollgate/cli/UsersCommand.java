package io.tollgate.cli;

import picocli.CommandLine.Command;

/** {@code tollgate users}: the review console's users. Has no behaviour of its own. */
@Command(name = "users",
        header = "Manages the review console's users.",
        subcommands = {UsersAddCommand.class})
final class UsersCommand {
}
