package io.tollgate.console;

import io.tollgate.review.Role;
import java.util.EnumSet;
import java.util.Set;

/** The sets of roles the console's pages and actions allow. */
final class Roles {
    /** Anyone logged in. */
    static final Set<Role> ALL = EnumSet.allOf(Role.class);
    /** Who decides cases. */
    static final Set<Role> REVIEWERS = EnumSet.of(Role.REVIEWER);
    /** Who sees rules and statistics. */
    static final Set<Role> ANALYSTS = EnumSet.of(Role.ANALYST, Role.ADMIN);
    /** Who manages users and tokens. */
    static final Set<Role> ADMINS = EnumSet.of(Role.ADMIN);

    private Roles() {
    }
}
