/**
 * The facts rules read: flat, immutable values computed in Java before the rules run, all "as of"
 * the engine's clock. Rules only read them and report hits; every velocity figure includes the
 * charge being checked.
 */
package io.tollgate.facts;
