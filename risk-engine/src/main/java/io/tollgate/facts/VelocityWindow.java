package io.tollgate.facts;

/**
 * Attempts and approved spend of one key (a number, a device, an IP, a number at one merchant)
 * over fixed windows ending now. The calendar day and month are China time (UTC+8). Every figure
 * includes the charge being checked; spend counts charges not blocked and not failed, in fen.
 */
public record VelocityWindow(
        int attempts10m,
        int attempts1h,
        int attempts24h,
        int attemptsDay,
        int attemptsMonth,
        long spend10m,
        long spend1h,
        long spend24h,
        long spendDay,
        long spendMonth) {

    /** A key that is absent from the charge (no device id, no IP). */
    public static final VelocityWindow NONE = new VelocityWindow(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
}
