package io.tollgate.generate;

import io.tollgate.charge.ChargeKind;
import io.tollgate.charge.PayMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Numbers that spend past the carriers' caps of 100 CNY a day or 300 CNY a month. A charge is
 * labelled {@code over_cap} when it takes the number's spend that China day or month past the cap;
 * the purchases before that are ordinary ({@code legit}): until the cap is crossed there is nothing
 * wrong with them, and a rule that stopped them would stop every player. Bingers are game
 * players who on some evenings buy 10-30 CNY items every few minutes until they have spent 110-260
 * CNY; heavy spenders stay under the daily cap but buy 40-95 CNY worth on most days, so the month
 * passes 300 CNY within the first week or two. Both otherwise look like ordinary customers:
 * their own handset, a code typed in seconds, an established line. Not thread-safe.
 */
final class OverCapPattern implements Pattern {
    private static final class Spender {
        final long msisdn;
        final String device;
        final String homeIp;
        final Merchant game;
        final boolean binger;
        final java.util.Map<Long, Long> spentByDay = new java.util.HashMap<>();
        final java.util.Map<Integer, Long> spentByMonth = new java.util.HashMap<>();

        Spender(long msisdn, String device, String homeIp, Merchant game, boolean binger) {
            this.msisdn = msisdn;
            this.device = device;
            this.homeIp = homeIp;
            this.game = game;
            this.binger = binger;
        }
    }

    /** The carriers' usual caps, which label the charges that cross them (the rules hold their own copy). */
    private static final long DAILY_CAP_FEN = 10_000;
    private static final long MONTHLY_CAP_FEN = 30_000;

    private final World world;
    private final Horizon horizon;
    private final RandomSource random;
    private final List<Spender> spenders = new ArrayList<>();

    /**
     * @param world the run
     * @param random this pattern's stream
     * @param users the number of ordinary subscribers, which the spenders scale with
     */
    OverCapPattern(World world, RandomSource random, int users) {
        this.world = world;
        this.horizon = world.horizon;
        this.random = random;
        int count = Math.max(2, Math.round(users * 0.0008f));
        for (int i = 0; i < count; i++) {
            long number = world.identities.number();
            ReferenceData.Profile profile = Profiles.ordinary(horizon, random, number);
            if (profile.plan() == io.tollgate.signals.subscriber.Plan.PREPAID) {
                profile = new ReferenceData.Profile(number, profile.carrier(), profile.activatedOn(), profile.plan(),
                        random.between(500, 1_000) * 100L, 0, profile.status(), null, profile.updatedAt());
            }
            world.reference.profile(profile);
            spenders.add(new Spender(number, world.identities.device(), world.identities.actorHomeIp(),
                    world.catalogue.merchant(random), i % 5 < 3));
        }
    }

    @Override
    public void day(int day) {
        for (Spender spender : spenders) {
            if (spender.binger) {
                if (random.chance(0.12)) {
                    spend(spender, Habits.timeOn(horizon, random, day, Habits.EVENING), random.between(110, 260) * 100L,
                            90, 600);
                } else if (random.chance(0.1)) {
                    spend(spender, Habits.timeOn(horizon, random, day, Habits.HOURS), 1, 0, 0);
                }
            } else if (random.chance(0.4)) {
                long budget = random.between(40, 95) * 100L;
                int sessions = random.between(2, 4);
                long slot = 15 * Horizon.HOUR / sessions; // spread between 08:00 and 23:00
                for (int i = 0; i < sessions; i++) {
                    long ts = horizon.dayStart(day) + 8 * Horizon.HOUR + i * slot + random.between(0L, slot - 1);
                    spend(spender, ts, budget / sessions, 60, 300);
                }
            }
        }
    }

    /** Buys from the player's game until {@code target} fen are spent, an item every {@code minGap}-{@code maxGap} s. */
    private void spend(Spender spender, long ts, long target, int minGap, int maxGap) {
        PayMode mode = spender.game.mode(random);
        String ip = random.chance(0.6) ? spender.homeIp : world.identities.mobileIp(random);
        long spent = 0;
        while (spent < target) {
            Product product = spender.game.perUseAtLeast(random, random.chance(0.5) ? 1000 : 500);
            // A charge past the cap is not collected, so it does not add to what the number has spent.
            long day = Horizon.dateOf(ts).toEpochDay();
            int monthKey = Horizon.monthOf(ts);
            long today = spender.spentByDay.getOrDefault(day, 0L) + product.amountFen();
            long month = spender.spentByMonth.getOrDefault(monthKey, 0L) + product.amountFen();
            Label label = today > DAILY_CAP_FEN || month > MONTHLY_CAP_FEN ? Label.OVER_CAP : Label.LEGIT;
            if (label == Label.LEGIT) {
                spender.spentByDay.put(day, today);
                spender.spentByMonth.put(monthKey, month);
            }
            world.charges.add(new Charge(ts, spender.msisdn, null, product, ChargeKind.INITIAL, mode, spender.device, ip,
                    mode == PayMode.SMS_DIRECT ? Charge.NO_OTP : Habits.humanOtp(random), label));
            spent += product.amountFen();
            ts += random.between(minGap, Math.max(minGap, maxGap));
        }
    }
}
