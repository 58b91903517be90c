package io.tollgate.signals.velocity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class KeyedTableTest {
    /** Values are {@code long[] {key, payload}}. */
    private static KeyedTable table() {
        return new KeyedTable();
    }

    private static void put(KeyedTable table, long key, long payload) {
        KeyedTable.Stripe stripe = table.stripe(key);
        synchronized (stripe) {
            stripe.put(key, new long[] {key, payload});
        }
    }

    private static Long get(KeyedTable table, long key) {
        KeyedTable.Stripe stripe = table.stripe(key);
        synchronized (stripe) {
            long[] value = (long[]) stripe.get(key);
            return value == null ? null : value[1];
        }
    }

    private static void remove(KeyedTable table, long key) {
        KeyedTable.Stripe stripe = table.stripe(key);
        synchronized (stripe) {
            stripe.remove(key);
        }
    }

    @Test
    void grows_keepingEveryKey() {
        KeyedTable table = table();
        for (long key = 0; key < 100_000; key++) {
            put(table, key * 7919, key);
        }

        assertThat(table.size()).isEqualTo(100_000);
        for (long key = 0; key < 100_000; key++) {
            assertThat(get(table, key * 7919)).isEqualTo(key);
        }
        assertThat(get(table, 3)).isNull();
    }

    @Test
    void put_replacesTheValueOfAKey() {
        KeyedTable table = table();
        put(table, 42, 1);
        put(table, 42, 2);

        assertThat(get(table, 42)).isEqualTo(2);
        assertThat(table.size()).isEqualTo(1);
    }

    @Test
    void remove_keepsTheKeysThatProbedPastIt() {
        // One stripe of at most 12 keys: every key collides with others and probes past them.
        KeyedTable table = table();
        KeyedTable.Stripe stripe = table.stripe(0);
        List<Long> keys = new ArrayList<>();
        for (long key = 0; keys.size() < 12; key++) {
            if (table.stripe(key) == stripe) {
                keys.add(key);
                put(table, key, key + 1);
            }
        }
        List<Long> order = new ArrayList<>(keys);
        Collections.shuffle(order, new java.util.Random(7));
        for (int i = 0; i < order.size(); i++) {
            remove(table, order.get(i));
            assertThat(get(table, order.get(i))).isNull();
            for (Long left : order.subList(i + 1, order.size())) {
                assertThat(get(table, left)).as("key %d after removing %s", left, order.subList(0, i + 1))
                        .isEqualTo(left + 1);
            }
        }
        assertThat(table.size()).isZero();
    }

    @Test
    void removeMany_thenFindsTheRest() {
        KeyedTable table = table();
        SplittableRandom random = new SplittableRandom(1);
        List<Long> keys = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            long key = random.nextLong();
            keys.add(key);
            put(table, key, i);
        }
        for (int i = 0; i < keys.size(); i += 2) {
            remove(table, keys.get(i));
        }

        assertThat(table.size()).isEqualTo(10_000);
        for (int i = 0; i < keys.size(); i++) {
            assertThat(get(table, keys.get(i))).isEqualTo(i % 2 == 0 ? null : (long) i);
        }
    }

    @Test
    void replaceAll_updatesAndRemoves() {
        KeyedTable table = table();
        for (long key = 1; key <= 1_000; key++) {
            put(table, key, key);
        }

        int removed = table.replaceAll(value -> {
            long[] pair = (long[]) value;
            return pair[1] % 10 == 0 ? new long[] {pair[0], -pair[1]} : null;
        });

        assertThat(removed).isEqualTo(900);
        assertThat(table.size()).isEqualTo(100);
        assertThat(get(table, 20)).isEqualTo(-20);
        assertThat(get(table, 21)).isNull();
    }

    @Test
    void concurrentWriters_loseNothing() throws Exception {
        KeyedTable table = table();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                long thread = t;
                done.add(pool.submit(() -> {
                    for (long i = 0; i < 50_000; i++) {
                        long key = i * 4 + thread;
                        put(table, key, key);
                        if (i % 3 == 0) {
                            remove(table, key);
                        }
                        assertThat(get(table, key)).isEqualTo(i % 3 == 0 ? null : key);
                    }
                }));
            }
            for (Future<?> future : done) {
                future.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(table.size()).isEqualTo(200_000 - 4 * 16_667);
        for (long key = 0; key < 200_000; key++) {
            assertThat(get(table, key)).isEqualTo((key / 4) % 3 == 0 ? null : key);
        }
    }
}
