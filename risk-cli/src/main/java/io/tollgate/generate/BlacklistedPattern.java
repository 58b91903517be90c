package io.tollgate.generate;

import io.tollgate.charge.ChargeKind;
import io.tollgate.charge.PayMode;
import io.tollgate.signals.lists.ListKind;
import io.tollgate.signals.lists.ListSource;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Actors that carriers, the regulator, compliance or our risk team have listed, labelled
 * {@code blacklisted}: numbers used for complaint fraud and bulk subscriptions, virtual-operator
 * segments (号段) sold in bulk to fraudsters, emulator fingerprints, proxy exit nodes. They keep
 * buying as they did before: most entries predate the period, some are added during it (the
 * actor's earlier charges are the same actor's, so they carry the label too) and some device
 * entries lapse during it while the emulator keeps working. Entries that expired before the
 * period belong to numbers the carrier has since recycled to new owners: those charge as ordinary
 * customers, {@code legit}. Not thread-safe.
 */
final class BlacklistedPattern implements Pattern {
    /** One listed number, or a number using a listed device or address. */
    private static final class Actor {
        final long msisdn;
        final String device;
        final String ip;
        final double dailyRate;

        Actor(long msisdn, String device, String ip, double dailyRate) {
            this.msisdn = msisdn;
            this.device = device;
            this.ip = ip;
            this.dailyRate = dailyRate;
        }
    }

    private static final String[] VIRTUAL_BLOCKS = {"1700", "1701", "1702", "1703", "1705", "1706", "1704", "1707",
        "1708", "1709", "1710", "1711"};

    private final World world;
    private final Horizon horizon;
    private final RandomSource random;
    private final List<Actor> actors = new ArrayList<>();

    /**
     * @param world the run
     * @param random this pattern's stream
     * @param users the number of ordinary subscribers, which the actors scale with
     * @param legit where the new owners of recycled numbers join the ordinary customers
     */
    BlacklistedPattern(World world, RandomSource random, int users, LegitTraffic legit) {
        this.world = world;
        this.horizon = world.horizon;
        this.random = random;
        listedNumbers(Math.max(2, Math.round(users * 0.0018f)));
        listedSegments(Math.max(1, Math.round(users / 7_000f)), Math.max(2, Math.round(users * 0.0012f)));
        listedDevices(Math.max(1, Math.round(users / 4_000f)));
        listedAddresses(Math.max(1, Math.round(users / 4_000f)));
        recycledNumbers(Math.max(1, Math.round(users * 0.0005f)), legit);
    }

    private void listedNumbers(int count) {
        for (int i = 0; i < count; i++) {
            long number = world.identities.number();
            world.reference.profile(Profiles.ordinary(horizon, random, number));
            ListSource source = ListSource.values()[i % ListSource.values().length];
            double when = random.nextDouble();
            long added;
            Long expires = null;
            if (when < 0.65) {
                added = horizon.start() - random.between(5 * Horizon.DAY, 300 * Horizon.DAY);
            } else if (when < 0.9) {
                added = during(0.15, 0.85); // listed mid-period: earlier charges go through
            } else {
                added = horizon.start() - random.between(60 * Horizon.DAY, 120 * Horizon.DAY);
                expires = during(0.2, 0.8); // a fixed-term listing that lapses while the actor goes on
            }
            world.reference.listEntry(new ReferenceData.ListEntry(ListKind.MSISDN, Long.toString(number), source,
                    numberReason(source), added, expires));
            actors.add(new Actor(number, world.identities.device(), null, random.between(12, 35) / 100.0));
        }
    }

    private void listedSegments(int segments, int numbers) {
        List<String> prefixes = new ArrayList<>();
        for (int i = 0; i < segments; i++) {
            String block = VIRTUAL_BLOCKS[random.nextInt(VIRTUAL_BLOCKS.length)];
            String prefix = i % 3 == 2 ? block + random.nextInt(10) + random.nextInt(10)
                    : block + random.nextInt(10) + random.nextInt(10) + random.nextInt(10);
            if (prefixes.contains(prefix)) {
                continue;
            }
            prefixes.add(prefix);
            long added = random.chance(0.75) ? horizon.start() - random.between(10 * Horizon.DAY, 200 * Horizon.DAY)
                    : during(0.2, 0.7);
            world.reference.listEntry(new ReferenceData.ListEntry(ListKind.MSISDN_PREFIX, prefix,
                    random.chance(0.5) ? ListSource.REGULATOR : ListSource.INTERNAL,
                    "Virtual-operator segment sold in bulk to SIM farms", added, null));
        }
        for (int i = 0; i < numbers; i++) {
            long number = world.identities.numberWithPrefix(random, prefixes.get(i % prefixes.size()));
            if (random.chance(0.4)) {
                LocalDate activated = horizon.date(0).minusDays(random.between(10, 120));
                world.reference.profile(Profiles.fresh(random, number, activated, random.between(20, 50) * 100L));
            }
            actors.add(new Actor(number, world.identities.device(), null, random.between(8, 20) / 100.0));
        }
    }

