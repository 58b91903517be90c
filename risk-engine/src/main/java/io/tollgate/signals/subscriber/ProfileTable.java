package io.tollgate.signals.subscriber;

import io.tollgate.charge.Carrier;
import io.tollgate.charge.ChinaTime;
import io.tollgate.charge.Msisdn;
import io.tollgate.facts.Subscriber;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;

/**
 * Every version of every subscriber profile in memory, in columns of primitives instead of objects
 * (43 bytes a version and 24 a number, before the slack of arrays grown by doubling): a number's
 * versions are a list from the newest down, found through an open-addressing table keyed by the
 * number as a long. Instants are kept to the microsecond, as the database keeps them. Not
 * thread-safe: {@link SubscriberSignals} guards it.
 */
final class ProfileTable {
    private static final int NONE = -1;
    private static final long NOT_PORTED = Long.MIN_VALUE;
    private static final Carrier[] CARRIERS = Carrier.values();
    private static final Plan[] PLANS = Plan.values();
    private static final SubscriberStatus[] STATUSES = SubscriberStatus.values();

    /** Numbers (0: free slot) and the newest version of each, by slot. */
    private long[] keys = new long[1024];
    private int[] newest = new int[1024];
    private int numbers;

    /** The versions, by index: when each became true, the next older one, and the profile's fields. */
    private long[] updatedMicros = new long[1024];
    private int[] older = new int[1024];
    private long[] activatedDay = new long[1024];
    private long[] portedDay = new long[1024];
    private long[] balanceFen = new long[1024];
    private int[] arrearsDays = new int[1024];
    private byte[] carrier = new byte[1024];
    private byte[] plan = new byte[1024];
    private byte[] status = new byte[1024];
    private int versions;

    /** @return how many versions are kept */
    int versions() {
        return versions;
    }

    /**
     * Keeps a version; one with the same number and instant (to the microsecond) replaces the old one.
     *
     * @param profile the version
     */
    void add(SubscriberProfile profile) {
        long msisdn = Long.parseLong(profile.msisdn().digits());
        long at = micros(profile.updatedAt());
        int slot = slot(msisdn);
        if (keys[slot] == 0) {
            if ((numbers + 1) * 2 > keys.length) {
                rehash(keys.length * 2);
                slot = slot(msisdn);
            }
            keys[slot] = msisdn;
            newest[slot] = NONE;
            numbers++;
        }
        int newer = NONE;
        int version = newest[slot];
        while (version != NONE && updatedMicros[version] > at) {
            newer = version;
            version = older[version];
        }
        if (version != NONE && updatedMicros[version] == at) {
            set(version, at, profile);
            return;
        }
        int added = append(at, profile);
        older[added] = version;
        if (newer == NONE) {
            newest[slot] = added;
        } else {
            older[newer] = added;
        }
    }

    /**
     * @param msisdn the number
     * @param now the instant of the check
     * @return the latest version updated at or before {@code now}, or {@code null} when none was
     */
    SubscriberProfile asOf(Msisdn msisdn, Instant now) {
        int version = versionAsOf(Long.parseLong(msisdn.digits()), now);
        return version == NONE ? null : profile(msisdn, version);
    }

    /**
     * The fact of {@link #asOf} without the profile: {@code asOf(msisdn, now).asFactAt(now)}, built
     * from the columns.
     *
     * @param msisdn the number, as a long
     * @param now the instant of the check
     * @return the fact, or {@code null} when no version was updated at or before {@code now}
     */
    Subscriber factAsOf(long msisdn, Instant now) {
        int version = versionAsOf(msisdn, now);
        if (version == NONE) {
            return null;
        }
        long today = ChinaTime.epochDay(now.toEpochMilli());
        long sincePorted = portedDay[version] == NOT_PORTED ? -1 : Math.max(0, today - portedDay[version]);
        return new Subscriber(true, CARRIERS[carrier[version]], PLANS[plan[version]], STATUSES[status[version]],
                Math.max(0, today - activatedDay[version]), balanceFen[version], arrearsDays[version], sincePorted);
    }

    /** @return the latest version of the number updated at or before {@code now}, or {@link #NONE} */
    private int versionAsOf(long msisdn, Instant now) {
        int slot = slot(msisdn);
        if (keys[slot] == 0) {
            return NONE;
        }
        long at = micros(now);
        int steps = 0; // bounded: a read racing a write (see SubscriberSignals) may see a torn list
        for (int version = newest[slot]; version != NONE && steps++ < versions; version = older[version]) {
            if (updatedMicros[version] <= at) {
                return version;
            }
        }
        return NONE;
    }

    private SubscriberProfile profile(Msisdn msisdn, int version) {
        long updated = updatedMicros[version];
        return new SubscriberProfile(msisdn, CARRIERS[carrier[version]], LocalDate.ofEpochDay(activatedDay[version]),
                PLANS[plan[version]], balanceFen[version], arrearsDays[version], STATUSES[status[version]],
                portedDay[version] == NOT_PORTED ? null : LocalDate.ofEpochDay(portedDay[version]),
                Instant.ofEpochSecond(Math.floorDiv(updated, 1_000_000L), Math.floorMod(updated, 1_000_000L) * 1_000L));
    }

    private int append(long at, SubscriberProfile profile) {
        if (versions == updatedMicros.length) {
            int length = versions * 2;
            updatedMicros = Arrays.copyOf(updatedMicros, length);
            older = Arrays.copyOf(older, length);
            activatedDay = Arrays.copyOf(activatedDay, length);
            portedDay = Arrays.copyOf(portedDay, length);
            balanceFen = Arrays.copyOf(balanceFen, length);
            arrearsDays = Arrays.copyOf(arrearsDays, length);
            carrier = Arrays.copyOf(carrier, length);
            plan = Arrays.copyOf(plan, length);
            status = Arrays.copyOf(status, length);
        }
        set(versions, at, profile);
        return versions++;
    }

    private void set(int version, long at, SubscriberProfile profile) {
        updatedMicros[version] = at;
        activatedDay[version] = profile.activatedOn().toEpochDay();
        portedDay[version] = profile.portedOn() == null ? NOT_PORTED : profile.portedOn().toEpochDay();
        balanceFen[version] = profile.balanceFen();
        arrearsDays[version] = profile.arrearsDays();
        carrier[version] = (byte) profile.carrier().ordinal();
        plan[version] = (byte) profile.plan().ordinal();
        status[version] = (byte) profile.status().ordinal();
    }

    private int slot(long msisdn) {
        long[] table = keys;
        int mask = table.length - 1;
        int slot = (int) (mix(msisdn) & mask);
        while (table[slot] != 0 && table[slot] != msisdn) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private void rehash(int length) {
        long[] oldKeys = keys;
        int[] oldNewest = newest;
        keys = new long[length];
        newest = new int[length];
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != 0) {
                int slot = slot(oldKeys[i]);
                keys[slot] = oldKeys[i];
                newest[slot] = oldNewest[i];
            }
        }
    }

    private static long mix(long value) {
        long h = value * 0x9E3779B97F4A7C15L;
        return h ^ (h >>> 29);
    }

    /** The instant to the microsecond (rounded down), saturating far from today. */
    private static long micros(Instant instant) {
        try {
            return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
        } catch (ArithmeticException e) {
            return instant.getEpochSecond() < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }
}
