package io.tollgate.signals.velocity;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Approved charges per merchant per China calendar day, kept for the last 64 days in a ring, to
 * give the denominator of a merchant's complaint rate. Thread-safe.
 */
final class MerchantVolume {
    private static final int DAYS = 64;

    private final ConcurrentHashMap<String, Ring> byMerchant = new ConcurrentHashMap<>();

    private static final class Ring {
        private final long[] days = new long[DAYS];
        private final long[] counts = new long[DAYS];

        synchronized void add(long epochDay, long delta) {
            int slot = (int) Math.floorMod(epochDay, (long) DAYS);
            if (days[slot] != epochDay) {
                days[slot] = epochDay;
                counts[slot] = 0;
            }
            counts[slot] = Math.max(0, counts[slot] + delta);
        }

        synchronized long sum(long firstDay, long lastDay) {
            long total = 0;
            for (int i = 0; i < DAYS; i++) {
                if (days[i] >= firstDay && days[i] <= lastDay) {
                    total = Saturating.add(total, counts[i]);
                }
            }
            return total;
        }
    }

    void add(String merchantId, long epochDay, long delta) {
        byMerchant.computeIfAbsent(merchantId, id -> new Ring()).add(epochDay, delta);
    }

    /** @return approved charges of the merchant on the 30 China days ending with {@code today} */
    long last30Days(String merchantId, long today) {
        Ring ring = byMerchant.get(merchantId);
        return ring == null ? 0 : ring.sum(today - 29, today);
    }
}
