package io.tollgate.generate;

/**
 * How people use their phones, shared by every pattern that imitates a person: when in the day
 * they buy, how long they take to type a code, which address their traffic comes from. Stateless.
 */
final class Habits {
    /** Relative purchases per China hour: quiet at night, busy at lunch, peaking in the evening. */
    static final double[] HOURS = {1.2, 0.5, 0.25, 0.15, 0.15, 0.3, 0.8, 1.5, 2.5, 3.0, 3.4, 3.5,
        4.0, 3.6, 3.2, 3.2, 3.3, 3.6, 4.0, 4.6, 5.2, 5.6, 4.6, 2.6};
    /** Malware acts when the phone lies unattended: mostly 01:00-05:00. */
    static final double[] NIGHT = {2, 6, 8, 8, 7, 3, 1, 0.5, 0.3, 0.3, 0.3, 0.3,
        0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.5, 1};
    /** Farms work around the clock, a little more at night when fewer people look. */
    static final double[] AROUND_THE_CLOCK = {1.3, 1.3, 1.3, 1.3, 1.2, 1, 1, 1, 1, 1, 1, 1,
        1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1.1, 1.2};
    /** Evening only: binge sessions of game players. */
    static final double[] EVENING = {1, 0.3, 0, 0, 0, 0, 0, 0, 0.2, 0.3, 0.4, 0.6,
        0.8, 0.6, 0.5, 0.5, 0.6, 0.8, 1.5, 2.5, 3.5, 4, 3, 2};

    private Habits() {
    }

    /** @return an instant on day {@code day} at an hour drawn from {@code hours} */
    static long timeOn(Horizon horizon, RandomSource random, int day, double[] hours) {
        int hour = random.weighted(hours);
        return horizon.dayStart(day) + hour * Horizon.HOUR + random.nextInt(3_600);
    }

    /**
     * @return {@code earliest}, or the next moment after it when offices work (08:00-22:00 China time):
     *     complaints are filed and refunds and deductions booked by people at work
     */
    static long officeHours(RandomSource random, long earliest) {
        int hour = Horizon.hourOf(earliest);
        long midnight = earliest - Math.floorMod(earliest + 8 * Horizon.HOUR, Horizon.DAY);
        if (hour < 8) {
            return midnight + 8 * Horizon.HOUR + random.nextInt(3 * 3_600);
        }
        if (hour >= 22) {
            return midnight + Horizon.DAY + 8 * Horizon.HOUR + random.nextInt(3 * 3_600);
        }
        return earliest;
    }

    /** @return a person's OTP latency: reading the SMS and typing the code, 3-40 s, median 9 s */
    static int humanOtp(RandomSource random) {
        return (int) random.logNormal(9_000, 0.55, 3_000, 40_000);
    }

    /** @return the OTP latency of malware reading the code from the SMS inbox: 60-1,950 ms */
    static int malwareOtp(RandomSource random) {
        return (int) random.logNormal(600, 0.7, 60, 1_950);
    }

    /** @return the latency of a SIM-bank modem relaying the code to a script: 1.2-6 s, median 2.8 s */
    static int modemOtp(RandomSource random) {
        return (int) random.logNormal(2_800, 0.4, 1_200, 6_000);
    }
}
