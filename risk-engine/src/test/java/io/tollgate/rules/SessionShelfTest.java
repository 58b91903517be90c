package io.tollgate.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SessionShelfTest {
    @Test
    void take_fromAnEmptyShelf_isNull() {
        assertThat(new SessionShelf<String>(4).take()).isNull();
    }

    @Test
    void take_afterPut_givesItBackOnce() {
        SessionShelf<String> shelf = new SessionShelf<>(4);

        assertThat(shelf.put("a")).isTrue();

        assertThat(shelf.take()).isEqualTo("a");
        assertThat(shelf.take()).isNull();
    }

    @Test
    void put_onAFullShelf_refusedAndKeepsWhatItHolds() {
        SessionShelf<String> shelf = new SessionShelf<>(2);
        shelf.put("a");
        shelf.put("b");

        assertThat(shelf.put("c")).isFalse();

        assertThat(List.of(shelf.take(), shelf.take())).containsExactlyInAnyOrder("a", "b");
        assertThat(shelf.take()).isNull();
    }

    @Test
    void takeAndPut_concurrently_neverHandOneValueToTwoTakers() throws Exception {
        SessionShelf<Integer> shelf = new SessionShelf<>(8);
        for (int i = 0; i < 8; i++) {
            shelf.put(i);
        }
        Set<Integer> held = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> workers = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                workers.add(pool.submit(() -> {
                    for (int n = 0; n < 100_000; n++) {
                        Integer value = shelf.take();
                        if (value == null) {
                            continue;
                        }
                        if (!held.add(value)) {
                            return false; // another taker holds it too
                        }
                        held.remove(value);
                        if (!shelf.put(value)) {
                            return false; // fewer values than slots: there is always room
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> worker : workers) {
                assertThat(worker.get(60, TimeUnit.SECONDS)).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
        List<Integer> left = new ArrayList<>();
        for (Integer value = shelf.take(); value != null; value = shelf.take()) {
            left.add(value);
        }
        assertThat(left).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5, 6, 7);
    }
}
