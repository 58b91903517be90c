/**
 * The {@code tollgate} command line over the risk engine: {@code import}, {@code check},
 * {@code replay} and {@code rules check}. {@link io.tollgate.cli.Tollgate} is the entry point; each
 * subcommand is a {@code Callable<Integer>} returning its exit code, and
 * {@code FailureHandler} turns every failure into an exit code and one line on stderr.
 */
package io.tollgate.cli;