    private void listedDevices(int devices) {
        for (int i = 0; i < devices; i++) {
            String device = world.identities.device();
            long added = horizon.start() - random.between(5 * Horizon.DAY, 100 * Horizon.DAY);
            // Fingerprint entries are kept 30-60 days; this emulator outlives its entry.
            Long expires = random.chance(0.3) ? during(0.3, 0.7) : null;
            world.reference.listEntry(new ReferenceData.ListEntry(ListKind.DEVICE, device, ListSource.INTERNAL,
                    "Emulator fingerprint seen in a toll-fraud farm", added, expires));
            int numbers = random.between(2, 5);
            for (int j = 0; j < numbers; j++) {
                long number = world.identities.number();
                if (random.chance(0.6)) {
                    world.reference.profile(Profiles.ordinary(horizon, random, number));
                }
                actors.add(new Actor(number, device, world.identities.cloudIp(), random.between(5, 15) / 100.0));
            }
        }
    }

    private void listedAddresses(int addresses) {
        for (int i = 0; i < addresses; i++) {
            String ip = world.identities.cloudIp();
            long added = random.chance(0.75) ? horizon.start() - random.between(5 * Horizon.DAY, 150 * Horizon.DAY)
                    : during(0.2, 0.7);
            ListSource source = random.pick(new ListSource[] {ListSource.CARRIER, ListSource.COMPLIANCE,
                ListSource.INTERNAL});
            world.reference.listEntry(new ReferenceData.ListEntry(ListKind.IP, ip, source,
                    "Proxy exit node used to mask SIM-farm traffic", added, null));
            int numbers = random.between(4, 12);
            for (int j = 0; j < numbers; j++) {
                long number = world.identities.number();
                if (random.chance(0.7)) {
                    world.reference.profile(Profiles.ordinary(horizon, random, number));
                }
                actors.add(new Actor(number, world.identities.device(), ip, random.between(4, 10) / 100.0));
            }
        }
    }

    /** Listed numbers closed, delisted and reissued by the carrier (号码回收): the new owners are ordinary customers. */
    private void recycledNumbers(int count, LegitTraffic legit) {
        for (int i = 0; i < count; i++) {
            long number = world.identities.number();
            long expired = horizon.start() - random.between(30 * Horizon.DAY, 150 * Horizon.DAY);
            long added = expired - random.between(180 * Horizon.DAY, 500 * Horizon.DAY);
            world.reference.listEntry(new ReferenceData.ListEntry(ListKind.MSISDN, Long.toString(number),
                    ListSource.CARRIER, "Carrier notice: number used for bulk SP subscriptions", added, expired));
            LocalDate reissued = Horizon.dateOf(expired).plusDays(random.between(1, 25));
            legit.recycledNumberOwner(number, reissued);
        }
    }

    private long during(double from, double to) {
        long length = horizon.end() - horizon.start();
        return horizon.start() + (long) (length * (from + (to - from) * random.nextDouble()));
    }

    private static String numberReason(ListSource source) {
        return switch (source) {
            case CARRIER -> "Carrier notice: number used for bulk SP subscriptions";
            case REGULATOR -> "MIIT notice: number linked to complaint-for-refund fraud";
            case INTERNAL -> "Risk team: chargebacks confirmed on this number";
            case COMPLIANCE -> "Compliance review: repeated unauthorised-charge claims";
        };
    }

    @Override
    public void day(int day) {
        for (Actor actor : actors) {
            int charges = random.poisson(actor.dailyRate);
            for (int i = 0; i < charges; i++) {
                long ts = Habits.timeOn(horizon, random, day, Habits.HOURS);
                Merchant merchant = world.catalogue.merchant(random);
                Product product = random.chance(0.7) ? merchant.perUseAtLeast(random, 1000) : merchant.perUse(random);
                PayMode mode = PayMode.values()[random.weighted(new double[] {30, 55, 15})];
                String ip = actor.ip != null ? actor.ip : world.identities.mobileIp(random);
                world.charges.add(new Charge(ts, actor.msisdn, null, product, ChargeKind.INITIAL, mode, actor.device, ip,
                        mode == PayMode.SMS_DIRECT ? Charge.NO_OTP : Habits.humanOtp(random), Label.BLACKLISTED));
            }
        }
    }
}
