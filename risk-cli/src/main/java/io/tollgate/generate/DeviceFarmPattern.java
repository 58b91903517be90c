package io.tollgate.generate;

import io.tollgate.charge.ChargeKind;
import io.tollgate.charge.PayMode;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Device and SIM farms, labelled {@code device_farm} — every charge they make, the first SIM's
 * included. A farm buys SIMs in bulk (near-consecutive numbers of one segment, activated a day or
 * a few before use, mostly without a profile the carrier has synced to us) and on the days it
 * works runs them through quickly: a SIM goes in, buys one to three 10-30 CNY items in a minute or
 * two with the OTP relayed by a modem script, and the next SIM goes in. Some farms swap SIMs in one
 * or two handsets (one device id, many numbers); others run emulators that reset their device id
 * for every SIM, so only their few proxy addresses tie the numbers together. SIMs come back on
 * later runs now and then. Not thread-safe.
 */
final class DeviceFarmPattern implements Pattern {
    private static final class Sim {
        final long msisdn;
        Sim(long msisdn) {
            this.msisdn = msisdn;
        }
    }

    private static final class Farm {
        final boolean emulators;
        final String[] devices;
        final String[] ips;
        final List<Merchant> targets = new ArrayList<>();
        final int firstDay;
        final double workChance;
        final Deque<Sim> fresh = new ArrayDeque<>();
        final List<Sim> used = new ArrayList<>();

        Farm(boolean emulators, String[] devices, String[] ips, int firstDay, double workChance) {
            this.emulators = emulators;
            this.devices = devices;
            this.ips = ips;
            this.firstDay = firstDay;
            this.workChance = workChance;
        }
    }

    private final World world;
    private final Horizon horizon;
    private final RandomSource random;
    private final List<Farm> farms = new ArrayList<>();

    /**
     * @param world the run
     * @param random this pattern's stream
     * @param users the number of ordinary subscribers, which the number of farms scales with
     */
    DeviceFarmPattern(World world, RandomSource random, int users) {
        this.world = world;
        this.horizon = world.horizon;
        this.random = random;
        int count = Math.max(2, Math.round(users / 2_000f));
        for (int i = 0; i < count; i++) {
            boolean emulators = i % 5 == 1 || i % 5 == 3;
            String[] devices = new String[emulators ? 0 : random.between(1, 2)];
            for (int d = 0; d < devices.length; d++) {
                devices[d] = world.identities.device();
            }
            String[] ips = new String[emulators ? random.between(2, 4) : random.between(1, 3)];
            for (int a = 0; a < ips.length; a++) {
                ips[a] = world.identities.cloudIp();
            }
            Farm farm = new Farm(emulators, devices, ips, random.nextInt(Math.max(1, horizon.days() / 3)),
                    random.between(20, 40) / 100.0);
            int targets = random.between(1, 3);
            for (int t = 0; t < targets; t++) {
                farm.targets.add(world.catalogue.smallMerchant(random));
            }
            farms.add(farm);
        }
    }

    @Override
    public void day(int day) {
        for (Farm farm : farms) {
            if (day < farm.firstDay || (day > farm.firstDay && !random.chance(farm.workChance))) {
                continue;
            }
            long ts = Habits.timeOn(horizon, random, day, Habits.AROUND_THE_CLOCK);
            int sims = random.between(6, 25);
            for (int i = 0; i < sims; i++) {
                Sim sim = !farm.used.isEmpty() && random.chance(0.25) ? farm.used.get(random.nextInt(farm.used.size()))
                        : fresh(farm, day);
                String device = farm.emulators ? world.identities.device() : random.pick(farm.devices);
                String ip = random.pick(farm.ips);
                int items = 1 + random.weighted(new double[] {55, 30, 15});
                for (int j = 0; j < items; j++) {
                    Merchant merchant = random.pick(farm.targets);
                    Product product = random.chance(0.85) ? merchant.perUseAtLeast(random, 1000) : merchant.perUse(random);
                    PayMode mode = random.chance(0.7) ? PayMode.SMS_OTP : PayMode.SMS_DIRECT;
                    world.charges.add(new Charge(ts, sim.msisdn, null, product, ChargeKind.INITIAL, mode, device, ip,
                            mode == PayMode.SMS_OTP ? Habits.modemOtp(random) : Charge.NO_OTP, Label.DEVICE_FARM));
                    ts += random.between(20, 90);
                }
                ts += random.between(30, 240); // swapping the SIM, or resetting the emulator
            }
        }
    }

    /** @return the next SIM of the farm's stock, buying a new batch when it has run out */
    private Sim fresh(Farm farm, int day) {
        if (farm.fresh.isEmpty()) {
            long[] numbers = world.identities.block(random, random.between(30, 80));
            LocalDate activated = horizon.date(day).minusDays(random.between(1, 4));
            boolean synced = random.chance(0.35);
            for (long number : numbers) {
                if (synced) {
                    world.reference.profile(Profiles.fresh(random, number, activated, random.between(10, 50) * 100L));
                }
                farm.fresh.add(new Sim(number));
            }
        }
        Sim sim = farm.fresh.poll();
        farm.used.add(sim);
        return sim;
    }
}
