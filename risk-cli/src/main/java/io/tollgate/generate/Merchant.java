package io.tollgate.generate;

import io.tollgate.charge.BillingType;
import io.tollgate.charge.PayMode;
import java.util.ArrayList;
import java.util.List;

/**
 * A service provider (SP) and its products. Its integration decides how its users pay: some send
 * nearly everything through the OTP page, some through the carrier's WAP page, game SDKs often
 * charge by SMS without confirmation. Not thread-safe while the catalogue is being built, read-only after.
 */
final class Merchant {
    private static final PayMode[] MODES = {PayMode.SMS_OTP, PayMode.WAP, PayMode.SMS_DIRECT};

    private final String id;
    private final int rank;
    private final double[] modeWeights;
    private final List<Product> ordinary = new ArrayList<>();
    private final List<Product> perUse = new ArrayList<>();
    private final List<Product> subscriptions = new ArrayList<>();
    private final List<Product> bigTickets = new ArrayList<>();

    /**
     * @param id e.g. {@code M1004}
     * @param rank 0 for the most popular merchant
     * @param modeWeights relative weights of SMS_OTP, WAP and SMS_DIRECT
     */
    Merchant(String id, int rank, double[] modeWeights) {
        this.id = id;
        this.rank = rank;
        this.modeWeights = modeWeights.clone();
    }

    String id() {
        return id;
    }

    int rank() {
        return rank;
    }

    /** Adds a product with the next number, e.g. {@code P1004-03}. */
    Product add(BillingType billingType, long amountFen, boolean bigTicket) {
        int number = ordinary.size() + bigTickets.size() + 1;
        Product product = new Product(String.format("P%s-%02d", id.substring(1), number), this, billingType,
                amountFen, bigTicket);
        if (bigTicket) {
            bigTickets.add(product);
        } else {
            ordinary.add(product);
            (product.subscription() ? subscriptions : perUse).add(product);
        }
        return product;
    }

    List<Product> products() {
        List<Product> all = new ArrayList<>(ordinary);
        all.addAll(bigTickets);
        return all;
    }

    List<Product> subscriptions() {
        return subscriptions;
    }

    List<Product> bigTickets() {
        return bigTickets;
    }

    boolean hasRolling() {
        return subscriptions.stream().anyMatch(product -> product.billingType() == BillingType.MONTHLY_ROLLING);
    }

    /** @return any ordinary product, per use or subscription */
    Product any(RandomSource random) {
        return random.pick(ordinary);
    }

    /** @return a per-use product */
    Product perUse(RandomSource random) {
        return random.pick(perUse);
    }

    /** @return a subscription product, or {@code null} when it sells none */
    Product subscription(RandomSource random) {
        return subscriptions.isEmpty() ? null : random.pick(subscriptions);
    }

    /** @return a per-use product costing at most {@code maxFen}, or {@code null} when there is none */
    Product perUseAtMost(RandomSource random, long maxFen) {
        List<Product> affordable = perUse.stream().filter(product -> product.amountFen() <= maxFen).toList();
        return affordable.isEmpty() ? null : random.pick(affordable);
    }

    /** @return a per-use product costing at least {@code minFen}, or the dearest one */
    Product perUseAtLeast(RandomSource random, long minFen) {
        List<Product> dear = perUse.stream().filter(product -> product.amountFen() >= minFen).toList();
        if (!dear.isEmpty()) {
            return random.pick(dear);
        }
        return perUse.stream().max((a, b) -> Long.compare(a.amountFen(), b.amountFen())).orElseThrow();
    }

    /** @return how this merchant's integration charges one purchase */
    PayMode mode(RandomSource random) {
        return MODES[random.weighted(modeWeights)];
    }
}
